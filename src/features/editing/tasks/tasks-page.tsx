import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { isApiError } from '../../../api/errors.ts';
import { ignoredTaskOptions, offersRawGraphs, type TaskOutcome } from '../../../api/besmart/schemas.ts';
import { errorText } from '../../../components/error-message.ts';
import { Field } from '../../../components/form/field.tsx';
import { LoadBoundary } from '../../../components/load-boundary.tsx';
import { Skeleton } from '../../../components/query-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useSessionState, useSessions } from '../../../lib/session/context.tsx';
import '../editing.css';
import { problemText, serverField, serverWords } from '../../../components/form/form-support.ts';
import {
  TASK_FIELDS,
  emptyTaskForm,
  taskFormSchema,
  taskOptions,
  type TaskFormOutput,
  type TaskFormValues,
} from './task-schema.ts';
import { confirmLeave, useUnsavedChanges } from '../../../components/form/use-unsaved-changes.ts';

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
  const [failure, setFailure] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<TaskOutcome | null>(null);
  // Options this server no longer takes are not offered (and not sent).
  const ignored = ignoredTaskOptions(useSessionState((s) => s.besmart?.api));
  const takesPriority = !ignored.includes('task_priority');
  const takesAsync = !ignored.includes('task_async');
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<TaskFormValues, unknown, TaskFormOutput>({
    resolver: zodResolver(taskFormSchema(mode)),
    defaultValues: emptyTaskForm(mode),
  });
  useUnsavedChanges(isDirty && outcome === null, t('edit.unsaved'));
  useEffect(() => onDirtyChange(isDirty && outcome === null), [isDirty, outcome, onDirtyChange]);

  const submit = handleSubmit(async (parsed) => {
    setFailure(null);
    setOutcome(null);
    try {
      const options = taskOptions(parsed);
      const result = await run.mutateAsync(
        mode === 'name'
          ? { kind: 'name', graphName: parsed.graph, params: parsed.params, options }
          : { kind: 'raw', graph: parsed.graph, options },
      );
      setOutcome(result);
    } catch (e) {
      if (isApiError(e) && e.code === 'NotOffered') {
        setFailure(t('edit.task.rawNotOffered'));
        return;
      }
      const field = serverField(e, TASK_FIELDS, {
        task_priority: 'priority',
        graph_name: 'graph',
        'Template parameters': 'params',
      });
      const words = serverWords(e);
      if (field !== null && words !== null) setError(field, { type: 'server', message: words }, { shouldFocus: true });
      setFailure(t('edit.task.failed', { words: errorText(e, t) }));
    }
  });

  const id = (name: string) => `${uid}-${name}`;
  const message = (name: keyof TaskFormValues) => problemText(t, errors[name]?.message);
  const title = mode === 'name' ? t('edit.task.byNameTitle') : t('edit.task.rawTitle');
  const textArea = (name: 'graph' | 'params', label: string, hint: string, rows: number) => (
    <div className="field">
      <label htmlFor={id(name)}>{label}</label>
      <textarea
        id={id(name)}
        rows={rows}
        className="mono"
        spellCheck={false}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[errors[name] ? `${id(name)}-message` : '', `${id(name)}-hint`].join(' ').trim()}
        {...register(name)}
      />
      <small id={`${id(name)}-hint`} className="field-hint">
        {hint}
      </small>
      {errors[name] ? (
        <small id={`${id(name)}-message`} className="field-error">
          {message(name)}
        </small>
      ) : null}
    </div>
  );

  return (
    <section className="panel">
      <form className="edit-form" noValidate aria-label={title} onSubmit={(e) => void submit(e)}>
        <h2>{title}</h2>
        {failure ? (
          <p className="form-failure" role="alert">
            {failure}
          </p>
        ) : null}
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
          <Field
            id={id('since')}
            type="datetime-local"
            step={1}
            label={t('edit.state.since')}
            hint={t('edit.task.timeHint')}
            error={message('since')}
            {...register('since')}
          />
          <Field
            id={id('till')}
            type="datetime-local"
            step={1}
            label={t('edit.state.till')}
            hint={t('edit.task.timeHint')}
            error={message('till')}
            {...register('till')}
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
        <div className="form-actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {isSubmitting ? t('edit.task.running') : t('edit.task.run')}
          </button>
        </div>
      </form>
      {/* Only the short summary is announced, not the charts and their points tables. */}
      <p className="visually-hidden" role="status">
        {outcome?.status === 'done' ? t('edit.task.done', { count: outcome.results.length }) : ''}
      </p>
      <div>
        {outcome?.status === 'accepted' ? (
          <p className="form-ok" role="status">
            {t('edit.task.accepted')}
          </p>
        ) : null}
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
