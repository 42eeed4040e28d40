import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SensorRef } from '../../../api/besmart/schemas.ts';
import { errorText } from '../../../components/error-message.ts';
import { ErrorPanel, QueryView, Skeleton } from '../../../components/query-state.tsx';
import { isolate } from '../../../lib/bidi.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../../lib/queries/besmart.ts';
import { besmartMutations } from '../../../lib/queries/besmart-mutations.ts';
import { useMutationThen } from '../../../lib/queries/use-mutation-then.ts';
import { useSessions, useSessionState } from '../../../lib/session/context.tsx';
import { addToWatchList, removeFromWatchList } from '../../../lib/watch-list.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { SensorForm } from './sensor-form.tsx';
import { changedSensorFields, createSensorParams, emptySensorForm, sensorFormValues } from './sensor-form-schema.ts';

const label = (r: SensorRef) => `${r.client_cid}.${r.sensor_mid}`;

/**
 * The editing part of a sensor's page: "Edit sensor" with the form and a
 * Delete button (with a confirmation naming the sensor) when the sensor has
 * `write: true`; a read-only note and no controls otherwise.
 */
export function SensorEditor({ sensorRef, onDeleted }: { sensorRef: SensorRef; onDeleted: () => void }) {
  const { t } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const userId = useSessionState((s) => s.besmart?.userId ?? null);
  const sensor = useQuery(besmartQueries.sensor(sessions.besmart, sensorRef));
  const types = useQuery({ ...besmartQueries.sensorTypes(sessions.besmart), enabled: sensor.data?.write === true });
  const [confirming, setConfirming] = useState(false);
  const remove = useMutationThen(besmartMutations.deleteSensor(sessions.besmart, queryClient), () => {
    if (userId !== null) removeFromWatchList(userId, sensorRef);
    setConfirming(false);
    onDeleted();
  });
  const update = useMutation(besmartMutations.updateSensor(sessions.besmart, queryClient));

  // A failed refresh keeps the form with what was typed (the sensor page shows the failure).
  const failed = (
    <ErrorPanel title={t('edit.sensor.failed')} error={sensor.error} onRetry={() => void sensor.refetch()} />
  );
  if (sensor.data === undefined) return sensor.isError ? failed : <Skeleton label={t('edit.sensor.loading')} />;
  if (!sensor.data.write) {
    return (
      <p className="read-only-note" role="note">
        {t('edit.sensor.readOnly')}
      </p>
    );
  }
  const name = sensor.data.name;
  return (
    <section className="panel sensor-editor" aria-labelledby="edit-sensor-title">
      <h2 id="edit-sensor-title">{t('edit.sensor.title')}</h2>
      <QueryView query={types} loadingLabel={t('edit.sensor.typesLoading')} failedTitle={t('edit.sensor.typesFailed')}>
        {(typeList) => (
          <SensorForm
            key={label(sensorRef)}
            mode="edit"
            types={typeList}
            initial={sensorFormValues(sensor.data)}
            onSave={async (values, parsed, saved) => {
              const changes = changedSensorFields(saved, values, parsed);
              if (Object.keys(changes).length === 0) return { kind: 'unchanged' };
              await update.mutateAsync({ sensor: sensorRef, changes });
              return { kind: 'saved', message: t('edit.sensor.saved') };
            }}
          />
        )}
      </QueryView>
      <div className="danger-zone">
        {confirming ? (
          <ConfirmDialog
            message={t('edit.sensor.deleteConfirm', { name: isolate(name), id: label(sensorRef) })}
            confirmLabel={t('edit.confirm.delete')}
            busyLabel={t('edit.sensor.deleting')}
            busy={remove.isPending}
            error={remove.isError ? t('edit.deleteFailed', { words: errorText(remove.error, t) }) : null}
            onConfirm={() => remove.mutate(sensorRef)}
            onCancel={() => {
              setConfirming(false);
              remove.reset();
            }}
          />
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('edit.sensor.delete')}
          </button>
        )}
      </div>
    </section>
  );
}

/**
 * Creates a sensor, adds it to the besmart user's watch list and calls
 * `onCreated` with its id. `defaultClientCid` pre-fills the client CID.
 */
export function CreateSensorForm({
  onCreated,
  defaultClientCid,
}: {
  onCreated: (ref: SensorRef) => void;
  defaultClientCid?: number;
}) {
  const { t } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const userId = useSessionState((s) => s.besmart?.userId ?? null);
  const types = useQuery(besmartQueries.sensorTypes(sessions.besmart));
  const create = useMutationThen(besmartMutations.createSensor(sessions.besmart, queryClient), (ref) => {
    if (userId !== null) addToWatchList(userId, ref);
  });
  const initial = { ...emptySensorForm, client_cid: defaultClientCid === undefined ? '' : String(defaultClientCid) };

  return (
    <section className="panel sensor-create" aria-labelledby="create-sensor-title">
      <h2 id="create-sensor-title">{t('edit.sensor.createTitle')}</h2>
      <QueryView query={types} loadingLabel={t('edit.sensor.typesLoading')} failedTitle={t('edit.sensor.typesFailed')}>
        {(typeList) => (
          <SensorForm
            mode="create"
            types={typeList}
            initial={initial}
            afterSave={(values) => ({ ...emptySensorForm, client_cid: values.client_cid })}
            onSave={async (_values, parsed) => {
              const ref = await create.mutateAsync(createSensorParams(parsed));
              onCreated(ref);
              return { kind: 'saved', message: t('edit.sensor.created', { id: label(ref) }) };
            }}
          />
        )}
      </QueryView>
    </section>
  );
}
