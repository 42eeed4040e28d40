/*
 * Missing data drawn as gaps: a service that simply leaves missing points out
 * (a whole missing day is just a longer step) would have the line bridge it.
 * A NaN point inserted into each long step breaks the line there.
 */

export interface GappedSeries {
  time: Float64Array;
  value: Float64Array;
  /** Raw position of each point; -1 for an inserted gap marker. */
  index: Int32Array;
}

/** A step longer than this many expected steps is a gap. */
export const GAP_FACTOR = 1.5;

/**
 * Inserts a NaN point wherever consecutive timestamps are more than 1.5 ×
 * `expectedStepMs` apart, at one expected step after the last point before
 * the gap. Without a usable step (not finite, ≤ 0) the series is copied as is.
 */
export function insertGaps(time: Float64Array, value: Float64Array, expectedStepMs: number): GappedSeries {
  const n = Math.min(time.length, value.length);
  const usable = Number.isFinite(expectedStepMs) && expectedStepMs > 0;
  const limit = GAP_FACTOR * expectedStepMs;
  let gaps = 0;
  if (usable) {
    for (let i = 1; i < n; i++) if ((time[i] ?? Number.NaN) - (time[i - 1] ?? Number.NaN) > limit) gaps++;
  }
  const outTime = new Float64Array(n + gaps);
  const outValue = new Float64Array(n + gaps);
  const index = new Int32Array(n + gaps);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i] ?? Number.NaN;
    if (usable && i > 0) {
      const before = time[i - 1] ?? Number.NaN;
      if (t - before > limit) {
        outTime[k] = before + expectedStepMs;
        outValue[k] = Number.NaN;
        index[k] = -1;
        k++;
      }
    }
    outTime[k] = t;
    outValue[k] = value[i] ?? Number.NaN;
    index[k] = i;
    k++;
  }
  return { time: outTime, value: outValue, index };
}

/**
 * The median spacing of consecutive timestamps (the lower median of the
 * positive steps, so always a step that occurs), or null with fewer than two
 * distinct times. Linear time (quickselect), as series reach 500,000 points.
 */
export function inferStep(time: Float64Array): number | null {
  const steps = new Float64Array(Math.max(0, time.length - 1));
  let m = 0;
  for (let i = 1; i < time.length; i++) {
    const d = (time[i] ?? Number.NaN) - (time[i - 1] ?? Number.NaN);
    if (d > 0) steps[m++] = d;
  }
  if (m === 0) return null;
  return select(steps.subarray(0, m), (m - 1) >> 1);
}

/** The k-th smallest of xs (0-based), reordering xs in place (Hoare's quickselect, median-of-three). */
function select(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  const at = (i: number) => xs[i] ?? Number.NaN;
  const swap = (i: number, j: number) => {
    const x = at(i);
    xs[i] = at(j);
    xs[j] = x;
  };
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) < at(lo)) swap(mid, lo);
    if (at(hi) < at(lo)) swap(hi, lo);
    if (at(hi) < at(mid)) swap(hi, mid);
    const pivot = at(mid);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (at(i) < pivot) i++;
      while (at(j) > pivot) j--;
      if (i <= j) {
        swap(i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return at(k);
  }
  return at(k);
}
