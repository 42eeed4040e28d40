import { queryOptions } from '@tanstack/react-query';
import {
  getMeterTypes,
  getSensor,
  getSensorStates,
  getSensorTypes,
  getSignalTypes,
  type SensorRef,
} from '../../api/besmart/client.ts';
import { loadSeries } from '../series/load-series.ts';
import type { BesmartSession } from '../session/besmart-session.ts';

export interface SeriesKey extends SensorRef {
  signal_type_moid: number;
  since: number;
  till: number;
  /** Aggregation in minutes, or null for raw data. */
  deltaT: number | null;
}

/** besmart query options, keyed generic → specific under ['besmart', …]. */
export const besmartQueries = {
  all: () => ['besmart'] as const,
  sensorTypes: (session: BesmartSession) =>
    queryOptions({
      queryKey: ['besmart', 'sensor-types'] as const,
      queryFn: ({ signal }) => session.call((auth) => getSensorTypes(auth, { signal })),
      staleTime: 10 * 60_000,
    }),
  signalTypes: (session: BesmartSession) =>
    queryOptions({
      queryKey: ['besmart', 'signal-types'] as const,
      queryFn: ({ signal }) => session.call((auth) => getSignalTypes(auth, { signal })),
      staleTime: 10 * 60_000,
    }),
  sensor: (session: BesmartSession, { client_cid, sensor_mid }: SensorRef) =>
    queryOptions({
      queryKey: ['besmart', 'sensor', client_cid, sensor_mid] as const,
      queryFn: ({ signal }) => session.call((auth) => getSensor(auth, { client_cid, sensor_mid }, { signal })),
      staleTime: 60_000,
    }),
  states: (session: BesmartSession, { client_cid, sensor_mid }: SensorRef) =>
    queryOptions({
      queryKey: ['besmart', 'states', client_cid, sensor_mid] as const,
      queryFn: ({ signal }) => session.call((auth) => getSensorStates(auth, { client_cid, sensor_mid }, { signal })),
      staleTime: 60_000,
    }),
  meterTypes: (session: BesmartSession, clientCid: number) =>
    queryOptions({
      queryKey: ['besmart', 'meter-types', clientCid] as const,
      queryFn: ({ signal }) => session.call((auth) => getMeterTypes(auth, clientCid, { signal })),
      staleTime: 60_000,
    }),
  /** One signal's data over a range, as typed arrays, loaded in a worker. */
  series: (session: BesmartSession, key: SeriesKey) =>
    queryOptions({
      queryKey: [
        'besmart',
        'signal',
        key.client_cid,
        key.sensor_mid,
        key.signal_type_moid,
        key.since,
        key.till,
        key.deltaT,
      ] as const,
      queryFn: () =>
        session.call((auth) =>
          loadSeries(
            auth.token,
            { client_cid: key.client_cid, sensor_mid: key.sensor_mid, signal_type_moid: key.signal_type_moid },
            { since: key.since, till: key.till, ...(key.deltaT === null ? {} : { delta_t: key.deltaT }) },
          ),
        ),
      staleTime: 60_000,
      gcTime: 2 * 60_000,
    }),
};
