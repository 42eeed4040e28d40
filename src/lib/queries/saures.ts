import { queryOptions } from '@tanstack/react-query';
import { getFlats, getMeters } from '../../api/saures/client.ts';
import type { SauresSession } from '../session/saures-session.ts';
import { serviceRootKey } from './service-keys.ts';

const FIVE_MINUTES = 5 * 60_000;

/** Every SAURES query key, generic → specific. */
export const sauresKeys = {
  all: () => serviceRootKey('saures'),
  flats: () => ['saures', 'flats'] as const,
  meters: (flatId: number) => ['saures', 'meters', flatId] as const,
};

/**
 * SAURES query options, keyed generic → specific. Cached ≥ 5 minutes: SAURES
 * bans clients that poll faster than the data changes.
 */
export const sauresQueries = {
  all: sauresKeys.all,
  flats: (session: SauresSession) =>
    queryOptions({
      queryKey: sauresKeys.flats(),
      queryFn: () => session.call('flats', (sid) => getFlats(sid)),
      staleTime: FIVE_MINUTES,
      refetchInterval: FIVE_MINUTES,
      gcTime: 30 * 60_000,
    }),
  meters: (session: SauresSession, flatId: number) =>
    queryOptions({
      queryKey: sauresKeys.meters(flatId),
      queryFn: () => session.call(`meters:${flatId}`, (sid) => getMeters(sid, flatId)),
      staleTime: FIVE_MINUTES,
      // Polled no faster than SAURES data changes, so the leak banner clears by itself.
      refetchInterval: FIVE_MINUTES,
      gcTime: 30 * 60_000,
    }),
};
