import { useQuery, useQueryClient } from '@tanstack/react-query';
import { EmptyState, ErrorPanel, Skeleton } from '../../components/query-state.tsx';
import { UpdatedAgo } from '../../components/updated-ago.tsx';
import { sauresQueries } from '../../lib/queries/saures.ts';
import { useSessions } from '../../lib/session/context.tsx';

/** The resident's flats, as a first look (the full overview builds on this). */
export function FlatsSummary() {
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const flats = useQuery(sauresQueries.flats(sessions.saures));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: sauresQueries.all() });

  return (
    <section className="panel" aria-labelledby="flats-heading">
      <div className="panel-head">
        <h2 id="flats-heading">Flats</h2>
        <div className="panel-tools">
          <UpdatedAgo updatedAt={flats.dataUpdatedAt} />
          <button type="button" onClick={refresh} disabled={flats.isFetching}>
            {flats.isFetching ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      {flats.isPending ? (
        <Skeleton label="Loading flats" />
      ) : flats.isError ? (
        <ErrorPanel title="Flats could not be loaded." error={flats.error} onRetry={() => void flats.refetch()} />
      ) : flats.data.length === 0 ? (
        <EmptyState>This account has no flats yet.</EmptyState>
      ) : (
        <ul className="flat-list">
          {flats.data.map((flat) => (
            <li key={flat.id}>
              <span>{flat.house}</span>, <span>{/^\d/.test(flat.number) ? `flat ${flat.number}` : flat.number}</span>
              {flat.enabled ? null : <span className="badge muted-badge"> disabled</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
