import type { SauresSensor } from '../../api/saures/schemas.ts';
import { ErrorPanel, Skeleton } from '../../components/query-state.tsx';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { BatteryMark, ContactMark, SignalMark, StateMark } from './health-marks.tsx';
import { MeterTariffs, MeterValue } from './meter-value.tsx';
import { meterDisplayName } from './model/overview.ts';
import { flatLabel } from './flat-label.ts';
import type { FlatItem } from './use-flats-overview.ts';

export function FlatCard({ item, now, staleHours }: { item: FlatItem; now: number; staleHours: number }) {
  const { t } = useI18n();
  const label = flatLabel(item, t);
  const headingId = `flat-${item.flat.id}`;
  return (
    <article className="panel flat-card" aria-labelledby={headingId}>
      <header className="flat-head">
        <h2 id={headingId}>{label}</h2>
        <p className="muted flat-meta">
          {item.flat.personalAccount ? <span>{t('flats.account', { account: item.flat.personalAccount })}</span> : null}
          {item.flat.enabled ? null : <span className="badge muted-badge">{t('flats.disabled')}</span>}
        </p>
      </header>
      {/* A failed refresh keeps the meters loaded before, with the error above them. */}
      {item.error ? <ErrorPanel title={t('flats.metersFailed')} error={item.error} onRetry={item.retry} /> : null}
      {item.error && item.sensors === undefined ? null : item.sensors === undefined ? (
        <Skeleton lines={4} label={t('flats.metersLoading', { flat: label })} />
      ) : item.sensors.length === 0 ? (
        <p className="muted">{t('flats.noControllers')}</p>
      ) : (
        item.sensors.map((sensor) => (
          <ControllerBlock key={sensor.sn || sensor.localIp || ''} sensor={sensor} now={now} staleHours={staleHours} />
        ))
      )}
    </article>
  );
}

function ControllerBlock({ sensor, now, staleHours }: { sensor: SauresSensor; now: number; staleHours: number }) {
  const { t, dateTime } = useI18n();
  const when = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : dateTime(ms));
  return (
    <section className="controller">
      <h3>{t('controller.title', { sn: sensor.sn || '—' })}</h3>
      <dl className="controller-facts">
        <div>
          <dt>{t('controller.battery')}</dt>
          <dd>
            <BatteryMark percent={sensor.batteryPercent} />
          </dd>
        </div>
        <div>
          <dt>{t('controller.signal')}</dt>
          <dd>
            <SignalMark rssi={sensor.rssiDb} />
          </dd>
        </div>
        <div>
          <dt>{t('controller.lastConnection')}</dt>
          <dd>
            <ContactMark lastConnection={sensor.lastConnection?.epochMs ?? null} now={now} staleHours={staleHours} />
          </dd>
        </div>
        <div>
          <dt>{t('controller.requested')}</dt>
          <dd>{when(sensor.requestedAt?.epochMs)}</dd>
        </div>
        <div>
          <dt>{t('controller.readout')}</dt>
          <dd>{when(sensor.readoutAt?.epochMs)}</dd>
        </div>
        <div>
          <dt>{t('controller.hardware')}</dt>
          <dd>{sensor.hardware ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('controller.firmware')}</dt>
          <dd>{sensor.firmware ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('controller.wifi')}</dt>
          <dd>{sensor.ssid ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('controller.ip')}</dt>
          <dd>{sensor.localIp ?? '—'}</dd>
        </div>
      </dl>
      {sensor.meters.length === 0 ? (
        <p className="muted">{t('controller.noMeters')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table meters-table">
            <caption className="visually-hidden">{t('meters.caption', { sn: sensor.sn })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meters.name')}</th>
                <th scope="col">{t('meters.serial')}</th>
                <th scope="col">{t('meters.value')}</th>
                <th scope="col">{t('meters.tariffs')}</th>
                <th scope="col">{t('meters.state')}</th>
              </tr>
            </thead>
            <tbody>
              {sensor.meters.map((meter, i) => (
                <tr key={`${meter.sn}-${i}`}>
                  <td>{meterDisplayName(meter)}</td>
                  <td className="mono">{meter.sn || '—'}</td>
                  <td>
                    <MeterValue meter={meter} />
                  </td>
                  <td>
                    <MeterTariffs meter={meter} />
                  </td>
                  <td>
                    <StateMark state={meter.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
