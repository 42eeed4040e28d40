/*
 * M4 reduction (Jugel et al., "M4: A Visualization-Oriented Time Series Data
 * Aggregation", VLDB 2014): per pixel column keep the first, last, min and max
 * point, so a line drawn through the result covers the same pixels as the raw
 * line at that width.
 *
 * Gaps: NaN (a null reading, or a gap marker from insertGaps) separates runs.
 * Within a column every maximal run of finite values is reduced on its own
 * (first, min, max, last) and every maximal run of NaN points is kept as one
 * NaN point (its first). Hence a line through the result breaks exactly where
 * the raw line breaks: two kept finite points have a NaN between them in the
 * result iff they have one between them in the raw data. The price is up to
 * five extra points per break inside a column, so the output holds at most
 * 4 × columns points plus 5 per NaN run in range (a handful for real data).
 *
 * Columns: column c covers [columnEdge(c), columnEdge(c + 1)), with
 * columnEdge(c) = t0 + c·(t1 − t0)/columns; points outside [t0, t1) are dropped.
 * When the range holds at most 4 × columns points they are returned as they
 * are: that already meets the bound, and the drawn line is the raw one.
 *
 * `time` must be sorted ascending.
 */

export interface ReducedSeries {
  time: Float64Array;
  value: Float64Array;
  /** Position of each kept point in the raw arrays (to look up per-point data such as tags). */
  index: Uint32Array;
}

/** Left edge of pixel column c of [t0, t1) split into `columns` columns. */
export function columnEdge(c: number, t0: number, t1: number, columns: number): number {
  return c === columns ? t1 : t0 + (c * (t1 - t0)) / columns;
}

/** First position in the sorted `time` whose time is ≥ t (time.length if none). */
export function lowerBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((time[mid] ?? Number.POSITIVE_INFINITY) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function gather(time: Float64Array, value: Float64Array, index: Uint32Array): ReducedSeries {
  const n = index.length;
  const outTime = new Float64Array(n);
  const outValue = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = index[k] ?? 0;
    outTime[k] = time[i] ?? Number.NaN;
    outValue[k] = value[i] ?? Number.NaN;
  }
  return { time: outTime, value: outValue, index };
}

const EMPTY: () => ReducedSeries = () => ({
  time: new Float64Array(0),
  value: new Float64Array(0),
  index: new Uint32Array(0),
});

export function reduceM4(
  time: Float64Array,
  value: Float64Array,
  t0: number,
  t1: number,
  columns: number,
): ReducedSeries {
  const cols = Math.floor(columns);
  if (!(cols >= 1) || !Number.isFinite(t0) || !Number.isFinite(t1) || !(t1 > t0)) return EMPTY();
  const n = Math.min(time.length, value.length);
  const from = lowerBound(time, t0);
  const to = Math.min(n, lowerBound(time, t1));
  if (from >= to) return EMPTY();

  if (to - from <= 4 * cols) {
    const index = new Uint32Array(to - from);
    for (let k = 0; k < index.length; k++) index[k] = from + k;
    return gather(time, value, index);
  }

  // Kept raw positions, in increasing order; grown by doubling in the rare
  // case that many NaN breaks exceed the first guess. The loop below keeps its
  // state in plain locals (no closures) so that V8 holds them in registers.
  let out = new Uint32Array(4 * cols + 64);
  let count = 0;
  let column = -1;
  let i = from;
  while (i < to) {
    // Find the column of time[i]: a float estimate corrected against the same edges columnEdge() gives.
    const t = time[i] ?? Number.NaN;
    let c = Math.min(cols - 1, Math.max(column + 1, Math.floor(((t - t0) * cols) / (t1 - t0))));
    while (c > column + 1 && t < columnEdge(c, t0, t1, cols)) c--;
    while (c + 1 < cols && t >= columnEdge(c + 1, t0, t1, cols)) c++;
    column = c;
    const edge = c + 1 < cols ? columnEdge(c + 1, t0, t1, cols) : Number.POSITIVE_INFINITY;

    // The runs of this column, one after the other.
    while (i < to && (time[i] ?? Number.NaN) < edge) {
      if (count + 4 > out.length) {
        const bigger = new Uint32Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      const first = i;
      let v = value[i] ?? Number.NaN;
      if (v !== v) {
        // A NaN run: kept as its first point.
        out[count++] = first;
        i++;
        while (i < to && (time[i] ?? Number.NaN) < edge && (value[i] ?? 0) !== (value[i] ?? 0)) i++;
        continue;
      }
      let iMin = i;
      let iMax = i;
      let vMin = v;
      let vMax = v;
      i++;
      while (i < to && (time[i] ?? Number.NaN) < edge) {
        v = value[i] ?? Number.NaN;
        if (v < vMin) {
          vMin = v;
          iMin = i;
        } else if (v > vMax) {
          vMax = v;
          iMax = i;
        } else if (v !== v) break;
        i++;
      }
      const last = i - 1;
      const a = iMin < iMax ? iMin : iMax;
      const b = iMin < iMax ? iMax : iMin;
      out[count++] = first;
      if (a !== first) out[count++] = a;
      if (b !== a && b !== first) out[count++] = b;
      if (last !== b && last !== first) out[count++] = last;
    }
  }
  return gather(time, value, out.subarray(0, count).slice());
}
