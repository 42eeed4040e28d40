import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/errors.ts';

/** Retries network and 5xx failures with backoff; never retries 4xx or SAURES "bad" answers. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        retry: (failures, error) => {
          if (failures >= 3) return false;
          if (!isApiError(error)) return false;
          if (error.kind === 'network') return true;
          return error.kind === 'http' && (error.status ?? 0) >= 500;
        },
      },
    },
  });
}
