import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { SensorRef } from '../../../api/besmart/schemas.ts';
import { errorText } from '../../../components/error-message.ts';
import { SavedNote } from '../../../components/form/action-row.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n/messages-en.ts';
import { originLabel } from '../../../lib/origins.ts';
import { besmartInvalidate, besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useSessions } from '../../../lib/session/context.tsx';
import {
  MAX_IMPORT_ROWS,
  chunkPayload,
  chunkRows,
  lineRanges,
  parseImport,
  uploadChunks,
  type ImportChunk,
  type ImportParse,
  type ImportProblem,
  type ImportRow,
} from './data-import.ts';
import { useUnsavedChanges } from '../../../components/form/use-unsaved-changes.ts';

export const CHUNK_ROWS = 1_000;
const SHOWN_PROBLEMS = 100;
const PREVIEW_ROWS = 10;

const PROBLEM_KEYS: Record<ImportProblem['code'], MessageKey> = {
  fields: 'edit.import.problem.fields',
  tooManyFields: 'edit.import.problem.tooManyFields',
  timeMissing: 'edit.import.problem.timeMissing',
  time: 'edit.import.problem.time',
  value: 'edit.import.problem.value',
  origin: 'edit.import.problem.origin',
  unit: 'edit.import.problem.unit',
  duplicate: 'edit.import.problem.duplicate',
  quotes: 'edit.import.problem.quotes',
};

type Upload =
  | { status: 'idle' }
  | { status: 'running'; chunks: ImportChunk[]; saved: number }
  | { status: 'done'; chunks: ImportChunk[] }
  | { status: 'failed' | 'stopped'; chunks: ImportChunk[]; saved: number; error: unknown };

interface Signal {
  moid: number;
  symbol: string;
  unit: string;
}

/**
 * Bulk import into one signal from a CSV file or pasted text: a preview and a
 * line-by-line report first, then an upload in chunks of 1,000 rows with a
 * progress bar. A failure part-way names the lines saved and not saved, and
 * Resume carries on from the first chunk not saved.
 */
export function ImportPanel({ sensorRef, signal }: { sensorRef: SensorRef; signal: Signal }) {
  const { t, dateTime, number } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const importChunk = useMutation(besmartMutations.importChunk(sessions.besmart));
  const uid = useId();
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [parsed, setParsed] = useState<ImportParse | null>(null);
  const [upload, setUpload] = useState<Upload>({ status: 'idle' });
  const stop = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  useUnsavedChanges(upload.status === 'running', t('edit.import.leaveWhileRunning'));
  // Leaving (or choosing another signal) stops an upload between chunks, as the warning says.
  useEffect(
    () => () => {
      stop.current = true;
    },
    [],
  );

  const source = file?.text ?? text;
  const check = (input = source) => {
    setUpload({ status: 'idle' });
    setParsed(parseImport(input, signal.unit));
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    if (!chosen) return;
    const content = await chosen.text();
    setFile({ name: chosen.name, text: content });
    check(content);
  };

  const run = async (chunks: ImportChunk[], from: number) => {
    stop.current = false;
    setUpload({ status: 'running', chunks, saved: from });
    const put = (chunk: ImportChunk) =>
      importChunk.mutateAsync({
        signal: { ...sensorRef, signal_type_moid: signal.moid },
        data: chunkPayload(chunk.rows),
        unit: signal.unit,
      });
    const outcome = await uploadChunks(
      chunks,
      from,
      put,
      (saved) => setUpload({ status: 'running', chunks, saved }),
      () => stop.current,
    );
    if (outcome.status === 'done') setUpload({ status: 'done', chunks });
    else
      setUpload({
        status: outcome.status,
        chunks,
        saved: outcome.savedChunks,
        error: outcome.status === 'failed' ? outcome.error : null,
      });
    if (outcome.savedChunks > from) await besmartInvalidate.signals(queryClient, sensorRef);
  };

  const rows = parsed?.rows ?? [];
  const tooMany = rows.length > MAX_IMPORT_ROWS;
  // Line numbers are written plainly (5001, not 5,001), as editors show them.
  const linesOf = (list: readonly ImportRow[]) => lineRanges(list.map((r) => r.line));
  const savedRows = (chunks: ImportChunk[], n: number) => chunks.slice(0, n).flatMap((c) => c.rows);
  // Summaries of up to 200,000 rows: worked out once per outcome, not on every render.
  const summary = useMemo(() => {
    if (upload.status === 'done') return { lines: linesOf(upload.chunks.flatMap((c) => c.rows)) };
    if (upload.status !== 'failed' && upload.status !== 'stopped') return null;
    const saved = savedRows(upload.chunks, upload.saved);
    const unsaved = upload.chunks.slice(upload.saved).flatMap((c) => c.rows);
    return { saved: saved.length, savedLines: linesOf(saved), unsaved: unsaved.length, unsavedLines: linesOf(unsaved) };
  }, [upload]);
  const total = rows.length;
  const running = upload.status === 'running';

  return (
    <section className="import-panel" aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`}>{t('edit.import.title', { signal: signal.symbol })}</h3>
      <p className="field-hint">{t('edit.import.format', { unit: signal.unit || '—' })}</p>
      <div className="edit-grid">
        <div className="field">
          <label htmlFor={`${uid}-file`}>{t('edit.import.file')}</label>
          <input
            id={`${uid}-file`}
            type="file"
            accept=".csv,text/csv,text/plain"
            disabled={running}
            ref={fileInput}
            onChange={(e) => void onFile(e)}
          />
          {file ? (
            <small className="field-hint">
              {t('edit.import.fileChosen', { name: file.name })}{' '}
              <button
                type="button"
                className="link-button"
                disabled={running}
                onClick={() => {
                  setFile(null);
                  setParsed(null);
                  setUpload({ status: 'idle' });
                  // So choosing the same file again reads it again.
                  if (fileInput.current) fileInput.current.value = '';
                }}
              >
                {t('edit.import.fileForget')}
              </button>
            </small>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${uid}-text`}>{t('edit.import.paste')}</label>
          <textarea
            id={`${uid}-text`}
            rows={4}
            className="mono"
            spellCheck={false}
            disabled={file !== null || running}
            placeholder={'2026-11-01T00:00:00Z,12.5,measured'}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              // New text needs a new check; a failed upload of the old text cannot be resumed with it.
              setParsed(null);
              setUpload({ status: 'idle' });
            }}
          />
        </div>
      </div>
      <div className="form-actions">
        <button type="button" disabled={source.trim() === '' || running} onClick={() => check()}>
          {t('edit.import.check')}
        </button>
      </div>

      {parsed ? (
        <div className="import-report">
          <p role="status">
            {t('edit.import.summary', { count: parsed.lines, ready: rows.length, problems: parsed.problems.length })}
            {parsed.headerLine !== null ? ` ${t('edit.import.header', { line: String(parsed.headerLine) })}` : ''}
          </p>
          {parsed.problems.length > 0 ? (
            <>
              <h4 id={`${uid}-problems`}>{t('edit.import.problemsTitle', { count: parsed.problems.length })}</h4>
              {/* A long list scrolls (max-height): focusable, so it can be scrolled with the keyboard (WCAG 2.1.1). */}
              {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll container must take the focus */}
              <ul className="problems" aria-labelledby={`${uid}-problems`} tabIndex={0}>
                {parsed.problems.slice(0, SHOWN_PROBLEMS).map((p) => (
                  <li key={p.line}>
                    {t('edit.import.line', { line: String(p.line) })}: {t(PROBLEM_KEYS[p.code], { detail: p.detail })}
                  </li>
                ))}
              </ul>
              {parsed.problems.length > SHOWN_PROBLEMS ? (
                <p>{t('edit.import.moreProblems', { count: parsed.problems.length - SHOWN_PROBLEMS })}</p>
              ) : null}
            </>
          ) : null}
          {rows.length > 0 ? (
            <div className="table-scroll">
              <table className="data-table">
                <caption>
                  {t('edit.import.preview', { count: Math.min(PREVIEW_ROWS, rows.length), total: rows.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('edit.import.lineCol')}</th>
                    <th scope="col">{t('edit.data.time')}</th>
                    <th scope="col">{t('edit.data.value')}</th>
                    <th scope="col">{t('edit.data.origin')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(0, PREVIEW_ROWS).map((r) => (
                    <tr key={r.line}>
                      <td className="num">{r.line}</td>
                      <td>{dateTime(r.time, { dateStyle: 'medium', timeStyle: 'medium' })}</td>
                      <td className="num">{r.value === null ? t('edit.data.missing') : number(r.value)}</td>
                      <td>{originLabel(t, r.origin)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {tooMany ? (
            <p className="form-failure" role="alert">
              {t('edit.import.tooMany', { max: MAX_IMPORT_ROWS })}
            </p>
          ) : null}
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={rows.length === 0 || tooMany || upload.status !== 'idle'}
              onClick={() => void run(chunkRows(rows, CHUNK_ROWS), 0)}
            >
              {t('edit.import.start', { count: rows.length })}
            </button>
            {running ? (
              <button type="button" onClick={() => (stop.current = true)}>
                {t('edit.import.stop')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      {upload.status === 'running' ? (
        <div className="import-progress">
          <progress
            aria-label={t('edit.import.progress')}
            max={total}
            value={savedRows(upload.chunks, upload.saved).length}
          />
          <span aria-live="polite">
            {t('edit.import.running', { saved: savedRows(upload.chunks, upload.saved).length, total })}
          </span>
        </div>
      ) : null}
      {upload.status === 'done' ? (
        <SavedNote
          text={t('edit.import.done', { count: total, requests: upload.chunks.length, lines: summary?.lines ?? '' })}
        />
      ) : null}
      {upload.status === 'failed' || upload.status === 'stopped' ? (
        <div className="form-failure" role="alert">
          <p>
            {upload.status === 'failed'
              ? t('edit.import.failed', {
                  chunk: upload.saved + 1,
                  chunks: upload.chunks.length,
                  words: errorText(upload.error, t),
                })
              : t('edit.import.stopped')}
          </p>
          <p>
            {upload.saved === 0
              ? t('edit.import.savedNone')
              : t('edit.import.savedLines', { count: summary?.saved ?? 0, lines: summary?.savedLines ?? '' })}
          </p>
          <p>{t('edit.import.notSavedLines', { count: summary?.unsaved ?? 0, lines: summary?.unsavedLines ?? '' })}</p>
          <button type="button" className="primary" onClick={() => void run(upload.chunks, upload.saved)}>
            {t('edit.import.resume')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
