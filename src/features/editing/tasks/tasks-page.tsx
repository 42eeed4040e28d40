import { useMutation } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useId, useRef, useState } from 'react';
import { isApiError } from '../../../api/errors.ts';
import { ignoredTaskOptions, offersRawGraphs, type TaskOutcome } from '../../../api/besmart/schemas.ts';
import { errorText } from '../../../components/error-message.ts';
import { ActionRow, FormFailure, SavedNote } from '../../../components/form/action-row.tsx';
import { Field, TextArea } from '../../../components/form/field.tsx';
import { LocalTimeRange } from '../../../components/form/local-time-range.tsx';
import { useEditForm } from '../../../components/form/use-edit-form.ts';
import { LoadBoundary } from '../../../components/load-boundary.tsx';
import { Skeleton } from '../../../components/query-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useSessionState, useSessions } from '../../../lib/session/context.tsx';
import '../editing.css';
import { serverField, serverWords } from '../../../components/form/form-support.ts';
import { TASK_FIELDS, emptyTaskForm, taskFormSchema, taskOptions } from './task-schema.ts';
import { confirmLeave } from '../../../components/form/use-unsaved-changes.ts';

// recharts loads with a result, not with the page.
const TaskResultChart = lazy(() => import('./task-result-chart.tsx').then((m) => ({ default: m.TaskResultChart })));

type Mode = 'name' | 'raw';

/** besmart tasks: run a stored graph by name with template parameters, or a raw graph given as JSON. */
export function TasksPage() {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>('name');
  // Current besmart servers removed POST /tasks/graphs/run: say so instead of offering a form that fails.
  const rawOffered = offersRawGraphs(useSessionState((s) => s.besmart?.api));
  const dirty = useRef(false);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  // The two kinds are two forms: switching asks first when the shown one holds unsaved input.
  const switchTo = (next: Mode) => {
    if (next === mode || !confirmLeave(dirty.current, t('edit.unsaved'))) return;
    dirty.current = false;
    setMode(next);
  };
  return (
    <div className="tasks-page">
      <h1>{t('edit.task.title')}</h1>
      <p className="muted">{t('edit.task.intro')}</p>
      <div className="presets" role="group" aria-label={t('edit.task.kind')}>
        <button type="button" aria-pressed={mode === 'name'} onClick={() => switchTo('name')}>
          {t('edit.task.byName')}
        </button>
        <button type="button" aria-pressed={mode === 'raw'} onClick={() => switchTo('raw')}>
          {t('edit.task.raw')}
        </button>
      </div>
      {mode === 'raw' && !rawOffered ? (
        <section className="panel" aria-label={t('edit.task.rawTitle')}>
          <h2>{t('edit.task.rawTitle')}</h2>
          <p role="note">{t('edit.task.rawNotOffered')}</p>
          <button type="button" onClick={() => switchTo('name')}>
            {t('edit.task.byName')}
          </button>
        </section>
      ) : (
        <TaskForm key={mode} mode={mode} onDirtyChange={onDirtyChange} />
      )}
    </div>
  );
}

function TaskForm({ mode, onDirtyChange }: { mode: Mode; onDirtyChange: (dirty: boolean) => void }) {
  const { t } = useI18n();
  const sessions = useSessions();
  const run = useMutation(besmartMutations.runTask(sessions.besmart));
  const uid = useId();
  const [outcome, setOutcome] = useState<TaskOutcome | null>(null);
  // Options this server no longer takes are not offered (and not sent).
  const ignored = ignoredTaskOptions(useSessionState((s) => s.besmart?.api));
  const takesPriority = !ignored.includes('task_priority');
  const takesAsync = !ignored.includes('task_async');
  const schema = useCallback(() => taskFormSchema(mode), [mode]);
  const edit = useEditForm({
    initial: emptyTaskForm(mode),
    schema,
    fields: TASK_FIELDS,
    // Input that already ran is not worth a warning.
    guard: outcome === null,
    onDirtyChange,
    save: async (_values, parsed) => {
      setOutcome(null);
      const options = taskOptions(parsed);
      const result = await run.mutateAsync(
        mode === 'name'
          ? { kind: 'name', graphName: parsed.graph, params: parsed.params, options }
          : { kind: 'raw', graph: parsed.graph, options },
      );
      setOutcome(result);
      return { kind: 'sent' };
    },
    onError: (e, show) => {
      if (isApiError(e) && e.code === 'NotOffered') {
        show.failure(t('edit.task.rawNotOffered'));
        return;
      }
      const field = serverField(e, TASK_FIELDS, {
        task_priority: 'priority',
        graph_name: 'graph',
        'Template parameters': 'params',
      });
      const words = serverWords(e);
      if (field !== null && words !== null) show.fieldError(field, words);
      show.failure(t('edit.task.failed', { words: errorText(e, t) }));
    },
  });
  const { register, message } = edit;

  const id = (name: string) => `${uid}-${name}`;
  const title = mode === 'name' ? t('edit.task.byNameTitle') : t('edit.task.rawTitle');
  const textArea = (name: 'graph' | 'params', label: string, hint: string, rows: number) => (
    <TextArea
      id={id(name)}
      label={label}
      rows={rows}
      className="mono"
      spellCheck={false}
      hint={hint}
      error={message(name)}
      {...register(name)}
    />
  );

  return (
    <section className="panel">
      <form className="edit-form" noValidate aria-label={title} onSubmit={edit.submit}>
        <h2>{title}</h2>
        <FormFailure text={edit.failure} />
        {mode === 'name' ? (
          <>
            <Field
              id={id('graph')}
              label={t('edit.task.graphName')}
              hint={t('edit.task.graphNameHint')}
              autoComplete="off"
              error={message('graph')}
              {...register('graph')}
            />
            {textArea('params', t('edit.task.params'), t('edit.task.paramsHint'), 3)}
          </>
        ) : (
          textArea('graph', t('edit.task.graph'), t('edit.task.graphHint'), 8)
        )}
        <div className="edit-grid">
          <LocalTimeRange
            since={{ id: id('since'), hint: t('edit.task.timeHint'), error: message('since'), ...register('since') }}
            till={{ id: id('till'), hint: t('edit.task.timeHint'), error: message('till'), ...register('till') }}
          />
          {takesPriority ? (
            <Field
              id={id('priority')}
              inputMode="numeric"
              label={t('edit.task.priority')}
              hint={t('edit.task.priorityHint')}
              error={message('priority')}
              {...register('priority')}
            />
          ) : null}
        </div>
        {takesAsync ? (
          <label className="check">
            <input type="checkbox" {...register('async')} /> {t('edit.task.async')}
          </label>
        ) : null}
        {!takesPriority || !takesAsync ? (
          <p className="muted" role="note">
            {t('edit.task.optionsIgnored')}
          </p>
        ) : null}
        <ActionRow submit={t('edit.task.run')} busySubmit={t('edit.task.running')} busy={edit.isSubmitting} />
      </form>
      {/* Only the short summary is announced, not the charts and their points tables. */}
      <p className="visually-hidden" role="status">
        {outcome?.status === 'done' ? t('edit.task.done', { count: outcome.results.length }) : ''}
      </p>
      <div>
        {outcome?.status === 'accepted' ? <SavedNote text={t('edit.task.accepted')} /> : null}
        {outcome?.status === 'done' ? (
          <div className="task-results">
            <h3>{t('edit.task.done', { count: outcome.results.length })}</h3>
            <LoadBoundary>
              <Suspense fallback={<Skeleton label={t('chart.loading')} />}>
                {outcome.results.map((r, i) => (
                  <TaskResultChart key={i} result={r} index={i} />
                ))}
              </Suspense>
            </LoadBoundary>
            {outcome.text !== undefined ? (
              <details>
                <summary>{t('edit.task.rawAnswer')}</summary>
                <pre className="mono">{outcome.text}</pre>
              </details>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
