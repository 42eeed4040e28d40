import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import '../editing.css';
import { useCallback, useRef, useState } from 'react';
import type { SensorRef, SensorState, SensorStateFields } from '../../../api/besmart/schemas.ts';
import { DataTable } from '../../../components/data-table.tsx';
import { SavedNote } from '../../../components/form/action-row.tsx';
import { QueryView } from '../../../components/query-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../../lib/queries/besmart.ts';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useMutationThen } from '../../../lib/queries/use-mutation-then.ts';
import { useSessions } from '../../../lib/session/context.tsx';
import { SignalStatesEditor } from './signal-states-editor.tsx';
import { StateForm } from './state-form.tsx';
import { changedStateFields, createStateFields, emptyStateForm, stateFormValues } from './state-form-schema.ts';
import { confirmLeave } from '../../../components/form/use-unsaved-changes.ts';

/**
 * "Edit states" of a sensor: its states (since, till or open, meter) with Edit
 * and Delete per row, and a form for a new state or the one being edited.
 * A sensor with `write: false` gets a read-only note and no controls.
 */
export function StatesEditor({ sensorRef }: { sensorRef: SensorRef }) {
  const { t } = useI18n();
  const sessions = useSessions();
  const sensor = useQuery(besmartQueries.sensor(sessions.besmart, sensorRef));
  const write = sensor.data?.write === true;
  const states = useQuery({ ...besmartQueries.states(sessions.besmart, sensorRef), enabled: write });
  const types = useQuery({ ...besmartQueries.sensorTypes(sessions.besmart), enabled: write });
  const meterTypes = useQuery({
    ...besmartQueries.meterTypes(sessions.besmart, sensorRef.client_cid),
    enabled: write,
  });

  // The sensor editor above shows the loading state, the failure and the read-only note.
  if (sensor.data?.write !== true) return null;
  const typeId = sensor.data.sensor_type_id;
  return (
    <section className="panel states-editor" aria-labelledby="edit-states-title">
      <h2 id="edit-states-title">{t('edit.state.title')}</h2>
      {/* Each list's failure shows on its own; a failed refresh keeps the loaded list and the open form. */}
      <QueryView query={states} loadingLabel={t('edit.state.loading')} failedTitle={t('edit.state.failed')}>
        {(stateList) => (
          <QueryView query={types} loadingLabel={t('edit.state.loading')} failedTitle={t('edit.sensor.typesFailed')}>
            {(typeList) => (
              <QueryView query={meterTypes} loadingLabel={t('edit.state.loading')} failedTitle={t('edit.meter.failed')}>
                {(meterTypeList) => (
                  <States
                    sensorRef={sensorRef}
                    states={stateList}
                    customFields={typeList.find((x) => x.id === typeId)?.sensor_state_custom_fields ?? null}
                    meterTypes={meterTypeList}
                  />
                )}
              </QueryView>
            )}
          </QueryView>
        )}
      </QueryView>
    </section>
  );
}

function States({
  sensorRef,
  states,
  customFields,
  meterTypes,
}: {
  sensorRef: SensorRef;
  states: SensorState[];
  customFields: string | null;
  meterTypes: Parameters<typeof StateForm>[0]['meterTypes'];
}) {
  const { t, dateTime } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<SensorState | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const dirty = useRef(false);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const signalDirty = useRef(false);
  const onSignalDirtyChange = useCallback((d: boolean) => {
    signalDirty.current = d;
  }, []);
  const period = useCallback(
    (s: SensorState) =>
      t('edit.state.period', {
        since: dateTime(s.since),
        till: s.till === null ? t('edit.state.open') : dateTime(s.till),
      }),
    [t, dateTime],
  );
  const create = useMutation(besmartMutations.createSensorState(sessions.besmart, queryClient, sensorRef));
  const update = useMutation(besmartMutations.updateSensorState(sessions.besmart, queryClient, sensorRef));
  const remove = useMutationThen(
    besmartMutations.deleteSensorState(sessions.besmart, queryClient, sensorRef),
    (_, s) => {
      if (editing?.sensor_state_id === s.sensor_state_id) {
        dirty.current = false;
        setEditing(null);
      }
      setNote(t('edit.state.deleted', { period: period(s) }));
    },
  );
  const leaveForm = () => confirmLeave(dirty.current || signalDirty.current, t('edit.unsaved'));
  const others = editing === null ? states : states.filter((s) => s.sensor_state_id !== editing.sensor_state_id);

  return (
    <>
      <SavedNote text={note} />
      <DataTable
        caption={t('edit.state.title')}
        captionHidden
        className="states-table"
        rows={states}
        rowKey={(s) => s.sensor_state_id}
        isCurrent={(s) => editing?.sensor_state_id === s.sensor_state_id}
        empty={t('edit.state.empty')}
        columns={[
          { id: 'since', header: t('edit.state.since'), cell: (s) => dateTime(s.since) },
          {
            id: 'till',
            header: t('edit.state.till'),
            cell: (s) => (s.till === null ? t('edit.state.open') : dateTime(s.till)),
          },
          { id: 'meter_eid', header: t('edit.state.meterEid'), cell: (s) => s.meter_eid ?? '—', className: 'mono' },
          { id: 'meter_type', header: t('edit.state.meterType'), cell: (s) => s.meter_type_name ?? '—' },
        ]}
        actions={{
          header: t('edit.meter.actions'),
          edit: {
            text: () => t('edit.state.edit'),
            label: (s) => t('edit.state.editRow', { period: period(s) }),
            onEdit: (s) => {
              if (editing?.sensor_state_id === s.sensor_state_id || !leaveForm()) return;
              dirty.current = false;
              setNote(null);
              setEditing(s);
            },
          },
          remove: {
            text: () => t('edit.state.delete'),
            label: (s) => t('edit.state.deleteRow', { period: period(s) }),
            confirm: (s) => t('edit.state.deleteConfirm', { period: period(s) }),
            onDelete: (s) => remove.mutateAsync(s),
          },
        }}
      />
      {editing ? (
        <>
          <StateForm
            key={`edit-${editing.sensor_state_id}`}
            mode="edit"
            initial={stateFormValues(editing)}
            customFields={customFields}
            others={others}
            period={period}
            meterTypes={meterTypes}
            onDirtyChange={onDirtyChange}
            onCancel={() => {
              if (!leaveForm()) return;
              dirty.current = false;
              setEditing(null);
            }}
            onSave={async (values, parsed, saved) => {
              const changes = withMeterTypeId(changedStateFields(saved, values, parsed), meterTypes);
              if (Object.keys(changes).length === 0) return { kind: 'unchanged' };
              await update.mutateAsync({ id: editing.sensor_state_id, changes });
              dirty.current = false;
              setEditing(null);
              const message = t('edit.state.saved');
              setNote(message);
              return { kind: 'saved', message };
            }}
          />
          <SignalStatesEditor
            sensorRef={sensorRef}
            state={states.find((s) => s.sensor_state_id === editing.sensor_state_id) ?? editing}
            period={period(editing)}
            onDirtyChange={onSignalDirtyChange}
          />
        </>
      ) : (
        <StateForm
          key="new"
          mode="create"
          initial={emptyStateForm}
          customFields={customFields}
          others={others}
          period={period}
          meterTypes={meterTypes}
          onDirtyChange={onDirtyChange}
          afterSave={() => emptyStateForm}
          onSave={async (_values, parsed) => {
            const created = await create.mutateAsync(withMeterTypeId(createStateFields(parsed), meterTypes));
            return { kind: 'saved', message: t('edit.state.created', { period: period(created) }) };
          }}
        />
      )}
    </>
  );
}

/**
 * A state names its meter type by name (v0.1.5) or by id (current servers):
 * both are sent, the id looked up in the client's meter types.
 */
function withMeterTypeId<F extends SensorStateFields>(
  fields: F,
  meterTypes: readonly { id: number; meter_type_name: string }[],
): F {
  if (fields.meter_type_name === undefined) return fields;
  const id = meterTypes.find((m) => m.meter_type_name === fields.meter_type_name)?.id;
  return id === undefined ? fields : { ...fields, meter_type_id: id };
}
