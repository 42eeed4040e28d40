import { useState } from 'react';
import type { SensorState } from '../../api/besmart/schemas.ts';
import { useI18n } from '../../lib/i18n/i18n.tsx';

/** The sensor's states (installed meters) on a time line, and as a table. */
export function StatesTimeline({ states }: { states: SensorState[] }) {
  const { t, dateTime } = useI18n();
  const [now] = useState(() => Date.now());
  if (states.length === 0) return <p className="muted">{t('sensor.noStates')}</p>;
  const sorted = states.toSorted((a, b) => a.since - b.since);
  const start = sorted[0]?.since ?? now;
  const end = Math.max(now, ...sorted.map((s) => s.till ?? now));
  const span = Math.max(1, end - start);
  const pct = (ms: number) => `${(((ms - start) / span) * 100).toFixed(3)}%`;
  return (
    <>
      <div className="timeline" aria-hidden="true">
        {sorted.map((s, i) => (
          <div
            key={s.sensor_state_id}
            className={`timeline-bar tone-${i % 3}`}
            style={{ left: pct(s.since), width: `calc(${pct(s.till ?? now)} - ${pct(s.since)})` }}
            title={`${s.meter_type_name ?? ''} ${s.meter_eid ?? ''}`}
          >
            {s.meter_type_name ?? s.meter_eid ?? ''}
          </div>
        ))}
      </div>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t('sensor.states')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sensor.since')}</th>
              <th scope="col">{t('sensor.till')}</th>
              <th scope="col">{t('sensor.meter')}</th>
              <th scope="col">{t('sensor.meterType')}</th>
              <th scope="col">{t('sensor.signalStates')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((s) => (
              <tr key={s.sensor_state_id}>
                <td>{dateTime(s.since)}</td>
                <td>{s.till === null ? t('sensor.open') : dateTime(s.till)}</td>
                <td className="mono">{s.meter_eid ?? '—'}</td>
                <td>{s.meter_type_name ?? '—'}</td>
                <td>{s.signal_states.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
