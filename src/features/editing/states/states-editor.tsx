import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import '../editing.css';
import { useCallback, useRef, useState } from 'react';
import type { SensorRef, SensorState, SensorStateFields } from '../../../api/besmart/schemas.ts';
import { errorText } from '../../../components/error-message.ts';
import { EmptyState, QueryView } from '../../../components/query-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../../lib/queries/besmart.ts';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useMutationThen } from '../../../lib/queries/use-mutation-then.ts';
import { useSessions } from '../../../lib/session/context.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
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
  const [deleting, setDeleting] = useState<SensorState | null>(null);
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
      setDeleting(null);
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
      {note ? (
        <p className="form-ok" role="status">
          {note}
        </p>
      ) : null}
      {states.length === 0 ? (
        <EmptyState>{t('edit.state.empty')}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table states-table">
            <thead>
              <tr>
                <th scope="col">{t('edit.state.since')}</th>
                <th scope="col">{t('edit.state.till')}</th>
                <th scope="col">{t('edit.state.meterEid')}</th>
                <th scope="col">{t('edit.state.meterType')}</th>
                <th scope="col">{t('edit.meter.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {states.map((s) => (
                <tr key={s.sensor_state_id} aria-current={editing?.sensor_state_id === s.sensor_state_id || undefined}>
                  <td>{dateTime(s.since)}</td>
                  <td>{s.till === null ? t('edit.state.open') : dateTime(s.till)}</td>
                  <td className="mono">{s.meter_eid ?? '—'}</td>
                  <td>{s.meter_type_name ?? '—'}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      aria-label={t('edit.state.editRow', { period: period(s) })}
                      onClick={() => {
                        if (editing?.sensor_state_id === s.sensor_state_id || !leaveForm()) return;
                        dirty.current = false;
                        setNote(null);
                        setEditing(s);
                      }}
                    >
                      {t('edit.state.edit')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={t('edit.state.deleteRow', { period: period(s) })}
                      onClick={() => {
                        remove.reset();
                        setDeleting(s);
                      }}
                    >
                      {t('edit.state.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting ? (
        <ConfirmDialog
          message={t('edit.state.deleteConfirm', { period: period(deleting) })}
          confirmLabel={t('edit.confirm.delete')}
          busyLabel={t('edit.sensor.deleting')}
          busy={remove.isPending}
          error={remove.isError ? t('edit.deleteFailed', { words: errorText(remove.error, t) }) : null}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
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
