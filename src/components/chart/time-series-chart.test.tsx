// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { ChartLegend } from './chart-legend.tsx';
import { TimeSeriesChart, type ChartSeries, type TimeSeriesChartProps } from './time-series-chart.tsx';

const WIDTH = 800;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const N = Number.NaN;

// jsdom lays nothing out: the chart's box is given a width (its overlay's left edge at 0), text none.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const w = this.classList.contains('time-series-chart') ? WIDTH : 0;
    return { width: w, height: 0, top: 0, left: 0, right: w, bottom: 0, x: 0, y: 0, toJSON: () => ({}) };
  });
});

function series(key: string, values: number[], extra: Partial<ChartSeries> = {}): ChartSeries {
  return {
    key,
    name: key,
    unit: 'kW',
    color: '#123456',
    time: Float64Array.from(values, (_, i) => T0 + i * HOUR),
    value: Float64Array.from(values),
    ...extra,
  };
}

function chart(props: Partial<TimeSeriesChartProps> & Pick<TimeSeriesChartProps, 'series'>) {
  return render(
    <TimeSeriesChart
      from={T0}
      till={T0 + 10 * HOUR}
      label="Chart of A"
      formatTime={(ms) => `time ${(ms - T0) / HOUR}`}
      formatTick={(ms) => `t=${(ms - T0) / HOUR}h`}
      formatValue={(v) => `v=${v}`}
      {...props}
    />,
  );
}

const paths = (container: HTMLElement) => [...container.querySelectorAll('.series-paths path')];
/** The "M" and "L" commands of a path. */
const commands = (d: string | null) => (d ?? '').match(/[ML]/g)?.join('') ?? '';

describe('TimeSeriesChart', () => {
  it('draws each series from its typed arrays as one path, in its colour and dash, on an image named by label', () => {
    const { container } = chart({
      series: [series('a', [1, 2, 3, 4, 5]), series('b', [5, 4, 3], { dash: '2 3', color: '#654321' })],
    });
    expect(screen.getByRole('img', { name: 'Chart of A' })).toBeInTheDocument();
    const [a, b] = paths(container);
    expect(commands(a?.getAttribute('d') ?? null)).toBe('MLLLL');
    expect(a).toHaveAttribute('stroke', '#123456');
    expect(a).toHaveAttribute('stroke-width', '1.5');
    expect(a).not.toHaveAttribute('stroke-dasharray');
    expect(commands(b?.getAttribute('d') ?? null)).toBe('MLL');
    expect(b).toHaveAttribute('stroke', '#654321');
    expect(b).toHaveAttribute('stroke-dasharray', '2 3');
    expect(b).toHaveAttribute('stroke-width', '2.5');
  });

  it('breaks a line where a value is NaN (a gap)', () => {
    const { container } = chart({ series: [series('a', [1, 2, N, N, 5, 6, N, 8])] });
    expect(commands(paths(container)[0]?.getAttribute('d') ?? null)).toBe('MLMLM');
  });

  it('labels the time axis and the value axes with the caller’s formats, a right axis only when a series asks', () => {
    const { container, rerender } = chart({ series: [series('a', [0, 10])] });
    const text = () => container.textContent ?? '';
    expect(text()).toMatch(/t=0h/);
    expect(text()).toMatch(/t=10h/);
    expect(text()).toMatch(/v=0/);
    expect(container.querySelectorAll('.recharts-yAxis')).toHaveLength(1);
    rerender(
      <TimeSeriesChart
        series={[series('a', [0, 10]), series('b', [500, 700], { axis: 'right' })]}
        from={T0}
        till={T0 + 10 * HOUR}
        label="Chart of A"
        formatTime={String}
        formatTick={(ms) => `t=${(ms - T0) / HOUR}h`}
        formatValue={(v) => `v=${v}`}
      />,
    );
    expect(container.querySelectorAll('.recharts-yAxis')).toHaveLength(2);
    expect(text()).toMatch(/v=[5-7]\d\d/);
  });

  it('shows markers as labelled vertical lines', () => {
    const { container } = chart({
      series: [series('a', [1, 2, 3])],
      markers: [
        { t: T0 + 2 * HOUR, label: 'Meter swapped' },
        { t: T0 + 5 * HOUR, label: 'Another' },
      ],
    });
    expect(container.querySelectorAll('.recharts-reference-line')).toHaveLength(2);
    expect(screen.getByText('Meter swapped')).toBeInTheDocument();
    expect(screen.getByText('Another')).toBeInTheDocument();
  });

  it('reports the plot width, and names the nearest point of each group in the tooltip by its tag', () => {
    const onPlotWidth = vi.fn();
    const group = { group: 'A', label: 'A' };
    const { container } = chart({
      onPlotWidth,
      tagName: (tag) => (tag === 4 ? 'estimated' : 'measured'),
      series: [
        series('A measured', [1, 2, N, N, N, N, N, N, N, N, N], { ...group, tags: new Array(11).fill(1) }),
        series('A estimated', [N, N, N, N, N, 6, 7, N, N, N, N], { ...group, tags: new Array(11).fill(4) }),
      ],
    });
    // 800 px wide, less the left axis (64) and margins (4 + 12).
    expect(onPlotWidth).toHaveBeenLastCalledWith(720);
    const overlay = container.querySelector('.chart-overlay');
    if (!overlay) throw new Error('no overlay');
    fireEvent.pointerMove(overlay, { clientX: 0.6 * 720 });
    const tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('time 6');
    expect(tip).toHaveTextContent('A (estimated): v=7 kW');
    expect(tip).not.toHaveTextContent('measured');
    fireEvent.pointerLeave(overlay);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('zooms to the range dragged across, only when asked to', () => {
    const onZoom = vi.fn();
    const { container } = chart({ series: [series('a', [1, 2, 3])], onZoom });
    const overlay = container.querySelector('.chart-overlay');
    if (!overlay) throw new Error('no overlay');
    overlay.setPointerCapture = () => {};
    fireEvent.pointerDown(overlay, { clientX: 72, pointerId: 1 });
    fireEvent.pointerMove(overlay, { clientX: 360, pointerId: 1 });
    fireEvent.pointerUp(overlay, { clientX: 360, pointerId: 1 });
    expect(onZoom).toHaveBeenCalledWith(T0 + HOUR, T0 + 5 * HOUR);
  });

  it('reduces raw arrays to a few points per pixel column when asked, keeping the envelope', () => {
    const n = 50_000;
    const values = Array.from({ length: n }, (_, i) => (i === 31_337 ? 3 : Math.sin(i / 100)));
    const raw = series('a', values, { time: Float64Array.from(values, (_, i) => T0 + (i * 10 * HOUR) / n) });
    /** The path's commands and its highest and lowest y. */
    const drawn = (reduce: boolean) => {
      const { container, unmount } = chart({ series: [raw], reduce });
      const d = paths(container)[0]?.getAttribute('d') ?? '';
      unmount();
      const ys = [...d.matchAll(/,(-?[\d.]+)/g)].map((m) => Number(m[1]));
      return { commands: commands(d).length, top: Math.min(...ys), bottom: Math.max(...ys) };
    };
    const all = drawn(false);
    const reduced = drawn(true);
    expect(all.commands).toBe(n);
    expect(reduced.commands).toBeLessThanOrEqual(4 * 720);
    expect(reduced.commands).toBeGreaterThan(720);
    expect([reduced.top, reduced.bottom]).toEqual([all.top, all.bottom]);
  });
});

describe('ChartLegend', () => {
  it('lists each series with its stroke, name and unit', () => {
    render(
      <ChartLegend
        label="Signals"
        series={[
          { key: 'a', name: 'A+ (measured)', unit: 'kWh', color: '#111111' },
          { key: 'b', name: 'A+ (estimated)', unit: 'kWh', color: '#111111', dash: '6 4' },
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(screen.getByRole('list', { name: 'Signals' })).toBeInTheDocument();
    expect(items.map((li) => li.textContent?.trim())).toEqual(['A+ (measured), kWh', 'A+ (estimated), kWh']);
    expect(items[1]?.querySelector('line')).toHaveAttribute('stroke-dasharray', '6 4');
    expect(items[0]?.querySelector('line')).not.toHaveAttribute('stroke-dasharray');
  });
});
