import type { SauresMeter } from '../../api/saures/schemas.ts';
import { useI18n, type I18n } from '../../lib/i18n/i18n.tsx';
import { isLeakSensor } from './model/leaks.ts';
import { decodeReading, decodeTariffs, type MeterReading } from './model/units.ts';

function ReadingText({ reading, i18n }: { reading: MeterReading; i18n: I18n }) {
  const { t, number } = i18n;
  switch (reading.kind) {
    case 'volume':
      return (
        <span title={t('meters.litresHover', { litres: reading.litres })}>
          {number(reading.m3, { minimumFractionDigits: 3, maximumFractionDigits: 3 })} m³
        </span>
      );
    case 'energy':
      return <span title={`${number(reading.wh)} Wh`}>{number(reading.kWh, { maximumFractionDigits: 3 })} kWh</span>;
    case 'temperature':
      return <span>{number(reading.celsius, { maximumFractionDigits: 1 })} °C</span>;
    case 'leak':
      return reading.leak ? <span className="badge crit">{t('meters.leak')}</span> : <span>{t('meters.noLeak')}</span>;
    case 'contact':
      return <span>{reading.active ? t('meters.contactOn') : t('meters.contactOff')}</span>;
    case 'valve-command':
      return <span>{reading.command === 'open' ? t('meters.valveCommandOpen') : t('meters.valveCommandClose')}</span>;
    case 'valve':
      return (
        <span>
          {
            {
              'no-module': t('meters.valveNoModule'),
              unknown: t('meters.valveUnknown'),
              open: t('meters.valveOpen'),
              closed: t('meters.valveClosed'),
            }[reading.state]
          }
        </span>
      );
    case 'raw':
      return (
        <span>
          {reading.raw} <span className="muted">({reading.typeName})</span>
        </span>
      );
    case 'missing':
      return <span className="muted">{t('meters.missing')}</span>;
  }
}

export function MeterValue({ meter }: { meter: SauresMeter }) {
  const i18n = useI18n();
  const reading = decodeReading(meter);
  // A dry contact wired as a leak sensor ("Протечка") reads as a leak, not as "activated".
  if (reading.kind === 'contact' && isLeakSensor(meter)) {
    return <ReadingText reading={{ kind: 'leak', leak: reading.active }} i18n={i18n} />;
  }
  return <ReadingText reading={reading} i18n={i18n} />;
}

export function MeterTariffs({ meter }: { meter: SauresMeter }) {
  const i18n = useI18n();
  const tariffs = decodeTariffs(meter);
  if (tariffs.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="tariffs">
      {tariffs.map((tr) => (
        <li key={tr.tariff}>
          {tr.tariff}: <ReadingText reading={tr.reading} i18n={i18n} />
        </li>
      ))}
    </ul>
  );
}
