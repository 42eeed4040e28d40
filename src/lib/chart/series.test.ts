import {
  axisDomain,
  linePath,
  lineDash,
  lineWidth,
  nearest,
  reduceSeries,
  tooltipRows,
  type ChartSeries,
} from './series.ts';

const N = Number.NaN;
const words: Record<number, string> = { 1: 'measured', 2: 'predicted', 4: 'estimated' };
const tagName = (o: number) => words[o] ?? `other (${o})`;

/** A series from [t, v, tag?] points (v null: a break). */
function line(key: string, points: [number, number | null, number?][], extra: Partial<ChartSeries> = {}): ChartSeries {
  return {
    key,
    name: key,
    unit: 'kW',
    color: '#000',
    axis: 'left',
    time: Float64Array.from(points, ([t]) => t),
    value: Float64Array.from(points, ([, v]) => v ?? N),
    tags: points.map(([, , o]) => o ?? 1),
    ...extra,
  };
}

describe('the chart tooltip', () => {
  it('finds the nearest point with a value, skipping line breaks', () => {
    const time = Float64Array.from([0, 10, 10, 20]);
    const value = Float64Array.from([1, N, 2, 3]);
    expect(nearest(time, value, 9)).toBe(2);
    expect(nearest(time, value, 4)).toBe(0);
    expect(nearest(Float64Array.from([5]), Float64Array.from([N]), 5)).toBe(-1);
    expect(nearest(new Float64Array(0), new Float64Array(0), 5)).toBe(-1);
  });

  it('shows one row per group, named by the tag of the point under the pointer', () => {
    const group = { group: '32', label: 'A+' };
    const lines = [
      line(
        'A+ (measured)',
        [
          [0, 1, 1],
          [10, 2, 1],
        ],
        group,
      ),
      line(
        'A+ (estimated)',
        [
          [10, 2, 1],
          [20, 3, 4],
        ],
        group,
      ),
      line('A+ (previous period)', [[19, 9, 1]], { dashed: true }),
    ];
    expect(tooltipRows(lines, 19, 5, tagName).map((r) => [r.name, r.v])).toEqual([
      ['A+ (estimated)', 3],
      ['A+ (previous period)', 9],
    ]);
    expect(tooltipRows(lines, 9, 5, tagName).map((r) => [r.name, r.v])).toEqual([['A+ (measured)', 2]]);
    expect(tooltipRows(lines, 100, 5, tagName)).toEqual([]);
    // Without a word for tags, a row is the series' own name.
    expect(tooltipRows(lines, 19, 5).map((r) => r.name)).toEqual(['A+ (estimated)', 'A+ (previous period)']);
  });

  it('draws solid lines thin and dashed ones thicker', () => {
    expect([lineDash({}), lineWidth({})]).toEqual([undefined, 1.5]);
    expect([lineDash({ dash: null }), lineWidth({ dash: null })]).toEqual([undefined, 1.5]);
    expect([lineDash({ dash: '2 3' }), lineWidth({ dash: '2 3' })]).toEqual(['2 3', 2.5]);
    expect([lineDash({ dashed: true }), lineWidth({ dashed: true })]).toEqual(['6 4', 2.5]);
  });
});

describe('the chart geometry', () => {
  it('pads the value range of each axis, keeps 0 as the floor of positive data, and has a default', () => {
    const a = line('a', [
      [0, 10],
      [1, N],
      [2, 30],
    ]);
    const b = line('b', [[0, -100]], { axis: 'right' });
    expect(axisDomain([a, b], 'left')).toEqual([9, 31]);
    expect(axisDomain([a, b], 'right')).toEqual([-101, -99]);
    expect(
      axisDomain(
        [
          line('c', [
            [0, 0.1],
            [1, 10],
          ]),
        ],
        'left',
      )[0],
    ).toBe(0);
    expect(axisDomain([], 'left')).toEqual([0, 1]);
    expect(axisDomain([line('d', [[0, null]])], 'left')).toEqual([0, 1]);
  });

  it('breaks the path at NaN values and at points outside the scales', () => {
    const time = Float64Array.from([0, 1, 2, 3, 4, 5]);
    const value = Float64Array.from([1, 2, N, 3, 4, 5]);
    const x = (t: number) => (t === 4 ? undefined : t * 10);
    const y = (v: number) => 100 - v;
    expect(linePath(time, value, x, y)).toBe('M0.0,99.0L10.0,98.0M30.0,97.0L50.0,95.0');
    expect(linePath(new Float64Array(0), new Float64Array(0), x, y)).toBe('');
  });

  it('reduces a long series to a few points per column, its tags along', () => {
    const n = 10_000;
    const s = line(
      'long',
      Array.from({ length: n }, (_, i): [number, number, number] => [i, Math.sin(i / 50), i < n / 2 ? 1 : 4]),
    );
    const r = reduceSeries(s, 0, n, 100);
    expect(r.time.length).toBeLessThanOrEqual(400);
    expect(r.tags?.length).toBe(r.time.length);
    expect(r.tags?.[0]).toBe(1);
    expect(r.tags?.[r.time.length - 1]).toBe(4);
    expect(Math.max(...r.value)).toBe(Math.max(...s.value));
    expect(Math.min(...r.value)).toBe(Math.min(...s.value));
  });
});
