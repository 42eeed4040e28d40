import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { SensorRef, SensorState, SignalState, SignalType } from '../../../api/besmart/schemas.ts';
import { errorText } from '../../../components/error-message.ts';
import { Field } from '../../../components/form/field.tsx';
import { EmptyState, QueryView } from '../../../components/query-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../../lib/queries/besmart.ts';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useMutationThen } from '../../../lib/queries/use-mutation-then.ts';
import { useSessionState, useSessions } from '../../../lib/session/context.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { problemText, reportSaveError } from '../../../components/form/form-support.ts';
import {
  SIGNAL_STATE_FIELDS,
  changedSignalStateFields,
  createSignalStateFields,
  emptySignalStateForm,
  signalStateFormSchema,
  signalStateFormValues,
  type SignalStateFormOutput,
  type SignalStateFormValues,
} from './signal-state-schema.ts';
import { useSave, type SaveOutcome } from '../../../components/form/use-save.ts';
import { useUnsavedChanges } from '../../../components/form/use-unsaved-changes.ts';

const typeLabel = (types: readonly SignalType[], moid: number) => {
  const type = types.find((x) => x.signal_type_moid === moid);
  return type ? `${type.symbol}${type.unit_symbol ? ` (${type.unit_symbol})` : ''}` : `#${moid}`;
};

/** Current besmart servers keep no info on a signal state (reference §3.13): the app does not ask for it there. */
const useKeepsInfo = () => useSessionState((s) => s.besmart?.api) !== 'current';

/**
 * The signal states of one sensor state: each signal's counter readings at the
 * state's since and till, and info (v0.1.5 servers only). Add, edit and delete; the state list (and
 * so the chart's signals) refresh after each change.
 */
export function SignalStatesEditor({
  sensorRef,
  state,
  period,
  onDirtyChange,
}: {
  sensorRef: SensorRef;
  state: SensorState;
  period: string;
  /** Tells the states editor whether a signal state form holds unsaved input. */
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t, number } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const types = useQuery(besmartQueries.signalTypes(sessions.besmart));
  const keepsInfo = useKeepsInfo();
  const [editing, setEditing] = useState<SignalState | null>(null);
  const [deleting, setDeleting] = useState<SignalState | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const create = useMutation(besmartMutations.createSignalState(sessions.besmart, queryClient, sensorRef));
  const update = useMutation(besmartMutations.updateSignalState(sessions.besmart, queryClient, sensorRef));
  const remove = useMutationThen(
    besmartMutations.deleteSignalState(sessions.besmart, queryClient, sensorRef),
    (_, s) => {
      setDeleting(null);
      if (editing?.signal_state_id === s.signal_state_id) setEditing(null);
      setNote(t('edit.signalState.deleted', { signal: typeLabel(types.data ?? [], s.signal_type_moid) }));
    },
  );
  const titleId = `signal-states-${state.sensor_state_id}`;
  const reading = (v: number | null) => (v === null ? '—' : number(v));

  return (
    <section className="signal-states" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('edit.signalState.title', { period })}</h3>
      <QueryView
        query={types}
        loadingLabel={t('edit.signalState.typesLoading')}
        failedTitle={t('edit.signalState.typesFailed')}
      >
        {(typeList) => (
          <>
            {note ? (
              <p className="form-ok" role="status">
                {note}
              </p>
            ) : null}
            {state.signal_states.length === 0 ? (
              <EmptyState>{t('edit.signalState.empty')}</EmptyState>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('edit.signalState.signal')}</th>
                      <th scope="col">{t('edit.signalState.valueSince')}</th>
                      <th scope="col">{t('edit.signalState.valueTill')}</th>
                      {keepsInfo ? <th scope="col">{t('edit.signalState.info')}</th> : null}
                      <th scope="col">{t('edit.meter.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.signal_states.map((s) => {
                      const signal = typeLabel(typeList, s.signal_type_moid);
                      return (
                        <tr
                          key={s.signal_state_id}
                          aria-current={editing?.signal_state_id === s.signal_state_id || undefined}
                        >
                          <td>{signal}</td>
                          <td className="num">{reading(s.value_for_since)}</td>
                          <td className="num">{reading(s.value_for_till)}</td>
                          {keepsInfo ? <td className="mono">{s.info ?? '—'}</td> : null}
                          <td className="row-actions">
                            <button
                              type="button"
                              aria-label={t('edit.signalState.editRow', { signal })}
                              onClick={() => {
                                setNote(null);
                                setEditing(s);
                              }}
                            >
                              {t('edit.state.edit')}
                            </button>
                            <button
                              type="button"
                              className="danger"
                              aria-label={t('edit.signalState.deleteRow', { signal })}
                              onClick={() => {
                                remove.reset();
                                setDeleting(s);
                              }}
                            >
                              {t('edit.state.delete')}
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {deleting ? (
              <ConfirmDialog
                message={t('edit.signalState.deleteConfirm', {
                  signal: typeLabel(typeList, deleting.signal_type_moid),
                  period,
                })}
                confirmLabel={t('edit.confirm.delete')}
                busyLabel={t('edit.sensor.deleting')}
                busy={remove.isPending}
                error={remove.isError ? t('edit.deleteFailed', { words: errorText(remove.error, t) }) : null}
                onConfirm={() => remove.mutate(deleting)}
                onCancel={() => setDeleting(null)}
              />
            ) : null}
            {editing ? (
              <SignalStateForm
                key={`edit-${editing.signal_state_id}`}
                mode="edit"
                initial={signalStateFormValues(editing)}
                types={typeList}
                taken={[]}
                onDirtyChange={onDirtyChange}
                onCancel={() => setEditing(null)}
                onSave={async (values, parsed, saved) => {
                  const changes = changedSignalStateFields(saved, values, parsed);
                  if (Object.keys(changes).length === 0) return { kind: 'unchanged' };
                  await update.mutateAsync({ id: editing.signal_state_id, changes });
                  setEditing(null);
                  const message = t('edit.signalState.saved');
                  setNote(message);
                  return { kind: 'saved', message };
                }}
              />
            ) : (
              <SignalStateForm
                key="new"
                mode="create"
                initial={emptySignalStateForm}
                types={typeList}
                taken={state.signal_states.map((s) => s.signal_type_moid)}
                onDirtyChange={onDirtyChange}
                afterSave={() => emptySignalStateForm}
                onSave={async (_values, parsed) => {
                  const created = await create.mutateAsync({
                    sensorStateId: state.sensor_state_id,
                    fields: createSignalStateFields(parsed),
                  });
                  return {
                    kind: 'saved',
                    message: t('edit.signalState.created', { signal: typeLabel(typeList, created.signal_type_moid) }),
                  };
                }}
              />
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

interface FormProps {
  mode: 'create' | 'edit';
  initial: SignalStateFormValues;
  types: readonly SignalType[];
  /** Signal types the state already has (create only). */
  taken: readonly number[];
  onSave: (
    values: SignalStateFormValues,
    parsed: SignalStateFormOutput,
    saved: SignalStateFormValues,
  ) => Promise<SaveOutcome>;
  afterSave?: (values: SignalStateFormValues) => SignalStateFormValues;
  onCancel?: () => void;
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
}

function SignalStateForm({ mode, initial, types, taken, onSave, afterSave, onCancel, onDirtyChange }: FormProps) {
  const { t } = useI18n();
  const keepsInfo = useKeepsInfo();
  const { saved, failure, setFailure, note, run } = useSave(initial);
  const schema = useMemo(() => signalStateFormSchema(taken, mode === 'edit' ? saved : undefined), [taken, mode, saved]);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    getValues,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<SignalStateFormValues, unknown, SignalStateFormOutput>({
    resolver: zodResolver(schema),
    defaultValues: initial,
  });
  useUnsavedChanges(isDirty, t('edit.unsaved'));
  useEffect(() => {
    onDirtyChange?.(isDirty);
    return () => onDirtyChange?.(false);
  }, [isDirty, onDirtyChange]);

  const submit = handleSubmit(async (parsed) => {
    const values = getValues();
    await run(values, (baseline) => onSave(values, parsed, baseline), {
      unchangedText: t('edit.sensor.nothingChanged'),
      reset,
      afterSave,
      onError: (e) =>
        reportSaveError(
          e,
          t,
          { fields: SIGNAL_STATE_FIELDS, aliases: { 'signal state for signal': 'signal_type_moid' } },
          {
            fieldError: (field, message) => setError(field, { type: 'server', message }, { shouldFocus: true }),
            failure: setFailure,
          },
        ),
    });
  });
  const id = (name: string) => `signal-state-${mode}-${name}`;
  const message = (name: keyof SignalStateFormValues) => problemText(t, errors[name]?.message);
  const title = mode === 'create' ? t('edit.signalState.createTitle') : t('edit.signalState.editTitle');

  return (
    <form className="edit-form" noValidate aria-label={title} onSubmit={(e) => void submit(e)}>
      <h4>{title}</h4>
      {failure ? (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="edit-grid">
        <div className="field">
          <label htmlFor={id('signal_type_moid')}>{t('edit.signalState.signal')}</label>
          <select
            id={id('signal_type_moid')}
            disabled={mode === 'edit'}
            aria-invalid={errors.signal_type_moid ? true : undefined}
            aria-describedby={errors.signal_type_moid ? `${id('signal_type_moid')}-message` : undefined}
            {...register('signal_type_moid')}
          >
            <option value="">{t('edit.signalState.choose')}</option>
            {types.map((type) => (
              <option key={type.signal_type_moid} value={String(type.signal_type_moid)}>
                {typeLabel(types, type.signal_type_moid)}
                {type.description ? ` — ${type.description}` : ''}
              </option>
            ))}
          </select>
          {errors.signal_type_moid ? (
            <small id={`${id('signal_type_moid')}-message`} className="field-error">
              {message('signal_type_moid')}
            </small>
          ) : null}
        </div>
        <Field
          id={id('value_for_since')}
          inputMode="decimal"
          label={t('edit.signalState.valueSince')}
          error={message('value_for_since')}
          {...register('value_for_since')}
        />
        <Field
          id={id('value_for_till')}
          inputMode="decimal"
          label={t('edit.signalState.valueTill')}
          error={message('value_for_till')}
          {...register('value_for_till')}
        />
        {keepsInfo ? (
          <Field
            id={id('info')}
            className="mono"
            spellCheck={false}
            label={t('edit.signalState.info')}
            error={message('info')}
            {...register('info')}
          />
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {isSubmitting
            ? t('edit.state.saving')
            : mode === 'create'
              ? t('edit.signalState.create')
              : t('edit.signalState.save')}
        </button>
        {onCancel ? (
          <button type="button" disabled={isSubmitting} onClick={onCancel}>
            {t('edit.state.cancel')}
          </button>
        ) : null}
        {note ? (
          <span className="form-ok" role="status">
            {note}
          </span>
        ) : null}
      </div>
    </form>
  );
}
