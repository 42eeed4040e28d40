// Bench page (not part of the app): renders the app's chart with synthetic
// series and reports, in the page, the time from data ready to chart painted.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { prepareSeries, reduceForPlot } from '../src/features/signals/chart-view.ts';
import { reduceM4 } from '../src/lib/chart/m4.ts';
import { TimeSeriesChart, type ChartSeries } from '../src/components/chart/time-series-chart.tsx';
import { Line, LineChart, XAxis, YAxis } from 'recharts';

const MINUTE = 60_000;
const WIDTH = 1200;
const PLOT = WIDTH - 64 - 16;

function series(n: number, stepMs: number) {
  const t0 = Date.UTC(2025, 0, 1);
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  const origin = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    time[i] = t0 + i * stepMs;
    value[i] = 2 + Math.sin(i / 90) + 0.3 * Math.sin(i / 7) + ((i * 2654435761) % 1000) / 5000;
    if (i % 50_000 === 123) origin[i] = 2;
  }
  return { time, value, origin, unit: 'kW' };
}

const container = document.getElementById('root');
if (!container) throw new Error('bench/chart.html has no #root');
const root = createRoot(container);
const painted = () =>
  new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));

function render(series: ChartSeries[], from: number, till: number) {
  flushSync(() => {
    root.render(
      <TimeSeriesChart
        series={series}
        from={from}
        till={till}
        label="bench"
        formatTick={(ms) => new Date(ms).toISOString().slice(0, 10)}
        formatTime={(ms) => new Date(ms).toISOString()}
        formatValue={(v) => v.toFixed(2)}
      />,
    );
  });
}

declare global {
  interface Window {
    bench: {
      /** Data ready → chart painted (prepare + M4 + recharts), ms. */
      reduced(n: number): Promise<{ ms: number; drawn: number }>;
      /** The same series handed raw to recharts, ms. */
      raw(n: number): Promise<{ ms: number; drawn: number }>;
      /** reduceM4 alone, ms. */
      reduction(n: number): number;
      clear(): Promise<void>;
    };
  }
}

const cache = new Map<number, ReturnType<typeof series>>();
const get = (n: number) => {
  let s = cache.get(n);
  if (!s) {
    s = series(n, n > 100_000 ? MINUTE : 15 * MINUTE);
    cache.set(n, s);
  }
  return s;
};

window.bench = {
  async reduced(n) {
    const s = get(n);
    const from = s.time[0] ?? 0;
    const till = (s.time[n - 1] ?? 0) + 1;
    await painted();
    const t0 = performance.now();
    const p = prepareSeries(s, { consumption: false, boundaries: [], from });
    const r = reduceForPlot(p, from, till, PLOT);
    render(
      [
        { key: 'm', name: 'P', unit: 'kW', color: '#1f77b4', axis: 'left', ...r.measured },
        { key: 'e', name: 'P est', unit: 'kW', color: '#1f77b4', dashed: true, axis: 'left', ...r.other },
      ],
      from,
      till,
    );
    const t1 = await painted();
    return { ms: t1 - t0, drawn: r.measured.time.length + r.other.time.length };
  },
  async raw(n) {
    const s = get(n);
    const from = s.time[0] ?? 0;
    const till = (s.time[n - 1] ?? 0) + 1;
    await painted();
    const t0 = performance.now();
    const data = new Array<{ t: number; v: number | null }>(n);
    for (let i = 0; i < n; i++) data[i] = { t: s.time[i] ?? 0, v: s.value[i] ?? null };
    // The comparison: recharts' own <Line> given every raw point.
    flushSync(() => {
      root.render(
        <LineChart width={WIDTH} height={320} margin={{ top: 12, right: 12, bottom: 4, left: 4 }}>
          <XAxis dataKey="t" type="number" domain={[from, till]} allowDataOverflow />
          <YAxis width={64} />
          <Line data={data} dataKey="v" dot={false} activeDot={false} isAnimationActive={false} stroke="#1f77b4" />
        </LineChart>,
      );
    });
    const t1 = await painted();
    return { ms: t1 - t0, drawn: n };
  },
  reduction(n) {
    const s = get(n);
    const from = s.time[0] ?? 0;
    const till = (s.time[n - 1] ?? 0) + 1;
    const t0 = performance.now();
    reduceM4(s.time, s.value, from, till, PLOT);
    return performance.now() - t0;
  },
  async clear() {
    flushSync(() => root.render(null));
    await painted();
  },
};
document.title = 'ready';
