import { useCallback } from 'react';
import { useSearchParams } from 'wouter';
import { parseDeltaTChoice, type DeltaTChoice } from './model/aggregation.ts';
import { isRangePreset, presetRange, type RangePreset, type TimeRange } from './model/ranges.ts';

/** Everything the chart shows lives in the URL, so a link or a reload restores it. */
export interface ChartView {
  /** Signal type MOIDs to draw; empty = the first signal. */
  signals: number[];
  range: RangePreset | 'custom';
  /** Custom range (ms), when range is "custom". */
  from: number | null;
  till: number | null;
  agg: DeltaTChoice;
  /** Show the raw cumulative reading of incremental signals. */
  cumulative: boolean;
  compare: boolean;
  /** Zoomed-in window inside the range. */
  zoom: TimeRange | null;
}

const int = (v: string | null) => (v !== null && /^-?\d+$/.test(v) ? Number(v) : null);

export function parseChartView(p: URLSearchParams): ChartView {
  const range = p.get('range');
  const zf = int(p.get('zf'));
  const zt = int(p.get('zt'));
  return {
    signals: (p.get('signals') ?? '')
      .split(',')
      .map((s) => int(s))
      .filter((n): n is number => n !== null),
    range: range === 'custom' ? 'custom' : isRangePreset(range) ? range : '7d',
    from: int(p.get('from')),
    till: int(p.get('till')),
    agg: parseDeltaTChoice(p.get('agg')),
    cumulative: p.get('cum') === '1',
    compare: p.get('cmp') === '1',
    zoom: zf !== null && zt !== null && zf < zt ? { from: zf, till: zt } : null,
  };
}

export function chartViewToParams(v: ChartView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.signals.length > 0) p.set('signals', v.signals.join(','));
  p.set('range', v.range);
  if (v.range === 'custom' && v.from !== null && v.till !== null) {
    p.set('from', String(v.from));
    p.set('till', String(v.till));
  }
  if (v.agg !== 'auto') p.set('agg', String(v.agg));
  if (v.cumulative) p.set('cum', '1');
  if (v.compare) p.set('cmp', '1');
  if (v.zoom) {
    p.set('zf', String(v.zoom.from));
    p.set('zt', String(v.zoom.till));
  }
  return p;
}

/** The range a view asks for (before zoom). Presets are computed from `now` in local time. */
export function viewRange(v: ChartView, now: number): TimeRange {
  if (v.range === 'custom' && v.from !== null && v.till !== null && v.from < v.till)
    return { from: v.from, till: v.till };
  return presetRange(v.range === 'custom' ? '7d' : v.range, now);
}

export function useChartView(): [ChartView, (change: Partial<ChartView>) => void] {
  const [params, setParams] = useSearchParams();
  const view = parseChartView(params);
  const update = useCallback(
    (change: Partial<ChartView>) =>
      setParams((prev) => chartViewToParams({ ...parseChartView(prev), ...change }), { replace: false }),
    [setParams],
  );
  return [view, update];
}
