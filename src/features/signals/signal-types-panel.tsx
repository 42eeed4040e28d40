import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorPanel, Skeleton } from '../../components/query-state.tsx';
import { UpdatedAgo } from '../../components/updated-ago.tsx';
import { besmartQueries } from '../../lib/queries/besmart.ts';
import { useSessions } from '../../lib/session/context.tsx';

/** besmart's signal types: symbol, description and unit. */
export function SignalTypesPanel() {
  const sessions = useSessions();
  const types = useQuery(besmartQueries.signalTypes(sessions.besmart));
  return (
    <section className="panel" aria-labelledby="signal-types-heading">
      <div className="panel-head">
        <h2 id="signal-types-heading">besmart signal types</h2>
        <div className="panel-tools">
          <UpdatedAgo updatedAt={types.dataUpdatedAt} />
          <button type="button" onClick={() => void types.refetch()} disabled={types.isFetching}>
            {types.isFetching ? 'Refreshing…' : 'Refresh signal types'}
          </button>
        </div>
      </div>
      {types.isPending ? (
        <Skeleton label="Loading signal types" />
      ) : types.isError ? (
        <ErrorPanel
          title="Signal types could not be loaded."
          error={types.error}
          onRetry={() => void types.refetch()}
        />
      ) : types.data.length === 0 ? (
        <EmptyState>No signal types.</EmptyState>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Signal types</caption>
          <thead>
            <tr>
              <th scope="col">Symbol</th>
              <th scope="col">Description</th>
              <th scope="col">Unit</th>
              <th scope="col">Cumulative</th>
            </tr>
          </thead>
          <tbody>
            {types.data.map((t) => (
              <tr key={t.signal_type_moid}>
                <td>{t.symbol}</td>
                <td>{t.description}</td>
                <td>{t.unit_symbol}</td>
                <td>{t.is_incremental ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
