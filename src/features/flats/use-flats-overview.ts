import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SauresFlat, SauresSensor } from '../../api/saures/schemas.ts';
import { sauresQueries } from '../../lib/queries/saures.ts';
import { useSessions } from '../../lib/session/context.tsx';
import type { FlatWithSensors } from './model/overview.ts';

export interface FlatItem extends FlatWithSensors {
  flat: SauresFlat;
  sensors: SauresSensor[] | undefined;
  /** This flat's meters request failed (the other flats stay). */
  error: unknown;
  isLoading: boolean;
  retry: () => void;
}

interface MetersState {
  perFlat: { data: SauresSensor[] | undefined; error: unknown; isPending: boolean; refetch: () => void }[];
  isFetching: boolean;
  updatedAt: number;
}

/** Stable across renders, so useQueries only recombines when a result changed. */
function combine(results: UseQueryResult<SauresSensor[]>[]): MetersState {
  return {
    perFlat: results.map((r) => ({
      data: r.data,
      error: r.isError ? r.error : null,
      isPending: r.isPending,
      refetch: () => void r.refetch(),
    })),
    isFetching: results.some((r) => r.isFetching),
    updatedAt: results.reduce((max, r) => Math.max(max, r.dataUpdatedAt), 0),
  };
}

/**
 * The flats and, per flat, its controllers and meters. SAURES has no bulk
 * endpoint, so meters come one flat at a time (at most 4 requests in flight,
 * see the SAURES session); each flat loads and fails on its own.
 */
export function useFlatsOverview() {
  const sessions = useSessions();
  const flats = useQuery(sauresQueries.flats(sessions.saures));
  const list = flats.data;
  const queries = useMemo(
    () => (list ?? []).map((flat) => sauresQueries.meters(sessions.saures, flat.id)),
    [list, sessions.saures],
  );
  const meters = useQueries({ queries, combine });
  const items = useMemo<FlatItem[]>(
    () =>
      (list ?? []).map((flat, i) => {
        const q = meters.perFlat[i];
        return {
          flat,
          sensors: q?.data,
          error: q?.error ?? null,
          isLoading: q?.isPending ?? true,
          retry: q?.refetch ?? (() => {}),
        };
      }),
    [list, meters.perFlat],
  );
  return {
    flats,
    items,
    updatedAt: Math.max(flats.dataUpdatedAt, meters.updatedAt),
    isFetching: flats.isFetching || meters.isFetching,
  };
}
