import type { SauresFlat, SauresSensor } from '../../../api/saures/schemas.ts';

/** A flat and its controllers; `sensors` is undefined while the flat's meters are still loading (or failed). */
export interface FlatWithSensors {
  flat: SauresFlat;
  sensors: SauresSensor[] | undefined;
}
