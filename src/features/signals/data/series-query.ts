import { queryOptions } from '@tanstack/react-query';
import type { SensorRef } from '../../../api/besmart/schemas.ts';
import { besmartKeys } from '../../../lib/queries/besmart.ts';
import type { BesmartSession } from '../../../lib/session/besmart-session.ts';
import { loadSeries } from './load-series.ts';
import type { PrepareOptions, PreparedSeries } from './protocol.ts';

/** A loaded series together with what it is: which signal, which range, which view. */
export interface SeriesResult {
  moid: number;
  since: number;
  till: number;
  deltaT: number | null;
  consumption: boolean;
  series: PreparedSeries;
}

export interface SeriesKey extends SensorRef {
  signal_type_moid: number;
  since: number;
  till: number;
  /** Aggregation in minutes, or null for raw data. */
  deltaT: number | null;
}

/** One signal's data over a range, fetched and prepared for drawing in a worker. */
export function seriesQuery(session: BesmartSession, key: SeriesKey, prepare: PrepareOptions) {
  const { client_cid, sensor_mid, signal_type_moid, since, till, deltaT } = key;
  return queryOptions({
    queryKey: besmartKeys.series({ client_cid, sensor_mid, signal_type_moid }, since, till, deltaT, prepare),
    queryFn: async ({ signal }): Promise<SeriesResult> => {
      const series = await session.call((auth) =>
        loadSeries(
          auth.token,
          { client_cid, sensor_mid, signal_type_moid },
          { since, till, ...(deltaT === null ? {} : { delta_t: deltaT }) },
          prepare,
          signal,
        ),
      );
      return { moid: signal_type_moid, since, till, deltaT, consumption: prepare.consumption, series };
    },
    staleTime: 60_000,
    gcTime: 2 * 60_000,
  });
}
