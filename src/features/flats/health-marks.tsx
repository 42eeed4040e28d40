import type { I18n } from '../../lib/i18n/i18n.tsx';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { batteryLevel, isStale, signalBars, signalQuality } from './model/health.ts';
import { decodeMeterState, type MeterStateKey } from './model/states.ts';
import type { SauresCodeName } from '../../api/saures/schemas.ts';

const MINUS = '\u2212';
const dB = (n: number, number: I18n['number']) => `${n < 0 ? MINUS : ''}${number(Math.abs(n))} dB`;

/** Battery: a word and a colour, never colour alone. */
export function BatteryMark({ percent }: { percent: number | null }) {
  const { t, number } = useI18n();
  const level = batteryLevel(percent);
  const word = {
    critical: t('health.batteryCritical'),
    low: t('health.batteryLow'),
    ok: t('health.batteryOk'),
    unknown: t('health.unknown'),
  }[level];
  const cls = { critical: 'crit', low: 'warn', ok: 'ok', unknown: 'muted-badge' }[level];
  return (
    <span className={`mark badge ${cls}`}>
      <svg className="icon" viewBox="0 0 16 10" aria-hidden="true" width="16" height="10">
        <rect x="0.5" y="0.5" width="13" height="9" rx="1.5" fill="none" stroke="currentColor" />
        <rect x="14" y="3" width="1.5" height="4" fill="currentColor" />
        <rect
          x="2"
          y="2"
          width={Math.max(0, Math.min(10, ((percent ?? 0) / 100) * 10))}
          height="6"
          fill="currentColor"
        />
      </svg>{' '}
      {percent === null ? '—' : `${number(percent)} %`} · {word}
    </span>
  );
}

/** Signal: bars plus dB plus a word. */
export function SignalMark({ rssi }: { rssi: number | null }) {
  const { t, number } = useI18n();
  const quality = signalQuality(rssi);
  const bars = signalBars(rssi);
  const word = {
    good: t('health.signalGood'),
    fair: t('health.signalFair'),
    poor: t('health.signalPoor'),
    unknown: t('health.unknown'),
  }[quality];
  const cls = { good: 'ok', fair: 'warn', poor: 'crit', unknown: 'muted-badge' }[quality];
  return (
    <span className={`mark badge ${cls}`}>
      <svg className="icon" viewBox="0 0 16 12" aria-hidden="true" width="16" height="12">
        {[0, 1, 2, 3].map((i) => (
          <rect
            key={i}
            x={i * 4}
            y={9 - i * 3}
            width="3"
            height={3 + i * 3}
            fill={i < bars ? 'currentColor' : 'none'}
            stroke="currentColor"
            strokeWidth="0.75"
          />
        ))}
      </svg>{' '}
      {rssi === null ? '—' : dB(rssi, number)} · {word}
    </span>
  );
}

/** Last connection, with a "stale" mark when older than the threshold. */
export function ContactMark({
  lastConnection,
  now,
  staleHours,
}: {
  lastConnection: number | null;
  now: number;
  staleHours: number;
}) {
  const { t, dateTime, relative } = useI18n();
  const stale = isStale(lastConnection, now, staleHours);
  return (
    <span>
      {lastConnection === null ? (
        t('controller.never')
      ) : (
        <time dateTime={new Date(lastConnection).toISOString()}>{dateTime(lastConnection)}</time>
      )}{' '}
      {stale ? (
        <span className="badge crit mark">
          {t('health.stale', { ago: lastConnection === null ? t('controller.never') : relative(lastConnection, now) })}
        </span>
      ) : (
        <span className="badge ok mark">{t('health.fresh')}</span>
      )}
    </span>
  );
}

const STATE_KEYS: Record<MeterStateKey, Parameters<I18n['t']>[0]> = {
  ok: 'state.ok',
  'open-circuit': 'state.openCircuit',
  'short-circuit': 'state.shortCircuit',
  'over-consumption': 'state.overConsumption',
  'below-threshold': 'state.belowThreshold',
  'above-threshold': 'state.aboveThreshold',
  'consumption-stopped': 'state.consumptionStopped',
  'interface-fault': 'state.interfaceFault',
  'invalid-value': 'state.invalidValue',
  'magnetic-field': 'state.magneticField',
  'reverse-flow': 'state.reverseFlow',
};

/** Meter state: decoded word with its severity; unknown codes show the API's own name. */
export function StateMark({ state }: { state: SauresCodeName }) {
  const { t } = useI18n();
  const decoded = decodeMeterState(state);
  if (decoded.kind === 'absent') return <span className="muted">—</span>;
  const text = decoded.kind === 'known' ? t(STATE_KEYS[decoded.key]) : decoded.apiName || `#${decoded.code ?? '?'}`;
  const cls = { ok: 'ok', warning: 'warn', error: 'crit' }[decoded.severity];
  const icon = { ok: '✓', warning: '!', error: '✕' }[decoded.severity];
  return (
    <span className={`badge ${cls}`} title={decoded.apiName || undefined}>
      <span aria-hidden="true">{icon}</span> {text}
    </span>
  );
}
