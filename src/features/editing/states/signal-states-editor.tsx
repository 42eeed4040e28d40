import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { SensorRef, SensorState, SignalState, SignalType } from '../../../api/besmart/schemas.ts';
import { DataTable } from '../../../components/data-table.tsx';
import { ActionRow, FormFailure, SavedNote } from '../../../components/form/action-row.tsx';
import { Field, Select } from '../../../components/form/field.tsx';
import { useEditForm } from '../../../components/form/use-edit-form.ts';
import { QueryView } from '../../../components/query-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../../lib/queries/besmart.ts';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useMutationThen } from '../../../lib/queries/use-mutation-then.ts';
import { useSessionState, useSessions } from '../../../lib/session/context.tsx';
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
import type { SaveOutcome } from '../../../components/form/use-save.ts';

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
  const [note, setNote] = useState<string | null>(null);
  const create = useMutation(besmartMutations.createSignalState(sessions.besmart, queryClient, sensorRef));
  const update = useMutation(besmartMutations.updateSignalState(sessions.besmart, queryClient, sensorRef));
  const remove = useMutationThen(
    besmartMutations.deleteSignalState(sessions.besmart, queryClient, sensorRef),
    (_, s) => {
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
            <SavedNote text={note} />
            <DataTable
              caption={t('edit.signalState.title', { period })}
              captionHidden
              rows={state.signal_states}
              rowKey={(s) => s.signal_state_id}
              isCurrent={(s) => editing?.signal_state_id === s.signal_state_id}
              empty={t('edit.signalState.empty')}
              columns={[
                {
                  id: 'signal',
                  header: t('edit.signalState.signal'),
                  cell: (s) => typeLabel(typeList, s.signal_type_moid),
                },
                {
                  id: 'since',
                  header: t('edit.signalState.valueSince'),
                  cell: (s) => reading(s.value_for_since),
                  className: 'num',
                },
                {
                  id: 'till',
                  header: t('edit.signalState.valueTill'),
                  cell: (s) => reading(s.value_for_till),
                  className: 'num',
                },
                keepsInfo && {
                  id: 'info',
                  header: t('edit.signalState.info'),
                  cell: (s) => s.info ?? '—',
                  className: 'mono',
                },
              ]}
              actions={{
                header: t('edit.meter.actions'),
                edit: {
                  text: () => t('edit.state.edit'),
                  label: (s) => t('edit.signalState.editRow', { signal: typeLabel(typeList, s.signal_type_moid) }),
                  onEdit: (s) => {
                    setNote(null);
                    setEditing(s);
                  },
                },
                remove: {
                  text: () => t('edit.state.delete'),
                  label: (s) => t('edit.signalState.deleteRow', { signal: typeLabel(typeList, s.signal_type_moid) }),
                  confirm: (s) =>
                    t('edit.signalState.deleteConfirm', { signal: typeLabel(typeList, s.signal_type_moid), period }),
                  onDelete: (s) => remove.mutateAsync(s),
                },
              }}
            />
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
  const schema = useCallback(
    (saved: SignalStateFormValues) => signalStateFormSchema(taken, mode === 'edit' ? saved : undefined),
    [taken, mode],
  );
  const edit = useEditForm({
    initial,
    schema,
    fields: SIGNAL_STATE_FIELDS,
    aliases: { 'signal state for signal': 'signal_type_moid' },
    save: onSave,
    afterSave,
    onDirtyChange,
  });
  const { register, message } = edit;
  const id = (name: string) => `signal-state-${mode}-${name}`;
  const title = mode === 'create' ? t('edit.signalState.createTitle') : t('edit.signalState.editTitle');

  return (
    <form className="edit-form" noValidate aria-label={title} onSubmit={edit.submit}>
      <h4>{title}</h4>
      <FormFailure text={edit.failure} />
      <div className="edit-grid">
        <Select
          id={id('signal_type_moid')}
          label={t('edit.signalState.signal')}
          disabled={mode === 'edit'}
          error={message('signal_type_moid')}
          {...register('signal_type_moid')}
        >
          <option value="">{t('edit.signalState.choose')}</option>
          {types.map((type) => (
            <option key={type.signal_type_moid} value={String(type.signal_type_moid)}>
              {typeLabel(types, type.signal_type_moid)}
              {type.description ? ` — ${type.description}` : ''}
            </option>
          ))}
        </Select>
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
      <ActionRow
        submit={mode === 'create' ? t('edit.signalState.create') : t('edit.signalState.save')}
        busySubmit={t('edit.state.saving')}
        busy={edit.isSubmitting}
        secondary={onCancel ? { label: t('edit.state.cancel'), onClick: onCancel } : null}
        note={edit.note}
      />
    </form>
  );
}
