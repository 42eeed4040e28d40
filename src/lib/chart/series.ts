import { reduceM4 } from './m4.ts';

/*
 * What the shared chart (components/chart) draws, as plain data: series of
 * typed arrays, with the pure helpers around them (value range, nearest
 * point, tooltip rows, stroke style). Nothing here knows a service: a
 * feature maps its own kinds of points (besmart's origins, say) to series
 * with a dash pattern of their own and a per-point tag it names.
 */

export interface ChartSeries {
  key: string;
  /** Legend and tooltip name, e.g. "A+ (measured)". */
  name: string;
  unit: string;
  color: string;
  /** The SVG dash pattern of a dashed line; `dashed` alone gives a plain dash. Solid without either. */
  dash?: string | null;
  dashed?: boolean;
  /** The value axis the series is drawn against; left unless said. */
  axis?: 'left' | 'right';
  /** Times in ms, ascending. */
  time: Float64Array;
  /** One value per time; NaN breaks the line there (a gap). */
  value: Float64Array;
  /**
   * Series drawn in several styles (one per kind of point) share a group:
   * the tooltip shows one row per group, the nearest point of any of its
   * series, named `label (tagName(tag of that point))`.
   */
  group?: string;
  label?: string;
  /** A small number per point (its kind), for the tooltip of a grouped series. */
  tags?: ArrayLike<number>;
}

export type ChartAxis = 'left' | 'right';

/** A vertical line across the plot at time `t`, labelled at its top. */
export interface ChartMarker {
  t: number;
  label: string;
}

/** The dash pattern a series is drawn with; undefined for a solid line. */
export function lineDash(l: Pick<ChartSeries, 'dash' | 'dashed'>): string | undefined {
  return l.dash ?? (l.dashed ? '6 4' : undefined);
}

/** Dashed lines are drawn a little thicker, so the dashes show. */
export const lineWidth = (l: Pick<ChartSeries, 'dash' | 'dashed'>) => (lineDash(l) === undefined ? 1.5 : 2.5);

/** Value range of the series on one axis, padded a little; [0, 1] when there is nothing. */
export function axisDomain(series: readonly ChartSeries[], axis: ChartAxis): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    if ((s.axis ?? 'left') !== axis) continue;
    const { value } = s;
    for (let i = 0; i < value.length; i++) {
      const v = value[i] ?? Number.NaN;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad];
}

/** The position of the point with a value (not NaN) nearest to t, or -1. */
export function nearest(time: Float64Array, value: Float64Array, t: number): number {
  const n = Math.min(time.length, value.length);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((time[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  let after = -1;
  for (let i = lo; i < n && after < 0; i++) if (!Number.isNaN(value[i])) after = i;
  let before = -1;
  for (let i = lo - 1; i >= 0 && before < 0; i--) if (!Number.isNaN(value[i])) before = i;
  if (after < 0 || before < 0) return after < 0 ? before : after;
  return Math.abs((time[before] ?? 0) - t) <= Math.abs((time[after] ?? 0) - t) ? before : after;
}

export interface TooltipRow {
  key: string;
  name: string;
  series: ChartSeries;
  /** Position of the point in the series' arrays. */
  index: number;
  t: number;
  v: number;
}

/** One tooltip row per series group (a series alone is its own group): the group's nearest point within `tolerance`. */
export function tooltipRows(
  series: readonly ChartSeries[],
  t: number,
  tolerance: number,
  tagName?: (tag: number) => string,
): TooltipRow[] {
  const rows = new Map<string, TooltipRow>();
  for (const s of series) {
    const i = nearest(s.time, s.value, t);
    if (i < 0) continue;
    const pt = s.time[i] ?? Number.NaN;
    if (!(Math.abs(pt - t) <= tolerance)) continue;
    const key = s.group ?? s.key;
    const seen = rows.get(key);
    if (seen === undefined || Math.abs(pt - t) < Math.abs(seen.t - t))
      rows.set(key, { key, name: s.name, series: s, index: i, t: pt, v: s.value[i] ?? Number.NaN });
  }
  return [...rows.values()].map((row) => {
    const { series: s, index } = row;
    const tag = s.tags?.[index];
    return s.group !== undefined && s.label !== undefined && tag !== undefined && tagName
      ? { ...row, name: `${s.label} (${tagName(tag)})` }
      : row;
  });
}

/** The SVG path of a series through the given scales: NaN values and points the scales refuse break it. */
export function linePath(
  time: Float64Array,
  value: Float64Array,
  x: (t: number) => number | undefined,
  y: (v: number) => number | undefined,
): string {
  const n = Math.min(time.length, value.length);
  let d = '';
  let pen = false;
  for (let i = 0; i < n; i++) {
    const v = value[i] ?? Number.NaN;
    if (Number.isNaN(v)) {
      pen = false;
      continue;
    }
    const px = x(time[i] ?? Number.NaN);
    const py = y(v);
    if (px === undefined || py === undefined) continue;
    d += `${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/**
 * The series M4-reduced to `columns` pixel columns of [from, till) (at most
 * ~4 points per column, line breaks kept; see m4.ts), its tags picked along.
 */
export function reduceSeries(s: ChartSeries, from: number, till: number, columns: number): ChartSeries {
  const r = reduceM4(s.time, s.value, from, till, columns);
  const { tags } = s;
  return {
    ...s,
    time: r.time,
    value: r.value,
    tags: tags === undefined ? undefined : Array.from(r.index, (i) => tags[i] ?? 0),
  };
}
