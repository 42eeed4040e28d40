import { useCallback } from 'react';
import { useSearchParams } from 'wouter';
import { isHealthFilter, type FlatSort, type HealthFilter } from './model/overview.ts';

export interface OverviewView {
  q: string;
  health: HealthFilter | null;
  sort: FlatSort;
  /** One flat by id, or null for all. */
  flat: number | null;
}

const SORTS: readonly FlatSort[] = ['address', 'number', 'health'];

/** Reads the view from the URL; anything unknown falls back to the default. */
export function parseView(params: URLSearchParams): OverviewView {
  const health = params.get('health');
  const sort = params.get('sort');
  const flat = Number(params.get('flat'));
  return {
    q: params.get('q') ?? '',
    health: health !== null && isHealthFilter(health) ? health : null,
    sort: SORTS.find((s) => s === sort) ?? 'address',
    flat: Number.isInteger(flat) && flat > 0 ? flat : null,
  };
}

export function viewToParams(view: OverviewView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.q) p.set('q', view.q);
  if (view.health) p.set('health', view.health);
  if (view.sort !== 'address') p.set('sort', view.sort);
  if (view.flat !== null) p.set('flat', String(view.flat));
  return p;
}

/** The overview's search, filters and sort live in the URL: a link or a reload brings the same view back. */
export function useOverviewView(): [OverviewView, (change: Partial<OverviewView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = parseView(params);
  const update = useCallback(
    (change: Partial<OverviewView>) => {
      setParams((prev) => viewToParams({ ...parseView(prev), ...change }), { replace: true });
    },
    [setParams],
  );
  return [view, update];
}
