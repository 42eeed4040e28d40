import { lineDash, lineWidth, type ChartSeries } from '../../lib/chart/series.ts';
import './chart.css';

/** The chart's legend: one entry per series, its stroke as drawn, `name, unit`. */
export function ChartLegend({
  series,
  label,
  lang,
}: {
  series: readonly Pick<ChartSeries, 'key' | 'name' | 'unit' | 'color' | 'dash' | 'dashed'>[];
  /** Accessible name of the list. */
  label: string;
  lang?: string;
}) {
  return (
    <ul className="chart-legend" aria-label={label} lang={lang}>
      {series.map((s) => (
        <li key={s.key}>
          <svg className="legend-line" width="28" height="10" aria-hidden="true">
            <line
              x1="1"
              y1="5"
              x2="27"
              y2="5"
              stroke={s.color}
              strokeWidth={lineWidth(s)}
              strokeDasharray={lineDash(s)}
            />
          </svg>{' '}
          {s.name}, {s.unit}
        </li>
      ))}
    </ul>
  );
}
