import { ORIGIN_MEASURED } from '../../lib/origins.ts';
import type { LoadedSeries, PrepareOptions, PreparedSeries } from './data/protocol.ts';
import { toConsumption } from './model/consumption.ts';
import { inferStep, insertGaps } from '../../lib/chart/gaps.ts';
import { reduceM4 } from '../../lib/chart/m4.ts';
import { countNonNumeric, splitByOrigin } from './model/series-view.ts';

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

/**
 * One line as the chart draws it (typed arrays, NaN where it breaks), with
 * the origin of each point (for the tooltip and the CSV export).
 */
export interface ReducedLine {
  time: Float64Array;
  value: Float64Array;
  origin: Uint8Array;
}

/** The line of one origin: what the chart draws in that origin's style. */
export interface OriginLine {
  origin: number;
  line: ReducedLine;
}

/** A line under construction: plain arrays, turned into typed ones once complete. */
class LineBuilder {
  time: number[] = [];
  value: number[] = [];
  origin: number[] = [];
  push(t: number, v: number, o: number): void {
    this.time.push(t);
    this.value.push(v);
    this.origin.push(o);
  }
  get length(): number {
    return this.time.length;
  }
  build(): ReducedLine {
    return {
      time: Float64Array.from(this.time),
      value: Float64Array.from(this.value),
      origin: Uint8Array.from(this.origin),
    };
  }
}

function toLine(
  time: Float64Array,
  value: Float64Array,
  index: Uint32Array,
  origin: Uint8Array,
  shift: number,
): ReducedLine {
  const out = new LineBuilder();
  for (let i = 0; i < time.length; i++) {
    const v = value[i] ?? Number.NaN;
    const finite = Number.isFinite(v);
    // One break is enough: runs of them (the other origin's stretches) are not handed to the chart.
    if (!finite && (out.length === 0 || Number.isNaN(out.value[out.length - 1]))) continue;
    out.push((time[i] ?? 0) + shift, finite ? v : Number.NaN, origin[index[i] ?? 0] ?? ORIGIN_MEASURED);
  }
  return out.build();
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
  const out = new Map<number, { line: LineBuilder; last: number }>();
  const push = (lineOrigin: number, k: number, pointOrigin: number, touch = false) => {
    let l = out.get(lineOrigin);
    if (l === undefined) {
      l = { line: new LineBuilder(), last: -2 };
      out.set(lineOrigin, l);
    }
    const t = rest.time[k] ?? Number.NaN;
    // Not continuing from the previous point, or a touch point (its segment from before belongs to another
    // origin): break the line first.
    if (l.line.length > 0 && (touch || l.last !== k - 1)) l.line.push(t, Number.NaN, lineOrigin);
    l.line.push(t, rest.value[k] ?? Number.NaN, pointOrigin);
    l.last = k;
  };
  let prev: { o: number; k: number } | null = null;
  for (let k = 0; k < rest.time.length; k++) {
    if (Number.isNaN(rest.value[k])) {
      prev = null;
      continue;
    }
    const o = rest.origin[k] ?? ORIGIN_MEASURED;
    if (o !== ORIGIN_MEASURED) {
      if (prev !== null && prev.o !== o && prev.k === k - 1) push(o, k - 1, prev.o, true);
      push(o, k, o);
    }
    prev = { o, k };
  }
  return [...out.entries()].sort(([a], [b]) => a - b).map(([origin, l]) => ({ origin, line: l.line.build() }));
}

/** How many points of a line have a value. */
export function countDrawn(line: ReducedLine): number {
  let n = 0;
  for (let i = 0; i < line.value.length; i++) if (!Number.isNaN(line.value[i])) n++;
  return n;
}

/** Two lines as one, in time order (points of equal time keep their order: a's first). */
export function mergeLines(a: ReducedLine, b: ReducedLine): ReducedLine {
  const order = Array.from({ length: a.time.length + b.time.length }, (_, i) => i);
  const at = (i: number, field: 'time' | 'value' | 'origin') =>
    (i < a.time.length ? a[field][i] : b[field][i - a.time.length]) ?? Number.NaN;
  order.sort((i, j) => at(i, 'time') - at(j, 'time'));
  return {
    time: Float64Array.from(order, (i) => at(i, 'time')),
    value: Float64Array.from(order, (i) => at(i, 'value')),
    origin: Uint8Array.from(order, (i) => at(i, 'origin')),
  };
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
  const measured = toLine(m.time, m.value, m.index, s.origin, shift);
  const other = toLine(o.time, o.value, o.index, s.origin, shift);
  const measuredDrawn = countDrawn(measured);
  const drawn = measuredDrawn + countDrawn(other);
  const byOrigin = [
    ...(measuredDrawn > 0 ? [{ origin: ORIGIN_MEASURED, line: measured }] : []),
    ...splitRestByOrigin(other),
  ];
  return { measured, other, byOrigin, drawn };
}

/** The rows a CSV export holds: the points drawn, in time order, without gap markers or touch-point duplicates. */
export function shownRows(lines: ReducedLine[]): { time: number; value: number; origin: number }[] {
  const rows: { time: number; value: number; origin: number }[] = [];
  for (const line of lines) {
    for (let i = 0; i < line.time.length; i++) {
      const value = line.value[i] ?? Number.NaN;
      if (!Number.isNaN(value)) rows.push({ time: line.time[i] ?? 0, value, origin: line.origin[i] ?? 1 });
    }
  }
  rows.sort((a, b) => a.time - b.time);
  return rows.filter((r, i) => {
    const prev = rows[i - 1];
    return !prev || prev.time !== r.time || prev.value !== r.value;
  });
}
