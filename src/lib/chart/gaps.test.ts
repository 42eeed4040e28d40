import { inferStep, insertGaps } from './gaps.ts';

const MIN = 60_000;
const STEP = 15 * MIN;

describe('insertGaps', () => {
  it('inserts one NaN point into each step longer than 1.5 expected steps', () => {
    const time = Float64Array.from([0, STEP, 2 * STEP, 5 * STEP, 6 * STEP, 6 * STEP + 1.5 * STEP, 9 * STEP + 1]);
    const value = Float64Array.from([1, 2, 3, 4, 5, 6, 7]);
    const out = insertGaps(time, value, STEP);
    expect(Array.from(out.time)).toEqual([
      0,
      STEP,
      2 * STEP,
      3 * STEP,
      5 * STEP,
      6 * STEP,
      7.5 * STEP,
      8.5 * STEP,
      9 * STEP + 1,
    ]);
    expect(Array.from(out.value)).toEqual([1, 2, 3, Number.NaN, 4, 5, 6, Number.NaN, 7]);
    expect(Array.from(out.index)).toEqual([0, 1, 2, -1, 3, 4, 5, -1, 6]);
  });

  it('leaves a regular series, an empty one and an unusable step alone', () => {
    const time = Float64Array.from([0, STEP, 2 * STEP]);
    const value = Float64Array.from([1, Number.NaN, 3]);
    expect(Array.from(insertGaps(time, value, STEP).value)).toEqual([1, Number.NaN, 3]);
    expect(insertGaps(new Float64Array(0), new Float64Array(0), STEP).time.length).toBe(0);
    const wide = Float64Array.from([0, 100 * STEP]);
    expect(insertGaps(wide, Float64Array.from([1, 2]), 0).time.length).toBe(2);
    expect(insertGaps(wide, Float64Array.from([1, 2]), Number.NaN).time.length).toBe(2);
  });

  it('breaks the line over a missing day of 15-minute data', () => {
    const time: number[] = [];
    for (let t = 0; t < 3 * 96 * STEP; t += STEP) if (t < 96 * STEP || t >= 2 * 96 * STEP) time.push(t);
    const out = insertGaps(Float64Array.from(time), new Float64Array(time.length).fill(1), STEP);
    expect(out.time.length).toBe(time.length + 1);
    expect(Array.from(out.value).filter(Number.isNaN)).toHaveLength(1);
    expect(out.time[96]).toBe(96 * STEP);
  });
});

describe('inferStep', () => {
  it('is the median spacing', () => {
    expect(inferStep(Float64Array.from([0, 10, 20, 30, 1000, 1010]))).toBe(10);
    expect(inferStep(Float64Array.from([0, 1, 3, 6, 10]))).toBe(2);
    expect(inferStep(Float64Array.from([0, 5, 5, 5, 10]))).toBe(5);
  });

  it('is the lower median with an even number of steps', () => {
    expect(inferStep(Float64Array.from([0, 1, 4, 10, 20]))).toBe(3);
  });

  it('is null with fewer than two distinct times', () => {
    expect(inferStep(new Float64Array(0))).toBeNull();
    expect(inferStep(Float64Array.from([7]))).toBeNull();
    expect(inferStep(Float64Array.from([7, 7]))).toBeNull();
  });

  it('matches a sort on random spacings, and finds 15 min on data with missing days', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 50; round++) {
      const n = 2 + Math.floor(random() * 400);
      const time = new Float64Array(n);
      for (let i = 1; i < n; i++) time[i] = (time[i - 1] ?? 0) + Math.floor(random() * 10);
      const steps: number[] = [];
      for (let i = 1; i < n; i++) {
        const d = (time[i] ?? 0) - (time[i - 1] ?? 0);
        if (d > 0) steps.push(d);
      }
      steps.sort((a, b) => a - b);
      expect(inferStep(time)).toBe(steps.length === 0 ? null : steps[(steps.length - 1) >> 1]);
    }
    const year: number[] = [];
    for (let t = 0; t < 365 * 96 * STEP; t += STEP) if (Math.floor(t / (96 * STEP)) % 61 !== 0) year.push(t);
    expect(inferStep(Float64Array.from(year))).toBe(STEP);
  });
});
