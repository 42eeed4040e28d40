import { useQuery } from '@tanstack/react-query';
import type { SignalType } from '../../api/besmart/schemas.ts';
import { EmptyState, QueryView } from '../../components/query-state.tsx';
import { UpdatedAgo } from '../../components/updated-ago.tsx';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../lib/queries/besmart.ts';
import { useSessions } from '../../lib/session/context.tsx';
import { kindFromType } from '../../lib/signal-kind.ts';
import { kindText } from './signal-kind-text.ts';

/**
 * besmart's signal types: symbol, description, unit, group, whether a signal
 * is a counter or an instantaneous value (decided as the chart does without
 * an operator's choice, with the reason), and what current servers add
 * (measurement flag, series type, charted or not). Columns no row fills are
 * left out.
 */
export function SignalTypesPanel() {
  const sessions = useSessions();
  const types = useQuery(besmartQueries.signalTypes(sessions.besmart));
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="signal-types-heading">
      <div className="panel-head">
        <h2 id="signal-types-heading">{t('signals.title')}</h2>
        <div className="panel-tools">
          <UpdatedAgo updatedAt={types.dataUpdatedAt} />
          <button type="button" onClick={() => void types.refetch()} disabled={types.isFetching}>
            {types.isFetching ? t('common.refreshing') : t('signals.refresh')}
          </button>
        </div>
      </div>
      <QueryView query={types} loadingLabel={t('signals.loading')} failedTitle={t('signals.failed')}>
        {(list) =>
          list.length === 0 ? <EmptyState>{t('signals.empty')}</EmptyState> : <SignalTypesTable list={list} />
        }
      </QueryView>
    </section>
  );
}

function SignalTypesTable({ list }: { list: readonly SignalType[] }) {
  const { t } = useI18n();
  const yesNo = (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no'));
  const has = (pick: (x: SignalType) => unknown) => list.some((x) => pick(x) !== null);
  const groups = has((x) => x.group);
  const current = has((x) => x.is_measurement) || has((x) => x.time_series_type) || has((x) => x.draw_chart);
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t('signals.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('signals.symbol')}</th>
            <th scope="col">{t('signals.description')}</th>
            <th scope="col">{t('signals.unit')}</th>
            {groups ? <th scope="col">{t('signals.group')}</th> : null}
            <th scope="col">{t('signals.cumulative')}</th>
            {current ? (
              <>
                <th scope="col">{t('signals.measurement')}</th>
                <th scope="col">{t('signals.seriesType')}</th>
                <th scope="col">{t('signals.drawChart')}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {list.map((type) => {
            return (
              <tr key={type.signal_type_moid}>
                <td>{type.symbol}</td>
                <td>{type.description}</td>
                <td>{type.unit_symbol}</td>
                {groups ? <td>{type.group ?? '—'}</td> : null}
                <td>{kindText(t, kindFromType(type), type.unit_symbol)}</td>
                {current ? (
                  <>
                    <td>{yesNo(type.is_measurement)}</td>
                    <td>{type.time_series_type ?? '—'}</td>
                    <td>{yesNo(type.draw_chart)}</td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
