import type { LoadedSeries, PrepareOptions, PreparedSeries } from './data/protocol.ts';
import { toConsumption } from './model/consumption.ts';
import { inferStep, insertGaps } from './model/gaps.ts';
import { reduceM4 } from './model/reduce.ts';
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
    points.push({ t: (time[i] ?? 0) + shift, v: finite ? v : null });
    origins.push(origin[index[i] ?? 0] ?? 1);
  }
  return { points, origin: origins };
}

/** M4-reduces a prepared series to the plot's pixel columns: at most ~4 points per column per line. */
export function reduceForPlot(
  s: PreparedSeries,
  from: number,
  till: number,
  columns: number,
  shift = 0,
): { measured: ReducedLine; other: ReducedLine; drawn: number } {
  const m = reduceM4(s.time, s.measured, from - shift, till - shift, columns);
  const o = reduceM4(s.time, s.other, from - shift, till - shift, columns);
  const measured = toPoints(m.time, m.value, m.index, s.origin, shift);
  const other = toPoints(o.time, o.value, o.index, s.origin, shift);
  const drawn = measured.points.filter((p) => p.v !== null).length + other.points.filter((p) => p.v !== null).length;
  return { measured, other, drawn };
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
