import { queryOptions } from '@tanstack/react-query';
import { getSensorTypes, getSignalTypes } from '../../api/besmart/client.ts';
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
};
