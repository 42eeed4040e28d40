import { lineDash, lineWidth, nearest, tooltipRows, type ChartLine } from './signal-chart.tsx';

const words: Record<number, string> = { 1: 'measured', 2: 'predicted', 4: 'estimated' };
const originName = (o: number) => words[o] ?? `other (${o})`;

function line(key: string, data: ChartLine['data'], extra: Partial<ChartLine> = {}): ChartLine {
  return { key, name: key, unit: 'kW', color: '#000', axis: 'left', data, ...extra };
}

describe('the chart tooltip', () => {
  it('finds the nearest point with a value, skipping line breaks', () => {
    const data = [
      { t: 0, v: 1 },
      { t: 10, v: null },
      { t: 10, v: 2 },
      { t: 20, v: 3 },
    ];
    expect(nearest(data, 9)).toEqual({ t: 10, v: 2 });
    expect(nearest(data, 4)).toEqual({ t: 0, v: 1 });
    expect(nearest([{ t: 5, v: null }], 5)).toBeNull();
    expect(nearest([], 5)).toBeNull();
  });

  it('shows one row per signal, named by the origin of the point under the pointer', () => {
    const group = { group: '32', label: 'A+' };
    const lines = [
      line(
        'A+ (measured)',
        [
          { t: 0, v: 1, o: 1 },
          { t: 10, v: 2, o: 1 },
        ],
        group,
      ),
      line(
        'A+ (estimated)',
        [
          { t: 10, v: 2, o: 1 },
          { t: 20, v: 3, o: 4 },
        ],
        group,
      ),
      line('A+ (previous period)', [{ t: 19, v: 9, o: 1 }], { dashed: true }),
    ];
    expect(tooltipRows(lines, 19, 5, originName).map((r) => [r.name, r.point.v])).toEqual([
      ['A+ (estimated)', 3],
      ['A+ (previous period)', 9],
    ]);
    expect(tooltipRows(lines, 9, 5, originName).map((r) => [r.name, r.point.v])).toEqual([['A+ (measured)', 2]]);
    expect(tooltipRows(lines, 100, 5, originName)).toEqual([]);
  });

  it('draws measured solid and the others dashed and thicker', () => {
    expect([lineDash({}), lineWidth({})]).toEqual([undefined, 1.5]);
    expect([lineDash({ dash: null }), lineWidth({ dash: null })]).toEqual([undefined, 1.5]);
    expect([lineDash({ dash: '2 3' }), lineWidth({ dash: '2 3' })]).toEqual(['2 3', 2.5]);
    expect([lineDash({ dashed: true }), lineWidth({ dashed: true })]).toEqual(['6 4', 2.5]);
  });
});
