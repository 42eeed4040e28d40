import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import '../editing.css';
import { lazy, Suspense, useId, useState, type FormEvent } from 'react';
import type { SensorRef } from '../../../api/besmart/schemas.ts';
import { DataTable } from '../../../components/data-table.tsx';
import { SavedNote } from '../../../components/form/action-row.tsx';
import { LoadBoundary } from '../../../components/load-boundary.tsx';
import { Field } from '../../../components/form/field.tsx';
import { EmptyState, ErrorPanel, Skeleton } from '../../../components/query-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { KNOWN_ORIGINS, ORIGIN_MEASURED, originLabel } from '../../../lib/origins.ts';
import { besmartQueries } from '../../../lib/queries/besmart.ts';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useSessions } from '../../../lib/session/context.tsx';
import {
  type Changes,
  changeValue,
  countChanges,
  fieldErrors,
  pendingChanges,
  type PointChange,
  pointFormSchema,
  rangeFormSchema,
  savePlan,
  setChange,
  withoutSent,
  tableRows,
} from './data-edits.ts';
import { problemText, reportSaveError } from '../../../components/form/form-support.ts';
import { toLocalInputValue } from '../../../lib/local-time.ts';
import { useUnsavedChanges } from '../../../components/form/use-unsaved-changes.ts';

const ImportPanel = lazy(() => import('./import-panel.tsx').then((m) => ({ default: m.ImportPanel })));

export interface EditableSignal {
  moid: number;
  symbol: string;
  unit: string;
}

const PAGE = 25;
const HOUR = 3_600_000;

function defaultRange(): { since: number; till: number } {
  const till = Math.ceil(Date.now() / HOUR) * HOUR;
  return { since: till - 24 * HOUR, till };
}

/**
 * The signal data editor of a sensor: one signal over a range as a paged
 * table (local time, value, type, origin). Values are edited in place, points
 * added, and points deleted (sent as type "RM"). Edits of several signals are
 * kept together, listed in the save bar where each can be undone, and saved
 * with one multi-signal PUT; after saving, the chart and the table reload.
 * Bulk CSV import below.
 */
export function DataEditor({ sensorRef, signals }: { sensorRef: SensorRef; signals: readonly EditableSignal[] }) {
  const { t, dateTime } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const uid = useId();
  const [moid, setMoid] = useState<number | undefined>(signals[0]?.moid);
  const [range, setRange] = useState(defaultRange);
  const [sinceText, setSinceText] = useState(() => toLocalInputValue(range.since));
  const [tillText, setTillText] = useState(() => toLocalInputValue(range.till));
  const [rangeErrors, setRangeErrors] = useState<Record<string, string>>({});
  const [page, setPage] = useState(0);
  const [changes, setChanges] = useState<Changes>(new Map());
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [addTime, setAddTime] = useState('');
  const [addValue, setAddValue] = useState('');
  const [addOrigin, setAddOrigin] = useState<number>(ORIGIN_MEASURED);
  const [addErrors, setAddErrors] = useState<Record<string, string>>({});

  // A signal added or removed later (signal states) shows up here; the choice falls back to the first.
  const signal = signals.find((s) => s.moid === moid) ?? signals[0];
  const shownMoid = signal?.moid;
  const { client_cid, sensor_mid } = sensorRef;
  const data = useQuery({
    ...besmartQueries.signalTable(
      sessions.besmart,
      { client_cid, sensor_mid, signal_type_moid: shownMoid ?? 0 },
      range,
    ),
    enabled: shownMoid !== undefined,
  });
  const write = useMutation(besmartMutations.saveSignalData(sessions.besmart, queryClient, sensorRef));
  const counts = countChanges(changes);
  useUnsavedChanges(counts.points > 0, t('edit.unsaved'));

  if (signal === undefined) {
    return (
      <section className="panel" aria-labelledby={`${uid}-title`}>
        <h2 id={`${uid}-title`}>{t('edit.data.title')}</h2>
        <EmptyState>{t('edit.data.noSignals')}</EmptyState>
        {counts.points > 0 ? (
          <button type="button" onClick={() => setChanges(new Map())}>
            {t('edit.data.discard')}
          </button>
        ) : null}
      </section>
    );
  }

  const own = changes.get(signal.moid);
  const rows = tableRows(data.data?.[0]?.data, own, range.since, range.till);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * PAGE, current * PAGE + PAGE);
  const unit = data.data?.[0]?.unit || signal.unit;
  const when = (ms: number) => dateTime(ms, { dateStyle: 'medium', timeStyle: 'medium' });
  const symbolOf = (m: number) => signals.find((s) => s.moid === m)?.symbol ?? `#${m}`;
  const changeOf = (m: number, time: number, next: PointChange | null) => {
    setNote(null);
    setChanges((c) => setChange(c, m, time, next));
  };
  const change = (time: number, next: PointChange | null) => changeOf(signal.moid, time, next);
  const pendingText =
    t('edit.data.pending', { count: counts.points, signals: counts.signals }) +
    (counts.deletes > 0 ? ` ${t('edit.data.pendingDeletes', { count: counts.deletes })}` : '');
  const savedText = (c: typeof counts) =>
    c.deletes === 0
      ? t('edit.data.saved', { count: c.points, signals: c.signals })
      : c.deletes === c.points
        ? t('edit.data.deleted', { count: c.points, signals: c.signals })
        : `${t('edit.data.saved', { count: c.points, signals: c.signals })} ${t('edit.data.savedDeletes', { count: c.deletes })}`;

  const applyRange = (e: FormEvent) => {
    e.preventDefault();
    const parsed = rangeFormSchema.safeParse({ since: sinceText, till: tillText });
    if (!parsed.success) return setRangeErrors(fieldErrors(parsed.error));
    setRangeErrors({});
    setPage(0);
    setRange(parsed.data);
  };

  const addPoint = (e: FormEvent) => {
    e.preventDefault();
    const parsed = pointFormSchema.safeParse({ time: addTime, value: addValue, origin: addOrigin });
    if (!parsed.success) return setAddErrors(fieldErrors(parsed.error));
    setAddErrors({});
    const { time, value } = parsed.data;
    change(time, { kind: 'value', text: value, origin: addOrigin });
    setAddValue('');
    if (time >= range.since && time < range.till) {
      const at = tableRows(
        data.data?.[0]?.data,
        setChange(changes, signal.moid, time, null).get(signal.moid),
        range.since,
        range.till,
      ).filter((r) => r.time < time).length;
      setPage(Math.floor(at / PAGE));
    }
  };

  const unitOf = (m: number) => (m === signal.moid ? unit : (signals.find((s) => s.moid === m)?.unit ?? ''));
  const save = async () => {
    setFailure(null);
    setNote(null);
    if (counts.invalid > 0) return setFailure(t('edit.data.invalid', { count: counts.invalid }));
    const plan = savePlan(sensorRef, changes, unitOf);
    if (plan === null) return;
    setSaving(true);
    try {
      const sent = changes;
      const sentCounts = counts;
      // The chart and other tables reload in the background; this table's reload is awaited, so a deleted or
      // changed point never shows its old value between the save and the reload.
      await write.mutateAsync({ write: plan, awaitTable: { client_cid, sensor_mid, signal_type_moid: signal.moid } });
      // Only what was sent is done: an edit typed while the save was under way stays pending.
      setChanges((current) => withoutSent(current, sent));
      setNote(savedText(sentCounts));
    } catch (error) {
      reportSaveError(error, t, { fields: [] }, { fieldError: () => {}, failure: setFailure });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel data-editor" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('edit.data.title')}</h2>
      <form className="data-range" aria-label={t('edit.data.rangeForm')} noValidate onSubmit={applyRange}>
        <div className="field">
          <label htmlFor={`${uid}-signal`}>{t('edit.data.signal')}</label>
          <select
            id={`${uid}-signal`}
            value={signal.moid}
            onChange={(e) => {
              setMoid(Number(e.target.value));
              setPage(0);
            }}
          >
            {signals.map((s) => (
              <option key={s.moid} value={s.moid}>
                {s.symbol}
                {s.unit ? ` (${s.unit})` : ''}
                {changes.has(s.moid) ? ` — ${t('edit.data.edited')}` : ''}
              </option>
            ))}
          </select>
        </div>
        <Field
          id={`${uid}-since`}
          type="datetime-local"
          step={1}
          label={t('edit.data.from')}
          error={problemText(t, rangeErrors.since)}
          value={sinceText}
          onChange={(e) => setSinceText(e.target.value)}
        />
        <Field
          id={`${uid}-till`}
          type="datetime-local"
          step={1}
          label={t('edit.data.till')}
          error={problemText(t, rangeErrors.till)}
          value={tillText}
          onChange={(e) => setTillText(e.target.value)}
        />
        <button type="submit">{t('edit.data.show')}</button>
      </form>

      {data.isError ? (
        <ErrorPanel title={t('edit.data.failed')} error={data.error} onRetry={() => void data.refetch()} />
      ) : null}
      {data.data === undefined ? (
        data.isError ? null : (
          <Skeleton label={t('edit.data.loading')} />
        )
      ) : rows.length === 0 ? (
        <EmptyState>{t('edit.data.empty')}</EmptyState>
      ) : (
        <>
          <DataTable
            caption={t('edit.data.caption', {
              signal: signal.symbol,
              count: rows.length,
              from: when(range.since),
              till: when(range.till),
            })}
            className="data-points"
            rows={shown}
            rowKey={(row) => row.time}
            rowClassName={(row) =>
              row.change?.kind === 'delete' ? 'changed deleting' : row.change ? 'changed' : undefined
            }
            columns={[
              {
                id: 'time',
                header: t('edit.data.time'),
                rowHeader: true,
                cell: (row) => (
                  <>
                    {when(row.time)}
                    {row.stored === undefined ? <span className="badge">{t('edit.data.new')}</span> : null}
                    {row.change?.kind === 'delete' ? (
                      <span className="badge badge-delete">{t('edit.data.toDelete')}</span>
                    ) : null}
                  </>
                ),
              },
              {
                id: 'value',
                header: `${t('edit.data.value')}${unit ? ` (${unit})` : ''}`,
                cell: (row) => {
                  const at = when(row.time);
                  const value = row.change ? changeValue(row.change) : row.stored;
                  const invalid = value !== undefined && value !== null && Number.isNaN(value);
                  const storedText = row.stored === null || row.stored === undefined ? '' : String(row.stored);
                  const text = row.change?.kind === 'value' ? row.change.text : storedText;
                  const inputId = `${uid}-v-${row.time}`;
                  return (
                    <>
                      {row.change?.kind === 'delete' ? (
                        <del className="value-deleted">{storedText || t('edit.data.missing')}</del>
                      ) : (
                        <input
                          id={inputId}
                          className="value-input"
                          inputMode="decimal"
                          aria-label={t('edit.data.valueAt', { time: at })}
                          aria-invalid={invalid || undefined}
                          aria-describedby={invalid ? `${inputId}-message` : undefined}
                          placeholder={row.stored === null ? t('edit.data.missing') : ''}
                          value={text}
                          onChange={(e) => {
                            const typed = e.target.value;
                            change(
                              row.time,
                              typed === storedText && row.stored !== undefined
                                ? null
                                : { kind: 'value', text: typed, origin: row.origin },
                            );
                          }}
                        />
                      )}
                      {invalid ? (
                        <small id={`${inputId}-message`} className="field-error">
                          {t('edit.validation.number')}
                        </small>
                      ) : null}
                    </>
                  );
                },
              },
              { id: 'type', header: t('edit.data.type'), cell: (row) => row.type },
              { id: 'origin', header: t('edit.data.origin'), cell: (row) => originLabel(t, row.origin) },
            ]}
            actions={{
              header: t('edit.meter.actions'),
              more: (row) => {
                const at = when(row.time);
                const deleting = row.change?.kind === 'delete';
                return (
                  <>
                    {row.change?.kind === 'value' ? (
                      <button
                        type="button"
                        aria-label={t('edit.data.undoAt', { time: at })}
                        onClick={() => change(row.time, null)}
                      >
                        {t('edit.data.undo')}
                      </button>
                    ) : null}
                    {row.stored !== undefined ? (
                      // One button that turns into its own undo, so the keyboard focus stays on it.
                      <button
                        type="button"
                        className={deleting ? undefined : 'danger'}
                        aria-label={t(deleting ? 'edit.data.undoDeleteAt' : 'edit.data.deleteAt', { time: at })}
                        onClick={() => change(row.time, deleting ? null : { kind: 'delete', origin: row.origin })}
                      >
                        {deleting ? t('edit.data.undo') : t('edit.data.delete')}
                      </button>
                    ) : null}
                  </>
                );
              },
            }}
          />
          <nav className="pager" aria-label={t('edit.data.pages')}>
            <button type="button" disabled={current === 0} onClick={() => setPage(0)}>
              {t('edit.data.first')}
            </button>
            <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
              {t('edit.data.previous')}
            </button>
            <span aria-live="polite">{t('edit.data.pageOf', { page: current + 1, pages })}</span>
            <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              {t('edit.data.next')}
            </button>
            <button type="button" disabled={current >= pages - 1} onClick={() => setPage(pages - 1)}>
              {t('edit.data.last')}
            </button>
          </nav>
        </>
      )}

      <form className="data-add" aria-label={t('edit.data.addTitle')} noValidate onSubmit={addPoint}>
        <h3>{t('edit.data.addTitle')}</h3>
        <div className="edit-grid">
          <Field
            id={`${uid}-add-time`}
            type="datetime-local"
            step={1}
            label={t('edit.data.time')}
            hint={t('edit.state.localTime')}
            error={problemText(t, addErrors.time)}
            value={addTime}
            onChange={(e) => setAddTime(e.target.value)}
          />
          <Field
            id={`${uid}-add-value`}
            inputMode="decimal"
            label={t('edit.data.value')}
            error={problemText(t, addErrors.value)}
            value={addValue}
            onChange={(e) => setAddValue(e.target.value)}
          />
          <div className="field">
            <label htmlFor={`${uid}-add-origin`}>{t('edit.data.origin')}</label>
            <select id={`${uid}-add-origin`} value={addOrigin} onChange={(e) => setAddOrigin(Number(e.target.value))}>
              {KNOWN_ORIGINS.map((o) => (
                <option key={o} value={o}>
                  {originLabel(t, o)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit">{t('edit.data.add')}</button>
        </div>
      </form>

      <div className="save-bar" role="group" aria-label={t('edit.data.saveBar')}>
        {failure ? (
          <p className="form-failure" role="alert">
            {failure}
          </p>
        ) : null}
        <span>{counts.points === 0 ? t('edit.data.noChanges') : pendingText}</span>
        <button type="button" className="primary" disabled={counts.points === 0 || saving} onClick={() => void save()}>
          {saving ? t('edit.state.saving') : t('edit.data.save')}
        </button>
        <button
          type="button"
          disabled={counts.points === 0 || saving}
          onClick={() => {
            setChanges(new Map());
            setFailure(null);
          }}
        >
          {t('edit.data.discard')}
        </button>
        <SavedNote inline text={note} />
        {counts.points > 0 ? (
          <details className="pending-changes">
            <summary>{t('edit.data.changes')}</summary>
            <ul aria-label={t('edit.data.changesList')}>
              {pendingChanges(changes).map(({ moid: m, time, change: c }) => {
                const at = when(time);
                const signalName = symbolOf(m);
                return (
                  <li key={`${m}-${time}`} className={c.kind === 'delete' ? 'deleting' : undefined}>
                    <span>
                      {c.kind === 'delete'
                        ? t('edit.data.changeDelete', { signal: signalName, time: at })
                        : t('edit.data.changeValue', { signal: signalName, time: at, value: c.text })}
                    </span>{' '}
                    <button
                      type="button"
                      disabled={saving}
                      aria-label={t('edit.data.undoChangeOf', { signal: signalName, time: at })}
                      onClick={() => changeOf(m, time, null)}
                    >
                      {t('edit.data.undo')}
                    </button>
                  </li>
                );
              })}
            </ul>
          </details>
        ) : null}
      </div>

      <LoadBoundary>
        <Suspense fallback={<Skeleton label={t('edit.import.loading')} />}>
          <ImportPanel key={signal.moid} sensorRef={sensorRef} signal={{ ...signal, unit }} />
        </Suspense>
      </LoadBoundary>
    </section>
  );
}
