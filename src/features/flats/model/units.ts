import type { SauresMeter } from '../../../api/saures/schemas.ts';

/*
 * What a SAURES meter reading means, by meter type. Units are the ones the
 * SAURES reference fixes: water and gas in litres, heat and electricity in Wh.
 * Numbers only; the UI formats them with Intl.
 */

/** Type 10 (ball-valve state): 0 no module, 1 unknown, 2 open, 3 closed. */
export type ValveState = 'no-module' | 'unknown' | 'open' | 'closed';
/** Type 6 (ball-valve control) is a command, not a state: 0 open («открыться»), 1 close («закрыться»). */
export type ValveCommand = 'open' | 'close';

export type MeterReading =
  /** Types 1–3 (cold water, hot water, gas), sent in litres. */
  | { kind: 'volume'; m3: number; litres: number }
  /** Types 7–8 (heat, electricity), sent in Wh. */
  | { kind: 'energy'; kWh: number; wh: number }
  /** Type 5. */
  | { kind: 'temperature'; celsius: number }
  /** Type 4: 0 no leak, 1 leak. */
  | { kind: 'leak'; leak: boolean }
  /** Type 9 dry contact: 0 off, 1 on. */
  | { kind: 'contact'; active: boolean }
  /** Type 6 (valve control), the command given to the valve: 0 open, 1 close. */
  | { kind: 'valve-command'; command: ValveCommand }
  /** Type 10 (valve state): 0 no module, 1 unknown, 2 open, 3 closed. */
  | { kind: 'valve'; state: ValveState }
  /** A type this app does not interpret (11 heat kWh, 13 heat Gcal, 14 pressure bar, …) or a code out of range. */
  | { kind: 'raw'; value: number; raw: string; typeNumber: number | null; typeName: string }
  /** No value, or one that is not a number: shown as "—". `raw` is the text as sent, if any. */
  | { kind: 'missing'; raw: string | null };

export interface TariffReading {
  /** "T1", "T2", … */
  tariff: string;
  reading: MeterReading;
}

const VALVE_STATES: readonly ValveState[] = ['no-module', 'unknown', 'open', 'closed'];
const VALVE_COMMANDS: readonly ValveCommand[] = ['open', 'close'];

/** The meter's name, or its type name when the name is empty ("" is common). */
export function meterDisplayName(meter: Pick<SauresMeter, 'name' | 'type'>): string {
  const name = meter.name.trim();
  return name !== '' ? name : meter.type.name.trim();
}

function decodeValue(type: SauresMeter['type'], value: number | null, raw: string | null): MeterReading {
  if (value === null) return { kind: 'missing', raw };
  const asRaw: MeterReading = {
    kind: 'raw',
    value,
    raw: raw ?? String(value),
    typeNumber: type.number,
    typeName: type.name,
  };
  switch (type.number) {
    case 1:
    case 2:
    case 3:
      return { kind: 'volume', m3: value / 1000, litres: value };
    case 7:
    case 8:
      return { kind: 'energy', kWh: value / 1000, wh: value };
    case 5:
      return { kind: 'temperature', celsius: value };
    case 4:
      return value === 0 || value === 1 ? { kind: 'leak', leak: value === 1 } : asRaw;
    case 9:
      return value === 0 || value === 1 ? { kind: 'contact', active: value === 1 } : asRaw;
    case 6: {
      const command = Number.isInteger(value) ? VALVE_COMMANDS[value] : undefined;
      return command === undefined ? asRaw : { kind: 'valve-command', command };
    }
    case 10: {
      const state = Number.isInteger(value) ? VALVE_STATES[value] : undefined;
      return state === undefined ? asRaw : { kind: 'valve', state };
    }
    default:
      return asRaw;
  }
}

/** The meter's reading (the sum of tariffs when multi-tariff), decoded by its type. */
export function decodeReading(meter: SauresMeter): MeterReading {
  return decodeValue(meter.type, meter.value, meter.valueRaw);
}

/** Per-tariff readings in the same units as the meter's reading; empty for a single-tariff meter. */
export function decodeTariffs(meter: SauresMeter): TariffReading[] {
  return meter.tariffs.map((t) => ({ tariff: t.tariff, reading: decodeValue(meter.type, t.value, String(t.value)) }));
}
