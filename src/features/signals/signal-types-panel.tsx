import { useQuery } from '@tanstack/react-query';
import { EmptyState, QueryView } from '../../components/query-state.tsx';
import { UpdatedAgo } from '../../components/updated-ago.tsx';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { besmartQueries } from '../../lib/queries/besmart.ts';
import { useSessions } from '../../lib/session/context.tsx';

/** besmart's signal types: symbol, description and unit. */
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
          list.length === 0 ? (
            <EmptyState>{t('signals.empty')}</EmptyState>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">{t('signals.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('signals.symbol')}</th>
                  <th scope="col">{t('signals.description')}</th>
                  <th scope="col">{t('signals.unit')}</th>
                  <th scope="col">{t('signals.cumulative')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((type) => (
                  <tr key={type.signal_type_moid}>
                    <td>{type.symbol}</td>
                    <td>{type.description}</td>
                    <td>{type.unit_symbol}</td>
                    <td>{type.is_incremental ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </section>
  );
}
