import { memo, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis, useXAxisScale, useYAxisScale } from 'recharts';
import {
  axisDomain,
  linePath,
  lineDash,
  lineWidth,
  reduceSeries,
  tooltipRows,
  type ChartMarker,
  type ChartSeries,
} from '../../lib/chart/series.ts';
import './chart.css';

export type { ChartMarker, ChartSeries } from '../../lib/chart/series.ts';

export interface TimeSeriesChartProps {
  /** What is drawn, in order (later series on top). */
  series: readonly ChartSeries[];
  /** The time axis spans [from, till] (ms). */
  from: number;
  till: number;
  markers?: readonly ChartMarker[];
  height?: number;
  /** Accessible name of the plot (it is one image). */
  label: string;
  /** Time in the tooltip, tick labels of the time axis, values on the value axes and in the tooltip. */
  formatTime: (ms: number) => string;
  formatTick: (ms: number) => string;
  formatValue: (v: number) => string;
  /** The plot area's width in px (one pixel column = one M4 column), whenever it changes. */
  onPlotWidth?: (px: number) => void;
  /** Drag across the plot to zoom: called with the chosen time range. */
  onZoom?: (from: number, till: number) => void;
  /** The word for a point's tag, for the tooltip of grouped series. */
  tagName?: (tag: number) => string;
  /**
   * M4-reduce each series to the plot's pixel columns before drawing. For
   * callers that hand over raw arrays; callers that reduce themselves (to
   * know what is drawn) leave it off.
   */
  reduce?: boolean;
}

const AXIS_WIDTH = 64;
const MARGIN = { top: 12, right: 12, bottom: 4, left: 4 };
const X_AXIS_HEIGHT = 30;

/**
 * The series, drawn as one SVG path each inside the recharts chart with its
 * axis scales. recharts' own <Line> runs every point through its store and
 * takes ~80 ms for 4,000 points; this layer takes a few, so switching range
 * never blocks the page (see npm run bench).
 */
function SeriesPaths({ series }: { series: readonly ChartSeries[] }) {
  const x = useXAxisScale();
  const left = useYAxisScale('left');
  const right = useYAxisScale('right');
  if (!x) return null;
  return (
    <g className="series-paths">
      {series.map((s) => {
        const y = s.axis === 'right' ? right : left;
        if (!y) return null;
        return (
          <path
            key={s.key}
            d={linePath(s.time, s.value, x, y)}
            fill="none"
            stroke={s.color}
            strokeWidth={lineWidth(s)}
            strokeDasharray={lineDash(s)}
            strokeLinejoin="round"
          />
        );
      })}
    </g>
  );
}

/**
 * A time-series line chart fed typed arrays: time and value axes (a second
 * value axis on the right for series that ask for it), grid, series with
 * gaps (NaN) and dash patterns, vertical markers, a tooltip of the nearest
 * points, and drag-to-zoom. It knows nothing of where the data came from.
 */
export const TimeSeriesChart = memo(function TimeSeriesChart({
  series: given,
  from,
  till,
  markers = [],
  height = 320,
  label,
  formatTime,
  formatTick,
  formatValue,
  onPlotWidth,
  onZoom,
  tagName,
  reduce = false,
}: TimeSeriesChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const hasRight = given.some((s) => s.axis === 'right');
  const plotLeft = MARGIN.left + AXIS_WIDTH;
  const plotWidth = Math.max(0, width - plotLeft - MARGIN.right - (hasRight ? AXIS_WIDTH : 0));
  // Reduced over [from, till + 1 ms): a point at till is drawn too.
  const series = useMemo(
    () => (reduce && plotWidth > 0 ? given.map((s) => reduceSeries(s, from, till + 1, plotWidth)) : given),
    [given, reduce, from, till, plotWidth],
  );
  // The anchors span each axis's value range (recharts derives the axis domain from them). Memoised,
  // so recharts' store sees a change only when the data's range does.
  const [leftLo, leftHi] = useMemo(() => axisDomain(series, 'left'), [series]);
  const [rightLo, rightHi] = useMemo(() => axisDomain(series, 'right'), [series]);
  const anchors = useMemo(
    () => [
      {
        axis: 'left' as const,
        data: [
          { t: from, v: leftLo },
          { t: till, v: leftHi },
        ],
      },
      ...(hasRight
        ? [
            {
              axis: 'right' as const,
              data: [
                { t: from, v: rightLo },
                { t: till, v: rightHi },
              ],
            },
          ]
        : []),
    ],
    [from, till, leftLo, leftHi, rightLo, rightHi, hasRight],
  );

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const update = () => setWidth(Math.floor(el.getBoundingClientRect().width));
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (plotWidth > 0) onPlotWidth?.(plotWidth);
  }, [plotWidth, onPlotWidth]);

  const [hoverX, setHoverX] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const timeAt = (x: number) => from + (Math.min(Math.max(x, 0), plotWidth) / Math.max(1, plotWidth)) * (till - from);
  const localX = (e: ReactPointerEvent<HTMLDivElement>) => e.clientX - e.currentTarget.getBoundingClientRect().left;

  const hoverT = hoverX === null ? null : timeAt(hoverX);
  const tips =
    hoverT === null ? [] : tooltipRows(series, hoverT, ((till - from) / Math.max(1, plotWidth)) * 8, tagName);

  return (
    <div className="time-series-chart" ref={box} style={{ position: 'relative', height }}>
      {width > 0 ? (
        <LineChart width={width} height={height} margin={MARGIN} role="img" aria-label={label}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            dataKey="t"
            type="number"
            domain={[from, till]}
            allowDataOverflow
            height={X_AXIS_HEIGHT}
            tickFormatter={formatTick}
            tickCount={6}
            stroke="var(--muted)"
          />
          <YAxis yAxisId="left" width={AXIS_WIDTH} tickFormatter={formatValue} stroke="var(--muted)" />
          {hasRight ? (
            <YAxis
              yAxisId="right"
              orientation="right"
              width={AXIS_WIDTH}
              tickFormatter={formatValue}
              stroke="var(--muted)"
            />
          ) : null}
          {/* Two invisible points per axis give recharts its axes; the series themselves are SeriesPaths. */}
          {anchors.map(({ axis, data }) => (
            <Line
              key={`anchor-${axis}`}
              yAxisId={axis}
              data={data}
              dataKey="v"
              stroke="none"
              dot={false}
              activeDot={false}
              isAnimationActive={false}
              legendType="none"
              tooltipType="none"
            />
          ))}
          <SeriesPaths series={series} />
          {markers.map((m) => (
            <ReferenceLine
              key={`marker-${m.t}`}
              x={m.t}
              yAxisId="left"
              stroke="var(--fg)"
              strokeDasharray="3 3"
              label={{ value: m.label, position: 'insideTopLeft', fill: 'var(--muted)', fontSize: 11 }}
            />
          ))}
        </LineChart>
      ) : null}
      <div
        className="chart-overlay"
        style={{
          position: 'absolute',
          left: plotLeft,
          top: MARGIN.top,
          width: plotWidth,
          height: height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT,
          cursor: onZoom ? 'crosshair' : 'default',
          touchAction: 'none',
        }}
        onPointerDown={(e) => {
          if (!onZoom) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          const x = localX(e);
          setDrag({ x0: x, x1: x });
        }}
        onPointerMove={(e) => {
          const x = localX(e);
          setHoverX(x);
          if (drag) setDrag({ x0: drag.x0, x1: x });
        }}
        onPointerUp={(e) => {
          if (drag && onZoom) {
            const x1 = localX(e);
            const a = Math.min(drag.x0, x1);
            const b = Math.max(drag.x0, x1);
            if (b - a >= 5) onZoom(Math.round(timeAt(a)), Math.round(timeAt(b)));
          }
          setDrag(null);
        }}
        onPointerLeave={() => {
          if (!drag) setHoverX(null);
        }}
      >
        {drag ? (
          <div
            className="zoom-selection"
            style={{ left: Math.min(drag.x0, drag.x1), width: Math.abs(drag.x1 - drag.x0) }}
          />
        ) : null}
        {hoverX !== null && hoverT !== null && tips.length > 0 && !drag ? (
          <>
            <div className="chart-crosshair" style={{ left: hoverX }} />
            <div
              className="chart-tooltip"
              role="tooltip"
              style={hoverX > plotWidth / 2 ? { right: plotWidth - hoverX + 12 } : { left: hoverX + 12 }}
            >
              <div className="chart-tooltip-time">{formatTime(tips[0]?.t ?? hoverT)}</div>
              {tips.map(({ key, name, series: s, v }) => (
                <div key={key}>
                  <span className="swatch" style={{ background: s.color }} /> {name}:{' '}
                  <strong>{Number.isNaN(v) ? '—' : formatValue(v)}</strong> {s.unit}
                </div>
              ))}
            </div>
          </>
        ) : null}
      </div>
    </div>
  );
});
