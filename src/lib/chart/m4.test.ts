import { columnEdge, lowerBound, reduceM4 } from './m4.ts';

/** mulberry32: a small seeded PRNG, so every failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  time: Float64Array;
  value: Float64Array;
}

/** Irregular times (with long jumps), a random walk with ties and NaN runs. */
function randomSeries(random: () => number, n: number): Generated {
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  let t = 1_000_000 + Math.floor(random() * 1000);
  let v = 0;
  let nanLeft = 0;
  for (let i = 0; i < n; i++) {
    t += random() < 0.02 ? 1 + Math.floor(random() * 5000) : 1 + Math.floor(random() * 20);
    time[i] = t;
    if (nanLeft === 0 && random() < 0.03) nanLeft = 1 + Math.floor(random() * 6);
    if (nanLeft > 0) {
      nanLeft--;
      value[i] = Number.NaN;
      continue;
    }
    // `+ 0` turns -0 into 0, which Math.min/max would otherwise tell apart.
    v = random() < 0.1 ? v : Math.round(v + (random() - 0.5) * 10) + 0;
    value[i] = v;
  }
  return { time, value };
}

/** Column of t by a plain scan over the edges (independent of the reduction's own search). */
function columnOf(t: number, t0: number, t1: number, columns: number): number {
  if (t < t0 || t >= t1) return -1;
  let c = 0;
  while (c + 1 < columns && t >= columnEdge(c + 1, t0, t1, columns)) c++;
  return c;
}

interface ColumnStats {
  firstTime: number;
  firstValue: number;
  lastTime: number;
  lastValue: number;
  min: number;
  max: number;
}

function statsPerColumn(
  time: ArrayLike<number>,
  value: ArrayLike<number>,
  t0: number,
  t1: number,
  columns: number,
): Map<number, ColumnStats> {
  const stats = new Map<number, ColumnStats>();
  for (let i = 0; i < time.length; i++) {
    const t = time[i] ?? Number.NaN;
    const v = value[i] ?? Number.NaN;
    const c = columnOf(t, t0, t1, columns);
    if (c < 0 || Number.isNaN(v)) continue;
    const s = stats.get(c);
    if (s === undefined) {
      stats.set(c, { firstTime: t, firstValue: v, lastTime: t, lastValue: v, min: v, max: v });
    } else {
      s.lastTime = t;
      s.lastValue = v;
      s.min = Math.min(s.min, v);
      s.max = Math.max(s.max, v);
    }
  }
  return stats;
}

/**
 * The line structure: for each finite point (by raw position), whether a NaN
 * comes between it and the previous finite point (or the start), plus whether
 * a NaN follows the last finite point.
 */
function breaks(
  positions: ArrayLike<number>,
  value: ArrayLike<number>,
): { at: Map<number, boolean>; trailing: boolean } {
  const at = new Map<number, boolean>();
  let pending = false;
  for (let k = 0; k < positions.length; k++) {
    const v = value[k] ?? Number.NaN;
    if (Number.isNaN(v)) {
      pending = true;
      continue;
    }
    at.set(positions[k] ?? -1, pending);
    pending = false;
  }
  return { at, trailing: pending };
}

function rawPositions(time: Float64Array, t0: number, t1: number): { positions: number[]; values: number[] } {
  const positions: number[] = [];
  const values: number[] = [];
  time.forEach((t, i) => {
    if (t >= t0 && t < t1) {
      positions.push(i);
      values.push(Number.NaN);
    }
  });
  return { positions, values };
}

describe('reduceM4', () => {
  it('keeps, for every column, the first, last, min and max of the raw data and breaks where the raw line breaks', () => {
    const random = rng(20261122);
    let reducedSomewhere = 0;
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 3000);
      const { time, value } = randomSeries(random, n);
      const first = time[0] ?? 0;
      const lastT = time[n - 1] ?? 0;
      const span = lastT - first + 1;
      // Ranges inside, around and partly outside the data.
      const t0 = first + Math.floor((random() - 0.2) * span * 0.5);
      const t1 = t0 + 1 + Math.floor(random() * span * 1.3);
      const columns = 1 + Math.floor(random() * 150);

      const out = reduceM4(time, value, t0, t1, columns);

      // A subsequence of the raw data, in time order, all in [t0, t1).
      const misplaced = Array.from(out.index).filter((i, k) => {
        const t = out.time[k] ?? Number.NaN;
        const ordered = k === 0 || i > (out.index[k - 1] ?? Number.POSITIVE_INFINITY);
        return !(ordered && t === time[i] && Object.is(out.value[k], value[i]) && t >= t0 && t < t1);
      });
      expect(misplaced).toEqual([]);

      expect(statsPerColumn(out.time, out.value, t0, t1, columns)).toEqual(
        statsPerColumn(time, value, t0, t1, columns),
      );

      const raw = rawPositions(time, t0, t1);
      raw.positions.forEach((i, k) => (raw.values[k] = value[i] ?? Number.NaN));
      const rawBreaks = breaks(raw.positions, raw.values);
      const outBreaks = breaks(out.index, out.value);
      for (const [i, broken] of outBreaks.at) expect([i, broken]).toEqual([i, rawBreaks.at.get(i)]);
      expect(outBreaks.trailing).toBe(rawBreaks.trailing);

      // At most 4 per column, plus 5 per NaN run in range.
      let nanRuns = 0;
      raw.values.forEach((v, k) => {
        if (Number.isNaN(v) && (k === 0 || !Number.isNaN(raw.values[k - 1] ?? 0))) nanRuns++;
      });
      expect(out.index.length).toBeLessThanOrEqual(4 * columns + 5 * nanRuns);
      expect(out.index.length).toBeLessThanOrEqual(raw.positions.length);
      if (out.index.length < raw.positions.length) reducedSomewhere++;
    }
    // The property ran on real reductions, not only on the pass-through case.
    expect(reducedSomewhere).toBeGreaterThan(100);
  });

  it('keeps min and max of each column in time order and drops the points between', () => {
    const time = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const value = Float64Array.from([5, 9, 1, 4, 6, 3, 3, 7, 8, 2]);
    const out = reduceM4(time, value, 0, 10, 2);
    // Column 0 = [0, 5): first 5@0, max 9@1, min 1@2, last 6@4. Column 1 = [5, 10): first 3@5, max 8@8, min and last 2@9.
    expect(Array.from(out.index)).toEqual([0, 1, 2, 4, 5, 8, 9]);
    expect(Array.from(out.value)).toEqual([5, 9, 1, 6, 3, 8, 2]);
  });

  it('keeps one NaN between runs of a column, and a NaN at a column edge', () => {
    const time = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const N = Number.NaN;
    const value = Float64Array.from([1, 5, 2, N, N, 7, 3, 8, N, 4, 4, 4]);
    // One column over [0, 12): runs [0..2], NaN [3..4], [5..7], NaN [8], [9..11].
    const out = reduceM4(time, value, 0, 12, 1);
    expect(Array.from(out.index)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9, 11]);
    // Two columns, [0, 6) and [6, 12): the NaN run at 8 and the runs around it stay in column 1.
    const two = reduceM4(time, value, 0, 12, 2);
    expect(Array.from(two.index)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9, 11]);
  });

  it('returns the points in range unchanged when there are at most 4 per column', () => {
    const time = Float64Array.from([10, 20, 30, 40, 50, 60]);
    const value = Float64Array.from([1, Number.NaN, 3, 2, 5, 4]);
    const out = reduceM4(time, value, 20, 60, 1);
    expect(Array.from(out.time)).toEqual([20, 30, 40, 50]);
    expect(Array.from(out.value)).toEqual([Number.NaN, 3, 2, 5]);
    expect(Array.from(out.index)).toEqual([1, 2, 3, 4]);
    const many = reduceM4(time, value, 0, 100, 1000);
    expect(Array.from(many.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('includes t0, excludes t1 and drops points outside', () => {
    const time = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const value = Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    const out = reduceM4(time, value, 2, 10, 1);
    expect(out.time[0]).toBe(2);
    expect(out.time[out.time.length - 1]).toBe(9);
  });

  it('gives nothing for empty input, an empty range or no columns', () => {
    const empty = new Float64Array(0);
    expect(reduceM4(empty, empty, 0, 10, 100).index.length).toBe(0);
    const time = Float64Array.from([1, 2, 3]);
    const value = Float64Array.from([1, 2, 3]);
    expect(reduceM4(time, value, 5, 10, 100).index.length).toBe(0);
    expect(reduceM4(time, value, 3, 3, 100).index.length).toBe(0);
    expect(reduceM4(time, value, 3, 1, 100).index.length).toBe(0);
    expect(reduceM4(time, value, 0, 10, 0).index.length).toBe(0);
    expect(reduceM4(time, value, 0, Number.NaN, 10).index.length).toBe(0);
  });

  it('reduces a year of minutes to at most 4 points per column', () => {
    const n = 525_600;
    const time = new Float64Array(n);
    const value = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      time[i] = i * 60_000;
      value[i] = Math.sin(i / 500) + (i % 7) / 10;
    }
    const out = reduceM4(time, value, 0, n * 60_000, 1000);
    expect(out.index.length).toBeLessThanOrEqual(4000);
    expect(out.index.length).toBeGreaterThan(3000);
  });
});

describe('lowerBound', () => {
  it('finds the first time ≥ t', () => {
    const time = Float64Array.from([1, 3, 3, 5]);
    expect([0, 1, 2, 3, 4, 5, 6].map((t) => lowerBound(time, t))).toEqual([0, 0, 1, 1, 3, 3, 4]);
  });
});
