import { useCallback, useMemo } from 'react';
import type { TaskResult } from '../../../api/besmart/schemas.ts';
import { TimeSeriesChart, type ChartSeries } from '../../../components/chart/time-series-chart.tsx';
import { timeTickFormat } from '../../../lib/chart/ticks.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';

/** One task result as a line chart (local time on the x axis), with its points in a table for screen readers. */
export function TaskResultChart({ result, index }: { result: TaskResult; index: number }) {
  const { t, dateTime, number } = useI18n();
  const points = result.data.time.map((time, i) => ({ time, value: result.data.value[i] ?? null }));
  const unit = result.unit ?? '';
  const valueName = t('edit.data.value');
  // The shared chart takes typed arrays in time order; a missing value (NaN) breaks the line.
  const { series, from, till } = useMemo(() => {
    const { time, value } = result.data;
    const order = time.map((_, i) => i).sort((a, b) => (time[a] ?? 0) - (time[b] ?? 0));
    const line: ChartSeries = {
      key: 'result',
      name: valueName,
      unit,
      color: 'var(--accent)',
      time: Float64Array.from(order, (i) => time[i] ?? Number.NaN),
      value: Float64Array.from(order, (i) => value[i] ?? Number.NaN),
    };
    const first = line.time[0] ?? 0;
    return { series: [line], from: first, till: Math.max(line.time[line.time.length - 1] ?? 0, first + 1) };
  }, [result, valueName, unit]);
  const formatTick = useCallback((ms: number) => dateTime(ms, timeTickFormat(till - from)), [dateTime, from, till]);
  const formatTime = useCallback((ms: number) => dateTime(ms), [dateTime]);
  const formatValue = useCallback((v: number) => number(v), [number]);
  const name = t('edit.task.resultName', {
    index: index + 1,
    signal: result.signal_type_moid === undefined ? '—' : String(result.signal_type_moid),
    count: points.length,
    unit: unit || '—',
  });
  return (
    <figure className="task-result">
      <figcaption>{name}</figcaption>
      {points.length === 0 ? (
        <p className="empty-state">{t('edit.task.noPoints')}</p>
      ) : (
        <TimeSeriesChart
          series={series}
          from={from}
          till={till}
          height={240}
          label={name}
          formatTick={formatTick}
          formatTime={formatTime}
          formatValue={formatValue}
          reduce
        />
      )}
      <details>
        <summary>{t('edit.task.points')}</summary>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('edit.data.time')}</th>
                <th scope="col">
                  {t('edit.data.value')}
                  {unit ? ` (${unit})` : ''}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.time}>
                  <td>{dateTime(p.time)}</td>
                  <td className="num">{p.value === null ? '—' : number(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
