import { QueryClient, type Query } from '@tanstack/react-query';
import { isApiError } from '../api/errors.ts';

/**
 * A failure that may pass by itself: no answer (offline, proxy down), a 5xx,
 * or an answer that could not be read at all (an HTML page, broken JSON).
 * Not a 4xx, a SAURES "bad" answer or data of the wrong shape: asking again
 * would get the same.
 */
export function isTransient(error: unknown): boolean {
  if (!isApiError(error)) return false;
  switch (error.kind) {
    case 'network':
      return true;
    case 'http':
      return (error.status ?? 0) >= 500;
    case 'parse':
      // Unreadable bodies carry the HTTP status; a schema mismatch does not.
      return error.status !== undefined && error.status < 400;
    case 'service':
      return false;
  }
}

/** Tries within one fetch, after the first: 1 s, 2 s, 4 s apart. */
const RETRIES = 3;
/** While a transient error is shown, ask again by itself: 5 s, 10 s, 20 s … at most a minute apart. */
const RECOVERY_FIRST_MS = 5_000;
const RECOVERY_MAX_MS = 60_000;

/** Error count at the start of the current run of failures, per query. */
const failingSince = new WeakMap<Query, number>();

/**
 * The page recovers by itself: a query showing a transient error is fetched
 * again at growing intervals until it succeeds. Queries with their own
 * polling interval (SAURES: 5 minutes) keep it.
 */
export function recoveryInterval(query: Query): number | false {
  const { status, error, errorUpdateCount } = query.state;
  if (status !== 'error' || !isTransient(error)) {
    failingSince.delete(query);
    return false;
  }
  const since = failingSince.get(query) ?? errorUpdateCount;
  failingSince.set(query, since);
  return Math.min(RECOVERY_FIRST_MS * 2 ** (errorUpdateCount - since), RECOVERY_MAX_MS);
}

/**
 * Retries network, 5xx and unreadable answers with backoff; never 4xx or
 * SAURES "bad" answers. A query left in such an error retries by itself
 * (growing gaps) and again as soon as the browser is back online.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        retry: (failures, error) => failures < RETRIES && isTransient(error),
        retryDelay: (failures) => Math.min(1000 * 2 ** failures, 30_000),
        refetchInterval: recoveryInterval,
        refetchOnReconnect: (query) => (query.state.status === 'error' ? 'always' : true),
      },
      // A write made offline fails at once with a clear message (the dialog or form stays), instead of waiting unseen.
      mutations: { networkMode: 'always' },
    },
  });
}
