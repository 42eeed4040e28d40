import { memo, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis, useXAxisScale, useYAxisScale } from 'recharts';

export interface ChartPoint {
  t: number;
  v: number | null;
  /** The point's origin (besmart id), where known: the tooltip names it. */
  o?: number;
}

export interface ChartLine {
  key: string;
  /** Legend and tooltip name, e.g. "A+ (measured)". */
  name: string;
  unit: string;
  color: string;
  /** A dashed line: `dash` gives its SVG dash pattern, `dashed` alone a plain dash. */
  dashed?: boolean;
  dash?: string | null;
  axis: 'left' | 'right';
  data: ChartPoint[];
  /**
   * Lines of one signal drawn in several styles (one per origin) share a
   * group: the tooltip shows one row per group, the nearest point of any of
   * its lines, named `label (origin of that point)`.
   */
  group?: string;
  label?: string;
}

/** The dash pattern a line is drawn with; undefined for a solid line. */
export function lineDash(l: Pick<ChartLine, 'dash' | 'dashed'>): string | undefined {
  return l.dash ?? (l.dashed ? '6 4' : undefined);
}

/** Dashed lines are drawn a little thicker, so the dashes show. */
export const lineWidth = (l: Pick<ChartLine, 'dash' | 'dashed'>) => (lineDash(l) === undefined ? 1.5 : 2.5);

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
  /** The word for a point's origin, for the tooltip of grouped lines. */
  originName?: (origin: number) => string;
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
            strokeWidth={lineWidth(l)}
            strokeDasharray={lineDash(l)}
            strokeLinejoin="round"
          />
        );
      })}
    </g>
  );
}

/** The point with a value nearest to t (line breaks skipped), or null. */
export function nearest(data: readonly ChartPoint[], t: number): ChartPoint | null {
  let lo = 0;
  let hi = data.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((data[mid]?.t ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  let after: ChartPoint | undefined;
  for (let i = lo; i < data.length && after === undefined; i++) if (data[i]?.v !== null) after = data[i];
  let before: ChartPoint | undefined;
  for (let i = lo - 1; i >= 0 && before === undefined; i--) if (data[i]?.v !== null) before = data[i];
  if (after === undefined || before === undefined) return after ?? before ?? null;
  return Math.abs(before.t - t) <= Math.abs(after.t - t) ? before : after;
}

/** One tooltip row per line group (a line alone is its own group): the group's nearest point within `tolerance`. */
export function tooltipRows(
  lines: readonly ChartLine[],
  t: number,
  tolerance: number,
  originName?: (origin: number) => string,
): { key: string; name: string; line: ChartLine; point: ChartPoint }[] {
  const rows = new Map<string, { line: ChartLine; point: ChartPoint }>();
  for (const line of lines) {
    const p = nearest(line.data, t);
    if (p === null || p.v === null || Math.abs(p.t - t) > tolerance) continue;
    const key = line.group ?? line.key;
    const seen = rows.get(key);
    if (seen === undefined || Math.abs(p.t - t) < Math.abs(seen.point.t - t)) rows.set(key, { line, point: p });
  }
  return [...rows].map(([key, { line, point }]) => ({
    key,
    line,
    point,
    name:
      line.group !== undefined && line.label !== undefined && point.o !== undefined && originName
        ? `${line.label} (${originName(point.o)})`
        : line.name,
  }));
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
  originName,
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
    hoverT === null ? [] : tooltipRows(lines, hoverT, ((till - from) / Math.max(1, plotWidth)) * 8, originName);

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
              {tips.map(({ key, name, line, point }) => (
                <div key={key}>
                  <span className="swatch" style={{ background: line.color }} /> {name}:{' '}
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
