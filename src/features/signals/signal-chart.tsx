import { memo, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis, useXAxisScale, useYAxisScale } from 'recharts';

export interface ChartPoint {
  t: number;
  v: number | null;
}

export interface ChartLine {
  key: string;
  /** Legend and tooltip name, e.g. "A+ (measured)". */
  name: string;
  unit: string;
  color: string;
  dashed?: boolean;
  axis: 'left' | 'right';
  data: ChartPoint[];
}

export interface ChartMarker {
  t: number;
  label: string;
}

interface Props {
  lines: ChartLine[];
  from: number;
  till: number;
  markers?: ChartMarker[];
  height?: number;
  /** Accessible name of the plot. */
  label: string;
  formatTime: (ms: number) => string;
  formatTick: (ms: number) => string;
  formatValue: (v: number) => string;
  /** The plot area's width in px (one pixel column = one M4 column). */
  onPlotWidth?: (px: number) => void;
  /** Drag across the plot to zoom. */
  onZoom?: (from: number, till: number) => void;
}

const AXIS_WIDTH = 64;
const MARGIN = { top: 12, right: 12, bottom: 4, left: 4 };
const X_AXIS_HEIGHT = 30;

/** Value range of the lines on one axis, padded a little; [0, 1] when there is nothing. */
export function axisDomain(lines: ChartLine[], axis: 'left' | 'right'): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of lines) {
    if (l.axis !== axis) continue;
    for (const p of l.data) {
      if (p.v === null) continue;
      if (p.v < lo) lo = p.v;
      if (p.v > hi) hi = p.v;
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad];
}

/**
 * The series, drawn as one SVG path each inside the recharts chart with its
 * axis scales. recharts' own <Line> runs every point through its store and
 * takes ~80 ms for 4,000 points; this layer takes a few, so switching range
 * never blocks the page (see npm run bench).
 */
function SeriesPaths({ lines }: { lines: ChartLine[] }) {
  const x = useXAxisScale();
  const left = useYAxisScale('left');
  const right = useYAxisScale('right');
  if (!x) return null;
  return (
    <g className="series-paths">
      {lines.map((l) => {
        const y = l.axis === 'right' ? right : left;
        if (!y) return null;
        let d = '';
        let pen = false;
        for (const p of l.data) {
          if (p.v === null) {
            pen = false;
            continue;
          }
          const px = x(p.t);
          const py = y(p.v);
          if (px === undefined || py === undefined) continue;
          d += `${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
          pen = true;
        }
        return (
          <path
            key={l.key}
            d={d}
            fill="none"
            stroke={l.color}
            strokeWidth={l.dashed ? 2.5 : 1.5}
            strokeDasharray={l.dashed ? '6 4' : undefined}
            strokeLinejoin="round"
          />
        );
      })}
    </g>
  );
}

function nearest(data: ChartPoint[], t: number): ChartPoint | null {
  let lo = 0;
  let hi = data.length - 1;
  if (hi < 0) return null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((data[mid]?.t ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  const a = data[lo];
  const b = data[lo - 1];
  const best = b && a && Math.abs(b.t - t) < Math.abs(a.t - t) ? b : a;
  return best ?? null;
}

/** A time-series line chart (recharts) with drag-to-zoom, a tooltip and vertical markers. */
export const SignalChart = memo(function SignalChart({
  lines,
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
}: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const hasRight = lines.some((l) => l.axis === 'right');
  // The anchors span each axis's value range (recharts derives the axis domain from them). Memoised,
  // so recharts' store sees a change only when the data's range does.
  const [leftLo, leftHi] = useMemo(() => axisDomain(lines, 'left'), [lines]);
  const [rightLo, rightHi] = useMemo(() => axisDomain(lines, 'right'), [lines]);
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
  const plotLeft = MARGIN.left + AXIS_WIDTH;
  const plotWidth = Math.max(0, width - plotLeft - MARGIN.right - (hasRight ? AXIS_WIDTH : 0));

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
    hoverT === null
      ? []
      : lines.flatMap((l) => {
          const p = nearest(l.data, hoverT);
          return p && p.v !== null && Math.abs(p.t - hoverT) <= ((till - from) / Math.max(1, plotWidth)) * 8
            ? [{ line: l, point: p }]
            : [];
        });

  return (
    <div className="signal-chart" ref={box} style={{ position: 'relative', height }}>
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
          <SeriesPaths lines={lines} />
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
              <div className="chart-tooltip-time">{formatTime(tips[0]?.point.t ?? hoverT)}</div>
              {tips.map(({ line, point }) => (
                <div key={line.key}>
                  <span className="swatch" style={{ background: line.color }} /> {line.name}:{' '}
                  <strong>{point.v === null ? '—' : formatValue(point.v)}</strong> {line.unit}
                </div>
              ))}
            </div>
          </>
        ) : null}
      </div>
    </div>
  );
});
