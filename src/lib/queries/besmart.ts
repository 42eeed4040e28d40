import { queryOptions } from '@tanstack/react-query';
import {
  getMeterTypes,
  getSensor,
  getSensorStates,
  getSensorTypes,
  getSignalTypes,
  type SensorRef,
} from '../../api/besmart/client.ts';
import type { BesmartSession } from '../session/besmart-session.ts';

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
};
