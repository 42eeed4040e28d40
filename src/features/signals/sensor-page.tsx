import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import type { SensorRef, SensorState, SignalType } from '../../api/besmart/schemas.ts';
import { LoadBoundary } from '../../components/load-boundary.tsx';
import { ErrorPanel, QueryView, Skeleton } from '../../components/query-state.tsx';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../lib/queries/besmart.ts';
import { useSessions } from '../../lib/session/context.tsx';
import { formatSensorId, parseSensorId } from './sensor-id.ts';
import { useSensorSignals, type SignalInfo } from './sensor-signals.ts';
import { StatesTimeline } from './states-timeline.tsx';

const NONE_STATES: SensorState[] = [];
const NONE_TYPES: SignalType[] = [];

// recharts is heavy: it loads with the chart, never with sign-in or the overview.
const ChartPanel = lazy(() => import('./chart-panel.tsx').then((m) => ({ default: m.ChartPanel })));

/**
 * `editor` and `dataEditor` are where the app composes the editing controls
 * (features do not import each other): the first above the states, the second
 * below the chart, given the sensor's signals.
 */
export function SensorPage({
  editor,
  dataEditor,
}: {
  editor?: (ref: SensorRef) => ReactNode;
  dataEditor?: (ref: SensorRef, signals: readonly SignalInfo[]) => ReactNode;
}) {
  const { t } = useI18n();
  const params = useParams();
  const ref = parseSensorId(params.id);
  const sessions = useSessions();
  const fallback = { client_cid: 0, sensor_mid: 0 };
  const sensor = useQuery({ ...besmartQueries.sensor(sessions.besmart, ref ?? fallback), enabled: ref !== null });
  const states = useQuery({ ...besmartQueries.states(sessions.besmart, ref ?? fallback), enabled: ref !== null });
  const types = useQuery(besmartQueries.signalTypes(sessions.besmart));
  const signals = useSensorSignals(ref, states.data ?? NONE_STATES, types.data ?? NONE_TYPES);

  if (!ref) {
    return (
      <>
        <h1>{t('sensor.badId')}</h1>
        <Link to="/sensors">{t('sensor.back')}</Link>
      </>
    );
  }
  const id = formatSensorId(ref);
  return (
    <div className="sensor-page">
      <p>
        <Link to="/sensors">{t('sensor.back')}</Link>
      </p>
      {sensor.data === undefined ? (
        sensor.isError ? (
          <>
            <h1>{t('sensors.sensorN', { id })}</h1>
            <ErrorPanel title={t('sensor.failed')} error={sensor.error} onRetry={() => void sensor.refetch()} />
          </>
        ) : (
          <Skeleton label={t('sensor.loading')} />
        )
      ) : (
        <>
          {sensor.isError ? (
            <ErrorPanel title={t('sensor.failed')} error={sensor.error} onRetry={() => void sensor.refetch()} />
          ) : null}
          <h1>
            <bdi>{sensor.data.name}</bdi> <span className="muted mono">{id}</span>
          </h1>
          <section className="panel" aria-labelledby="sensor-details">
            <h2 id="sensor-details">{t('sensor.details')}</h2>
            <dl className="facts">
              <div>
                <dt>{t('sensor.type')}</dt>
                <dd>{sensor.data.sensor_type_description || sensor.data.sensor_type_name}</dd>
              </div>
              <div>
                <dt>{t('sensor.externalId')}</dt>
                <dd className="mono">{sensor.data.sensor_eid || '—'}</dd>
              </div>
              <div>
                <dt>{t('sensor.position')}</dt>
                <dd>
                  {sensor.data.lat === null || sensor.data.lon === null
                    ? '—'
                    : `${sensor.data.lat}, ${sensor.data.lon}`}
                </dd>
              </div>
              <div>
                <dt>{t('sensor.comments')}</dt>
                <dd>{sensor.data.comments || '—'}</dd>
              </div>
              <div>
                <dt>{t('sensor.flags')}</dt>
                <dd>
                  {[
                    sensor.data.negligible ? t('sensor.negligible') : null,
                    sensor.data.uncertain ? t('sensor.uncertain') : null,
                    sensor.data.balance_calculation ? t('sensor.inBalance') : null,
                  ]
                    .filter(Boolean)
                    .join(', ') || '—'}
                </dd>
              </div>
              <div>
                <dt>{t('sensor.permissions')}</dt>
                <dd>
                  {sensor.data.write ? t('sensor.canWrite') : t('sensor.readOnly')}
                  {sensor.data.execute ? `, ${t('sensor.canExecute')}` : ''}
                  {sensor.data.read === false ? `, ${t('sensor.cannotRead')}` : ''}
                </dd>
              </div>
              {sensor.data.acq_min !== null ? (
                <div>
                  <dt>{t('sensor.acqMin')}</dt>
                  <dd>{sensor.data.acq_min}</dd>
                </div>
              ) : null}
            </dl>
          </section>
        </>
      )}
      {editor && sensor.data ? editor(ref) : null}
      <section className="panel" aria-labelledby="sensor-states">
        <h2 id="sensor-states">{t('sensor.states')}</h2>
        <QueryView query={states} loadingLabel={t('sensor.statesLoading')} failedTitle={t('sensor.statesFailed')}>
          {(list) => <StatesTimeline states={list} />}
        </QueryView>
      </section>
      {states.data && types.data ? (
        <LoadBoundary>
          <Suspense fallback={<Skeleton lines={8} label={t('chart.loading')} />}>
            <ChartPanel sensorRef={ref} signals={signals} states={states.data} />
          </Suspense>
        </LoadBoundary>
      ) : null}
      {dataEditor && sensor.data?.write && states.data && types.data ? dataEditor(ref, signals) : null}
    </div>
  );
}
