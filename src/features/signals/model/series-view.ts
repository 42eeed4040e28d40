import { originMeasured, type SensorState } from '../../../api/besmart/schemas.ts';
import type { StateBoundary } from './consumption.ts';

/*
 * Helpers between the series arrays and the chart.
 */

export interface OriginSplit {
  /** Shared by both lines; a time repeats where the kind changes (see splitByOrigin). */
  time: Float64Array;
  /** Values drawn as measured (origin 1); NaN elsewhere. */
  measured: Float64Array;
  /** Values drawn as estimated or predicted (any other origin); NaN elsewhere. */
  other: Float64Array;
  /** Raw position of each row (for tooltips and origin look-ups). */
  index: Uint32Array;
}

const isMeasuredAt = (origin: ArrayLike<number>, i: number) => (origin[i] ?? originMeasured) === originMeasured;

/**
 * Two value arrays on one time array, one per kind of origin, drawn as two
 * lines. Each segment is drawn once, in the kind of the point it leads to (a
 * reading covers the interval before it). Where the kind changes between
 * points i − 1 and i, point i − 1 appears twice: once in its own line, which
 * then breaks (NaN), and once more, on an extra row with the same time, in
 * the new kind's line, which runs on to point i. So the lines touch at the
 * boundary point and never overlap, even around a single estimated point.
 * Points without an origin count as measured.
 */
export function splitByOrigin(time: Float64Array, value: Float64Array, origin: ArrayLike<number>): OriginSplit {
  const n = Math.min(time.length, value.length);
  let changes = 0;
  for (let i = 1; i < n; i++) if (isMeasuredAt(origin, i) !== isMeasuredAt(origin, i - 1)) changes++;
  const rows = n + changes;
  const outTime = new Float64Array(rows);
  const measured = new Float64Array(rows).fill(Number.NaN);
  const other = new Float64Array(rows).fill(Number.NaN);
  const index = new Uint32Array(rows);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const kind = isMeasuredAt(origin, i);
    if (i > 0 && kind !== isMeasuredAt(origin, i - 1)) {
      outTime[k] = time[i - 1] ?? Number.NaN;
      (kind ? measured : other)[k] = value[i - 1] ?? Number.NaN;
      index[k] = i - 1;
      k++;
    }
    outTime[k] = time[i] ?? Number.NaN;
    (kind ? measured : other)[k] = value[i] ?? Number.NaN;
    index[k] = i;
    k++;
  }
  return { time: outTime, measured, other, index };
}

/** Whether any point is estimated or predicted (so the legend needs the second kind). */
export function hasOtherOrigin(origin: ArrayLike<number>): boolean {
  for (let i = 0; i < origin.length; i++) if ((origin[i] ?? originMeasured) !== originMeasured) return true;
  return false;
}

/**
 * How many values are NaN: the points the server sent as null or as
 * non-numeric text (the schema turns those into null, toSeriesArrays into
 * NaN). Count before insertGaps, which adds NaN markers of its own.
 */
export function countNonNumeric(value: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) if (Number.isNaN(value[i])) count++;
  return count;
}

/** The values at the given raw positions (origin of a reduced series, say). */
export function pickAt(source: Uint8Array, index: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(index.length);
  for (let k = 0; k < index.length; k++) out[k] = source[index[k] ?? -1] ?? originMeasured;
  return out;
}

/** The state start times in [from, till), sorted and without repeats: where the chart draws a vertical marker. */
export function stateBoundaries(states: readonly SensorState[], from: number, till: number): number[] {
  const times = states.map((s) => s.since).filter((t) => t >= from && t < till);
  return [...new Set(times)].sort((a, b) => a - b);
}

/** The states as consumption boundaries of one signal: since and that signal's value_for_since (null when absent). */
export function signalBoundaries(states: readonly SensorState[], signalTypeMoid: number): StateBoundary[] {
  return states.map((s) => ({
    since: s.since,
    valueForSince: s.signal_states.find((x) => x.signal_type_moid === signalTypeMoid)?.value_for_since ?? null,
  }));
}
