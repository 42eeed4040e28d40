import { createBesmartSeed } from '../../../../mocks/besmart/data.ts';
import { generate } from '../../../../mocks/besmart/series.ts';
import { toSeriesArrays } from '../../../api/besmart/schemas.ts';
import { toConsumption, type StateBoundary } from './consumption.ts';

const N = Number.NaN;
const f = (xs: number[]) => Float64Array.from(xs);
const run = (time: number[], value: number[], boundaries: StateBoundary[] = [], from?: number) =>
  Array.from(toConsumption(f(time), f(value), boundaries, from === undefined ? {} : { from }).value);

describe('toConsumption', () => {
  it('differences consecutive readings; the first has no previous reading', () => {
    expect(run([0, 1, 2, 3], [100, 101.5, 104, 104])).toEqual([N, 1.5, 2.5, 0]);
  });

  it('keeps NaN and differences across it against the last finite reading', () => {
    expect(run([0, 1, 2, 3, 4], [10, N, N, 15, 16])).toEqual([N, N, N, 5, 1]);
    expect(run([0, 1, 2], [N, 10, 12])).toEqual([N, N, 2]);
  });

  it('treats a drop not at a state boundary as a counter restarted from 0', () => {
    expect(run([0, 1, 2, 3], [998, 999, 3, 5])).toEqual([N, 1, 3, 2]);
  });

  it('measures the first reading after a meter swap from the new state’s value_for_since', () => {
    // Old meter up to 2, new meter from since 2.5 starting at 50.
    const boundaries = [
      { since: 0, valueForSince: 100 },
      { since: 2.5, valueForSince: 50 },
    ];
    expect(run([1, 2, 3, 4], [101, 103, 52, 55], boundaries)).toEqual([N, 2, 2, 3]);
    // A swap to a meter reading higher than the old one is not differenced across either.
    expect(run([1, 2, 3, 4], [101, 103, 5000, 5001], [{ since: 2.5, valueForSince: 4999 }])).toEqual([N, 2, 1, 1]);
  });

  it('leaves the first reading after a swap unknown without value_for_since', () => {
    expect(run([1, 2, 3, 4], [101, 103, 52, 55], [{ since: 2.5, valueForSince: null }])).toEqual([N, 2, N, 3]);
  });

  it('counts a reading at since as the new state’s (since is inclusive)', () => {
    expect(run([1, 2, 3], [101, 50.5, 52], [{ since: 2, valueForSince: 50 }])).toEqual([N, 0.5, 1.5]);
  });

  it('uses a swap behind a NaN, and accepts boundaries in any order', () => {
    const boundaries = [
      { since: 2.5, valueForSince: 50 },
      { since: -10, valueForSince: 0 },
    ];
    expect(run([1, 2, 3, 4], [101, N, 52, 55], boundaries)).toEqual([N, N, 2, 3]);
  });

  it('uses a state start for the first reading only when the state starts within the range', () => {
    const boundaries = [{ since: 1000, valueForSince: 40 }];
    // Range starts mid-state: the whole state's consumption must not land on the first point.
    expect(run([5000, 6000], [90, 95], boundaries, 4000)).toEqual([N, 5]);
    // State starts inside the range.
    expect(run([5000, 6000], [90, 95], boundaries, 500)).toEqual([50, 5]);
    // By default the range starts at the first reading.
    expect(run([1000, 2000], [41, 43], boundaries)).toEqual([1, 2]);
    expect(run([5000, 6000], [90, 95], boundaries)).toEqual([N, 5]);
  });

  it('keeps the times and handles empty input', () => {
    const out = toConsumption(f([1, 2]), f([1, 2]), []);
    expect(Array.from(out.time)).toEqual([1, 2]);
    expect(toConsumption(f([]), f([]), []).value.length).toBe(0);
  });
});

describe('toConsumption on the fake besmart’s counters', () => {
  it('gives no negative consumption and no spike across a meter swap, null readings and missing days', () => {
    const DAY = 86_400_000;
    const anchor = Date.UTC(2026, 0, 1);
    const seed = createBesmartSeed({ anchor, dataset: 'default', seed: 1 });
    const plan = seed.plans.find((p) => p.kind === 'import' && p.segments.length > 1);
    if (plan === undefined) throw new Error('the default dataset has an import signal with a meter swap');
    const swap = plan.segments[1]?.since ?? 0;
    const from = swap - 90 * DAY;
    const points = generate(plan, from, swap + 90 * DAY, anchor);
    const arrays = toSeriesArrays({ time: points.time, value: points.value, type: [], origin: points.origin });
    const states = seed.states.filter((s) => s.client_cid === plan.client_cid && s.sensor_mid === plan.sensor_mid);
    const boundaries = states.map((s) => ({
      since: s.since,
      valueForSince: s.signal_states.find((x) => x.signal_type_moid === plan.signal_type_moid)?.value_for_since ?? null,
    }));

    const out = toConsumption(arrays.time, arrays.value, boundaries, { from });
    const finite = Array.from(out.value).filter(Number.isFinite);
    expect(finite.length).toBeGreaterThan(0.95 * points.time.length);
    expect(Math.min(...finite)).toBeGreaterThanOrEqual(0);
    // A missing day's consumption lands on the next reading: at most a day's worth, never a whole counter.
    const perStep = finite.slice().sort((a, b) => a - b)[finite.length >> 1] ?? 0;
    expect(Math.max(...finite)).toBeLessThan(96 * 3 * perStep);
    // The first reading after the swap is measured from the new meter's start.
    const after = arrays.time.findIndex((t) => t >= swap);
    const start = boundaries.find((b) => b.since === swap)?.valueForSince ?? Number.NaN;
    expect(Number.isFinite(out.value[after])).toBe(true);
    expect(out.value[after]).toBeCloseTo((arrays.value[after] ?? Number.NaN) - start, 6);
  });
});
