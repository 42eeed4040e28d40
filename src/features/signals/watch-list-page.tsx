import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { SensorRef } from '../../api/besmart/schemas.ts';
import { isApiError } from '../../api/errors.ts';
import { DataTable } from '../../components/data-table.tsx';
import { errorText } from '../../components/error-message.ts';
import { isolate } from '../../lib/bidi.ts';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../lib/queries/besmart.ts';
import { runtimeConfigQuery } from '../../lib/runtime-config.ts';
import { useSessions, useSessionState } from '../../lib/session/context.tsx';
import { addToWatchList, removeFromWatchList, seedWatchList, useWatchList } from '../../lib/watch-list.ts';
import { formatSensorId } from './sensor-id.ts';
import { SignalTypesPanel } from './signal-types-panel.tsx';

/** The besmart user's watched sensors: add by client CID and sensor MID, open, remove. */
/** `create` is where the app composes the create-sensor form (features do not import each other). */
export function WatchListPage({ create }: { create?: ReactNode }) {
  const { t } = useI18n();
  const userId = useSessionState((s) => s.besmart?.userId ?? null);
  const list = useWatchList(userId);
  const { data: config } = useQuery(runtimeConfigQuery);

  // The demo starts with the seeded sensors; a real account starts empty.
  useEffect(() => {
    if (userId !== null && config?.besmart.faked) seedWatchList(userId, config.besmart.demoSensors);
  }, [userId, config]);

  return (
    <div className="watch-list-page">
      <h1>{t('sensors.title')}</h1>
      <p className="muted">{t('sensors.intro')}</p>
      {userId !== null ? <AddSensorForm userId={userId} /> : null}
      <WatchedSensors list={list} userId={userId} />
      {create}
      <details className="panel signal-types-details" open>
        <summary>{t('signals.title')}</summary>
        <SignalTypesPanel />
      </details>
    </div>
  );
}

function WatchedSensors({ list, userId }: { list: readonly SensorRef[]; userId: number | null }) {
  const { t } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  // The question names the sensor when its details have come (the row shows the same name).
  const nameOf = (ref: SensorRef) =>
    queryClient.getQueryData(besmartQueries.sensor(sessions.besmart, ref).queryKey)?.name ??
    t('sensors.sensorN', { id: formatSensorId(ref) });
  return (
    <div className="panel">
      <DataTable
        caption={t('sensors.listLabel')}
        captionHidden
        className="watch-table"
        rows={list}
        rowKey={formatSensorId}
        empty={t('sensors.empty')}
        columns={[
          { id: 'sensor', header: t('sensors.sensor'), rowHeader: true, cell: (ref) => <SensorName sensorRef={ref} /> },
          { id: 'type', header: t('sensors.type'), cell: (ref) => <SensorStatus sensorRef={ref} /> },
        ]}
        actions={
          userId === null
            ? undefined
            : {
                header: t('sensors.actions'),
                remove: {
                  text: () => t('sensors.remove'),
                  label: (ref) => t('sensors.removeN', { id: formatSensorId(ref) }),
                  confirm: (ref) => t('sensors.removeConfirm', { name: isolate(nameOf(ref)), id: formatSensorId(ref) }),
                  confirmText: t('sensors.remove'),
                  busyText: t('sensors.removing'),
                  // Only this browser's list changes (nothing is sent): asked first all the same, then gone at once.
                  onDelete: async (ref) => removeFromWatchList(userId, ref),
                },
              }
        }
      />
    </div>
  );
}

/** One watched sensor's details; the name and the type cell share the one query. */
function useSensor(sensorRef: SensorRef) {
  const sessions = useSessions();
  return useQuery(besmartQueries.sensor(sessions.besmart, sensorRef));
}

function SensorName({ sensorRef }: { sensorRef: SensorRef }) {
  const { t } = useI18n();
  const sensor = useSensor(sensorRef);
  const id = formatSensorId(sensorRef);
  return (
    <>
      <Link to={`/sensors/${id}`} className="sensor-name">
        {sensor.data ? <bdi>{sensor.data.name}</bdi> : t('sensors.sensorN', { id })}
      </Link>{' '}
      <span className="muted mono">{id}</span>
    </>
  );
}

function SensorStatus({ sensorRef }: { sensorRef: SensorRef }) {
  const { t } = useI18n();
  const sensor = useSensor(sensorRef);
  return (
    <span className="muted">
      {sensor.isPending
        ? t('common.loading')
        : sensor.isError
          ? errorText(sensor.error, t)
          : `${sensor.data.sensor_type_description || sensor.data.sensor_type_name}${sensor.data.write ? '' : ` · ${t('sensors.readOnly')}`}`}
    </span>
  );
}

function AddSensorForm({ userId }: { userId: number }) {
  const { t } = useI18n();
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const [cid, setCid] = useState('');
  const [mid, setMid] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { cid: useId(), mid: useId(), msg: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ref = { client_cid: Number(cid), sensor_mid: Number(mid) };
    if (!/^\d+$/.test(cid.trim()) || !/^\d+$/.test(mid.trim())) {
      setMessage({ kind: 'error', text: t('sensors.idsInvalid') });
      return;
    }
    const id = formatSensorId(ref);
    setBusy(true);
    setMessage(null);
    try {
      const sensor = await queryClient.fetchQuery(besmartQueries.sensor(sessions.besmart, ref));
      addToWatchList(userId, ref);
      setMessage({ kind: 'ok', text: t('sensors.added', { name: sensor.name, id }) });
      setCid('');
      setMid('');
    } catch (err) {
      const status = isApiError(err) ? err.status : undefined;
      setMessage({
        kind: 'error',
        text:
          status === 404
            ? t('sensors.notFound', { id })
            : status === 403
              ? t('sensors.noAccess', { id })
              : errorText(err, t),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel add-sensor" aria-label={t('sensors.addTitle')} onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('sensors.addTitle')}</h2>
      <div className="add-sensor-fields">
        <div className="field">
          <label htmlFor={ids.cid}>{t('sensors.cid')}</label>
          <input
            id={ids.cid}
            inputMode="numeric"
            value={cid}
            onChange={(e) => setCid(e.target.value)}
            aria-describedby={message ? ids.msg : undefined}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.mid}>{t('sensors.mid')}</label>
          <input
            id={ids.mid}
            inputMode="numeric"
            value={mid}
            onChange={(e) => setMid(e.target.value)}
            aria-describedby={message ? ids.msg : undefined}
            required
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('sensors.checking') : t('sensors.add')}
        </button>
      </div>
      {message ? (
        <p
          id={ids.msg}
          className={message.kind === 'error' ? 'form-failure' : 'form-ok'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
