import type { SauresCodeName } from '../../../api/saures/schemas.ts';

/*
 * SAURES meter state codes (ARCHITECTURE.md) with a severity:
 * - error: the reading cannot be trusted or the meter is being tampered with —
 *   open circuit (1), short circuit (2), digital-interface fault (7), invalid
 *   value (8), magnetic field (9), reverse flow (10);
 * - warning: the meter works, but the consumption deserves a look —
 *   over-consumption (3), below threshold (4), above threshold (5),
 *   consumption stopped (6); also any code this app does not know;
 * - ok: no errors (0), or no state sent at all.
 */

export type StateSeverity = 'ok' | 'warning' | 'error';

export type MeterStateKey =
  | 'ok'
  | 'open-circuit'
  | 'short-circuit'
  | 'over-consumption'
  | 'below-threshold'
  | 'above-threshold'
  | 'consumption-stopped'
  | 'interface-fault'
  | 'invalid-value'
  | 'magnetic-field'
  | 'reverse-flow';

export type DecodedMeterState =
  /** A code 0–10: `key` is stable, for translations; `apiName` is the server's (Russian) words. */
  | { kind: 'known'; code: number; key: MeterStateKey; severity: StateSeverity; apiName: string }
  /** A code this app does not know (or no number): show the API's own name. */
  | { kind: 'unknown'; code: number | null; key: null; severity: 'warning'; apiName: string }
  /** The server sent no state for this meter. */
  | { kind: 'absent'; code: null; key: null; severity: 'ok'; apiName: '' };

export const METER_STATES: readonly { code: number; key: MeterStateKey; severity: StateSeverity }[] = [
  { code: 0, key: 'ok', severity: 'ok' },
  { code: 1, key: 'open-circuit', severity: 'error' },
  { code: 2, key: 'short-circuit', severity: 'error' },
  { code: 3, key: 'over-consumption', severity: 'warning' },
  { code: 4, key: 'below-threshold', severity: 'warning' },
  { code: 5, key: 'above-threshold', severity: 'warning' },
  { code: 6, key: 'consumption-stopped', severity: 'warning' },
  { code: 7, key: 'interface-fault', severity: 'error' },
  { code: 8, key: 'invalid-value', severity: 'error' },
  { code: 9, key: 'magnetic-field', severity: 'error' },
  { code: 10, key: 'reverse-flow', severity: 'error' },
];

export function decodeMeterState(state: SauresCodeName): DecodedMeterState {
  if (state === null || (state.number === null && state.name.trim() === '')) {
    return { kind: 'absent', code: null, key: null, severity: 'ok', apiName: '' };
  }
  const known = state.number === null ? undefined : METER_STATES.find((s) => s.code === state.number);
  if (known === undefined)
    return { kind: 'unknown', code: state.number, key: null, severity: 'warning', apiName: state.name };
  return { kind: 'known', code: known.code, key: known.key, severity: known.severity, apiName: state.name };
}

/** True for a state of severity "error": what the overview counts as "meters in an error state". */
export function isErrorState(state: SauresCodeName): boolean {
  return decodeMeterState(state).severity === 'error';
}
