import {
  mergeLines,
  prepareSeries,
  reduceForPlot,
  shownRows,
  splitRestByOrigin,
  type ReducedLine,
} from './chart-view.ts';

interface ChartPoint {
  t: number;
  v: number | null;
  o?: number;
}

/** A line's points as objects (null where it breaks), to read the expectations easily. */
const pointsOf = (line: ReducedLine): ChartPoint[] =>
  Array.from(line.time, (t, i) => {
    const v = line.value[i] ?? Number.NaN;
    return Number.isNaN(v) ? { t, v: null } : { t, v, o: line.origin[i] };
  });

/** A line from points and the origin of each. */
const lineOf = (points: ChartPoint[], origin: number[]): ReducedLine => ({
  time: Float64Array.from(points, (p) => p.t),
  value: Float64Array.from(points, (p) => p.v ?? Number.NaN),
  origin: Uint8Array.from(origin),
});

const MIN = 60_000;

/** The segments a line draws, as "from-to" in minutes. */
function segments(points: readonly ChartPoint[]): string[] {
  const out: string[] = [];
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1];
    const b = points[k];
    if (a && b && a.v !== null && b.v !== null && a.t !== b.t) out.push(`${a.t / MIN}-${b.t / MIN}`);
  }
  return out;
}

function series(origin: number[]) {
  const n = origin.length;
  return prepareSeries(
    {
      time: Float64Array.from({ length: n }, (_, i) => i * MIN),
      value: Float64Array.from({ length: n }, (_, i) => 10 + i),
      origin: Uint8Array.from(origin),
      unit: 'kW',
    },
    { consumption: false, boundaries: [], from: 0 },
  );
}

describe('lines per origin', () => {
  it('draws each origin as a line of its own, every segment once, in the origin of the point it leads to', () => {
    const r = reduceForPlot(series([1, 1, 2, 2, 4, 4, 1, 9]), 0, 8 * MIN, 100);
    expect(r.byOrigin.map((l) => [l.origin, segments(pointsOf(l.line))])).toEqual([
      [1, ['0-1', '5-6']],
      [2, ['1-2', '2-3']],
      [4, ['3-4', '4-5']],
      [9, ['6-7']],
    ]);
    // Each point carries its own origin, so the tooltip names it (a touch point keeps the origin it has).
    expect(pointsOf(r.byOrigin.find((l) => l.origin === 4)?.line ?? lineOf([], [])).map((p) => p.o)).toEqual([2, 4, 4]);
  });

  it('leaves out lines of origins not present, measured included', () => {
    expect(reduceForPlot(series([1, 1, 1]), 0, 3 * MIN, 100).byOrigin.map((l) => l.origin)).toEqual([1]);
    expect(reduceForPlot(series([2, 2, 2]), 0, 3 * MIN, 100).byOrigin.map((l) => l.origin)).toEqual([2]);
  });

  it('keeps the CSV rows as they were: every drawn point once, with its origin', () => {
    const r = reduceForPlot(series([1, 2, 4, 5, 3]), 0, 5 * MIN, 100);
    expect(shownRows([r.measured, r.other]).map((x) => [x.time / MIN, x.origin])).toEqual([
      [0, 1],
      [1, 2],
      [2, 4],
      [3, 5],
      [4, 3],
    ]);
  });

  it('breaks an origin’s line where its run stops and where the data has a gap', () => {
    const rest = lineOf(
      [
        { t: 0, v: 1, o: 2 },
        { t: 1, v: 2, o: 2 },
        { t: 2, v: null },
        { t: 3, v: 3, o: 2 },
        { t: 4, v: 4, o: 4 },
        { t: 5, v: 5, o: 2 },
      ],
      [2, 2, 1, 2, 4, 2],
    );
    const lines = splitRestByOrigin(rest);
    expect(
      lines.map((l) => [
        l.origin,
        pointsOf(l.line)
          .map((p) => (p.v === null ? '|' : p.t))
          .join(' '),
      ]),
    ).toEqual([
      [2, '0 1 | 3 | 4 5'],
      [4, '3 4'],
    ]);
  });

  it('still reduces a long series to a few points per pixel column', () => {
    const n = 100_000;
    const origin = Array.from({ length: n }, (_, i) => (Math.floor(i / 1000) % 3 === 0 ? 4 : 1));
    const r = reduceForPlot(series(origin), 0, n * MIN, 500);
    const points = r.byOrigin.reduce((sum, l) => sum + l.line.time.length, 0);
    expect(r.byOrigin.map((l) => l.origin)).toEqual([1, 4]);
    expect(points).toBeLessThan(2 * 4 * 500 + 200);
  });

  it('merges the measured and other lines of the previous period into one line in time order', () => {
    const r = reduceForPlot(series([1, 2, 2, 1, 4]), 0, 5 * MIN, 100);
    const both = pointsOf(mergeLines(r.measured, r.other));
    expect(both.map((p) => p.t)).toEqual([...both.map((p) => p.t)].sort((a, b) => a - b));
    expect(shownRows([mergeLines(r.measured, r.other)])).toEqual(shownRows([r.measured, r.other]));
  });
});
