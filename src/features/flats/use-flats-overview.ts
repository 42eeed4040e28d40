import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SauresFlat, SauresSensor } from '../../api/saures/schemas.ts';
import { sauresQueries } from '../../lib/queries/saures.ts';
import { useSessions } from '../../lib/session/context.tsx';
import { sortFlats, type FlatWithSensors } from './model/overview.ts';

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
  // Requested in the list's default order (by address), so the flats on screen first get their meters first.
  const queries = useMemo(
    () =>
      sortFlats(
        (list ?? []).map((flat) => ({ flat, sensors: undefined })),
        'address',
      ).map(({ flat }) => sauresQueries.meters(sessions.saures, flat.id)),
    [list, sessions.saures],
  );
  const meters = useQueries({ queries, combine });
  const order = useMemo(() => new Map(queries.map((q, i) => [q.queryKey[2], i] as const)), [queries]);
  const items = useMemo<FlatItem[]>(
    () =>
      (list ?? []).map((flat) => {
        const q = meters.perFlat[order.get(flat.id) ?? -1];
        return {
          flat,
          sensors: q?.data,
          error: q?.error ?? null,
          isLoading: q?.isPending ?? true,
          retry: q?.refetch ?? (() => {}),
        };
      }),
    [list, meters.perFlat, order],
  );
  return {
    flats,
    items,
    updatedAt: Math.max(flats.dataUpdatedAt, meters.updatedAt),
    isFetching: flats.isFetching || meters.isFetching,
  };
}
