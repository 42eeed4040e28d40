import { ORIGIN_MEASURED } from '../../lib/origins.ts';
import type { LoadedSeries, PrepareOptions, PreparedSeries } from './data/protocol.ts';
import { toConsumption } from './model/consumption.ts';
import { inferStep, insertGaps } from '../../lib/chart/gaps.ts';
import { reduceM4 } from '../../lib/chart/m4.ts';
import { countNonNumeric, splitByOrigin } from './model/series-view.ts';
import type { ChartPoint } from './signal-chart.tsx';

const FIFTEEN_MINUTES = 15 * 60_000;

export type { PreparedSeries } from './data/protocol.ts';

/**
 * Raw series → what the chart draws, before reduction: consumption per
 * interval for cumulative signals (unless the raw reading is wanted), NaN
 * markers where data is missing, and measured / estimated split apart.
 */
export function prepareSeries(loaded: LoadedSeries, opts: PrepareOptions): PreparedSeries {
  const nonNumeric = countNonNumeric(loaded.value);
  const values = opts.consumption
    ? toConsumption(loaded.time, loaded.value, opts.boundaries, { from: opts.from }).value
    : loaded.value;
  const gapped = insertGaps(loaded.time, values, inferStep(loaded.time) ?? FIFTEEN_MINUTES);
  const origin = new Uint8Array(gapped.index.length);
  for (let i = 0; i < origin.length; i++) {
    const src = gapped.index[i] ?? -1;
    origin[i] = src >= 0 ? (loaded.origin[src] ?? 1) : 1;
  }
  const split = splitByOrigin(gapped.time, gapped.value, origin);
  const splitOrigin = new Uint8Array(split.index.length);
  for (let i = 0; i < splitOrigin.length; i++) splitOrigin[i] = origin[split.index[i] ?? 0] ?? 1;
  return {
    time: split.time,
    measured: split.measured,
    other: split.other,
    origin: splitOrigin,
    nonNumeric,
    total: loaded.time.length,
    unit: loaded.unit,
  };
}

export interface ReducedLine {
  points: ChartPoint[];
  /** Origin per point (for CSV). */
  origin: number[];
}

/** The line of one origin: what the chart draws in that origin's style. */
export interface OriginLine {
  origin: number;
  line: ReducedLine;
}

function toPoints(
  time: Float64Array,
  value: Float64Array,
  index: Uint32Array,
  origin: Uint8Array,
  shift: number,
): ReducedLine {
  const points: ChartPoint[] = [];
  const origins: number[] = [];
  for (let i = 0; i < time.length; i++) {
    const v = value[i] ?? Number.NaN;
    const finite = Number.isFinite(v);
    // One null is enough to break the line: runs of them (the other origin's stretches) are not handed to recharts.
    if (!finite && points.length > 0 && points[points.length - 1]?.v === null) continue;
    if (!finite && points.length === 0) continue;
    const o = origin[index[i] ?? 0] ?? ORIGIN_MEASURED;
    points.push(finite ? { t: (time[i] ?? 0) + shift, v, o } : { t: (time[i] ?? 0) + shift, v: null });
    origins.push(o);
  }
  return { points, origin: origins };
}

/**
 * The reduced line of every non-measured origin, split into one line per
 * origin (the full series is split only into measured and the rest, which
 * keeps the worker's arrays and the M4 reduction at two per signal; this
 * split runs on the few reduced points). The rule of splitByOrigin holds:
 * a segment is drawn in the origin of the point it leads to, so where the
 * origin changes the earlier point appears in both lines and they touch.
 * The rest line's touch points of measured origin (where a run starts after
 * measured points) start a run without making a measured line of their own.
 */
export function splitRestByOrigin(rest: ReducedLine): OriginLine[] {
  const out = new Map<number, { points: ChartPoint[]; origin: number[]; last: number }>();
  const push = (lineOrigin: number, p: ChartPoint, pointOrigin: number, k: number, touch = false) => {
    let l = out.get(lineOrigin);
    if (l === undefined) {
      l = { points: [], origin: [], last: -2 };
      out.set(lineOrigin, l);
    }
    // Not continuing from the previous point, or a touch point (its segment from before belongs to another
    // origin): break the line first.
    if (l.points.length > 0 && (touch || l.last !== k - 1)) {
      l.points.push({ t: p.t, v: null });
      l.origin.push(lineOrigin);
    }
    l.points.push(p);
    l.origin.push(pointOrigin);
    l.last = k;
  };
  let prev: { p: ChartPoint; o: number; k: number } | null = null;
  rest.points.forEach((p, k) => {
    if (p.v === null) {
      prev = null;
      return;
    }
    const o = rest.origin[k] ?? ORIGIN_MEASURED;
    if (o !== ORIGIN_MEASURED) {
      if (prev !== null && prev.o !== o && prev.k === k - 1) push(o, prev.p, prev.o, k - 1, true);
      push(o, p, o, k);
    }
    prev = { p, o, k };
  });
  return [...out.entries()]
    .sort(([a], [b]) => a - b)
    .map(([origin, l]) => ({ origin, line: { points: l.points, origin: l.origin } }));
}

/**
 * M4-reduces a prepared series to the plot's pixel columns: at most ~4 points
 * per column per line. `measured` and `other` (every other origin together)
 * are what the CSV export holds; `byOrigin` is what the chart draws, one line
 * per origin present, measured first.
 */
export function reduceForPlot(
  s: PreparedSeries,
  from: number,
  till: number,
  columns: number,
  shift = 0,
): { measured: ReducedLine; other: ReducedLine; byOrigin: OriginLine[]; drawn: number } {
  const m = reduceM4(s.time, s.measured, from - shift, till - shift, columns);
  const o = reduceM4(s.time, s.other, from - shift, till - shift, columns);
  const measured = toPoints(m.time, m.value, m.index, s.origin, shift);
  const other = toPoints(o.time, o.value, o.index, s.origin, shift);
  const drawn = measured.points.filter((p) => p.v !== null).length + other.points.filter((p) => p.v !== null).length;
  const byOrigin = [
    ...(measured.points.some((p) => p.v !== null) ? [{ origin: ORIGIN_MEASURED, line: measured }] : []),
    ...splitRestByOrigin(other),
  ];
  return { measured, other, byOrigin, drawn };
}

/** The rows a CSV export holds: the points drawn, in time order, without gap markers or touch-point duplicates. */
export function shownRows(lines: ReducedLine[]): { time: number; value: number; origin: number }[] {
  const rows: { time: number; value: number; origin: number }[] = [];
  for (const line of lines) {
    line.points.forEach((p, i) => {
      if (p.v !== null) rows.push({ time: p.t, value: p.v, origin: line.origin[i] ?? 1 });
    });
  }
  rows.sort((a, b) => a.time - b.time);
  return rows.filter((r, i) => {
    const prev = rows[i - 1];
    return !prev || prev.time !== r.time || prev.value !== r.value;
  });
}
