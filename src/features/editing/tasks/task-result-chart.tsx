import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TaskResult } from '../../../api/besmart/schemas.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';

/** One task result as a line chart (local time on the x axis), with its points in a table for screen readers. */
export function TaskResultChart({ result, index }: { result: TaskResult; index: number }) {
  const { t, dateTime, number } = useI18n();
  const points = result.data.time.map((time, i) => ({ time, value: result.data.value[i] ?? null }));
  const unit = result.unit ?? '';
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
        <div role="img" aria-label={name}>
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
              <XAxis
                dataKey="time"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(ms: number) => dateTime(ms, { hour: '2-digit', minute: '2-digit' })}
                stroke="var(--muted)"
              />
              <YAxis stroke="var(--muted)" tickFormatter={(v: number) => number(v)} width={56} />
              <Tooltip
                labelFormatter={(ms) => (typeof ms === 'number' ? dateTime(ms) : String(ms))}
                formatter={(v) => [typeof v === 'number' ? `${number(v)} ${unit}` : '—', t('edit.data.value')]}
              />
              <Line type="monotone" dataKey="value" stroke="var(--accent)" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
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
