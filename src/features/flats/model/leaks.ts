import type { SauresFlat, SauresMeter, SauresSensor } from '../../../api/saures/schemas.ts';
import type { FlatWithSensors } from './flat-with-sensors.ts';
import { meterDisplayName } from './units.ts';

/** "leak", "Leak sensor", "Протечка", "протечки", "ПРОТЕЧКА / Кухня". */
const LEAK_WORD_RE = /leak|протечк/iu;

/** A leak sensor: type 4, or a type-9 dry contact whose name (or type name) says leak / протечка. */
export function isLeakSensor(meter: SauresMeter): boolean {
  if (meter.type.number === 4) return true;
  return meter.type.number === 9 && LEAK_WORD_RE.test(meterDisplayName(meter));
}

/** A leak sensor that reads 1 (leaking). */
export function isActiveLeak(meter: SauresMeter): boolean {
  return meter.value === 1 && isLeakSensor(meter);
}

export interface ActiveLeak {
  flat: SauresFlat;
  sensor: SauresSensor;
  meter: SauresMeter;
}

/** Every leaking sensor across the flats whose meters are loaded, in list order: for the leak banner. */
export function activeLeaks(items: readonly FlatWithSensors[]): ActiveLeak[] {
  const leaks: ActiveLeak[] = [];
  for (const { flat, sensors } of items) {
    for (const sensor of sensors ?? []) {
      for (const meter of sensor.meters) if (isActiveLeak(meter)) leaks.push({ flat, sensor, meter });
    }
  }
  return leaks;
}
