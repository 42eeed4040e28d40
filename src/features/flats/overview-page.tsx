import { useQueryClient } from '@tanstack/react-query';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { EmptyState, ErrorPanel, Skeleton } from '../../components/query-state.tsx';
import { UpdatedAgo } from '../../components/updated-ago.tsx';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { sauresQueries } from '../../lib/queries/saures.ts';
import { FlatCard } from './flat-card.tsx';
import { flatLabel } from './flat-label.ts';
import {
  buildSearchIndex,
  matchesHealth,
  sortFlats,
  summarize,
  type FlatSort,
  type HealthFilter,
} from './model/overview.ts';
import { useStaleHours } from './prefs.ts';
import { SummaryStrip } from './summary-strip.tsx';
import { useFlatsOverview } from './use-flats-overview.ts';
import { useOverviewView } from './url-state.ts';

function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/** Residents' overview: every flat, its controllers' health and its meters. */
export function OverviewPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { flats, items, updatedAt, isFetching } = useFlatsOverview();
  const [view, setView] = useOverviewView();
  const [staleHours, setStaleHours] = useStaleHours();
  const [staleDraft, setStaleDraft] = useState<string | null>(null);
  const now = useMinuteClock();
  const opts = useMemo(() => ({ now, staleHours }), [now, staleHours]);

  // The search box answers every keystroke; filtering the list follows at React's pace.
  const [query, setQuery] = useState(view.q);
  const [urlQuery, setUrlQuery] = useState(view.q);
  const [written, setWritten] = useState<string | null>(null);
  if (view.q !== urlQuery) {
    setUrlQuery(view.q);
    // The URL changed from outside (back button, a link): show its query. Our own writes lag the box; keep what is typed.
    if (view.q !== written) setQuery(view.q);
  }
  const deferredQuery = useDeferredValue(query);
  // The URL follows the search box after a pause, not on every keystroke.
  useEffect(() => {
    if (query === view.q) return;
    const id = setTimeout(() => {
      setWritten(query);
      setView({ q: query });
    }, 300);
    return () => clearTimeout(id);
  }, [query, view.q, setView]);

  const summary = useMemo(() => summarize(items, opts), [items, opts]);
  const index = useMemo(() => buildSearchIndex(items), [items]);
  const visible = useMemo(() => {
    let list = index.filter(deferredQuery);
    if (view.flat !== null) list = list.filter((i) => i.flat.id === view.flat);
    if (view.health) {
      const health = view.health;
      list = list.filter((i) => matchesHealth(i, health, opts));
    }
    return sortFlats(list, view.sort, opts);
  }, [index, deferredQuery, view.flat, view.health, view.sort, opts]);

  const flatOptions = useMemo(
    () =>
      items.map((i) => (
        <option key={i.flat.id} value={i.flat.id}>
          {flatLabel(i, t)}
        </option>
      )),
    [items, t],
  );

  const ids = { search: useId(), health: useId(), sort: useId(), flat: useId(), stale: useId() };
  const filtered = view.q !== '' || view.health !== null || view.flat !== null;

  return (
    <div className="overview">
      <div className="panel-head">
        <h1>{t('flats.title')}</h1>
        <div className="panel-tools">
          <UpdatedAgo updatedAt={updatedAt} />
          <button
            type="button"
            onClick={() => void queryClient.invalidateQueries({ queryKey: sauresQueries.all() })}
            disabled={isFetching}
          >
            {isFetching ? t('common.refreshing') : t('common.refresh')}
          </button>
        </div>
      </div>

      {flats.isPending ? (
        <Skeleton lines={6} label={t('flats.loading')} />
      ) : flats.isError && flats.data === undefined ? (
        <ErrorPanel title={t('flats.failed')} error={flats.error} onRetry={() => void flats.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{t('flats.empty')}</EmptyState>
      ) : (
        <>
          {/* A failed refresh keeps the flats loaded before on screen, with the error above them. */}
          {flats.isError ? (
            <ErrorPanel title={t('flats.failed')} error={flats.error} onRetry={() => void flats.refetch()} />
          ) : null}
          <SummaryStrip summary={summary} active={view.health} onPick={(health) => setView({ health })} />
          <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor={ids.search}>{t('flats.search')}</label>
              <input
                id={ids.search}
                type="search"
                value={query}
                placeholder={t('flats.searchPlaceholder')}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.health}>{t('flats.health')}</label>
              <select
                id={ids.health}
                value={view.health ?? ''}
                onChange={(e) => setView({ health: HEALTH_OPTIONS.find((h) => h === e.target.value) ?? null })}
              >
                <option value="">{t('flats.healthAll')}</option>
                <option value="leak">{t('summary.leak', { count: summary.byFilter.leak })}</option>
                <option value="error">{t('summary.error', { count: summary.byFilter.error })}</option>
                <option value="battery">{t('summary.battery', { count: summary.byFilter.battery })}</option>
                <option value="stale">{t('summary.stale', { count: summary.byFilter.stale })}</option>
                <option value="signal">{t('summary.signal', { count: summary.byFilter.signal })}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.flat}>{t('flats.flat')}</label>
              <select
                id={ids.flat}
                value={view.flat ?? ''}
                onChange={(e) => setView({ flat: e.target.value === '' ? null : Number(e.target.value) })}
              >
                <option value="">{t('flats.allFlats')}</option>
                {flatOptions}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.sort}>{t('flats.sort')}</label>
              <select
                id={ids.sort}
                value={view.sort}
                onChange={(e) => setView({ sort: SORT_OPTIONS.find((s) => s === e.target.value) ?? 'address' })}
              >
                <option value="address">{t('flats.sortAddress')}</option>
                <option value="number">{t('flats.sortNumber')}</option>
                <option value="health">{t('flats.sortHealth')}</option>
              </select>
            </div>
            <div className="field narrow">
              <label htmlFor={ids.stale}>{t('flats.staleAfter')}</label>
              <input
                id={ids.stale}
                type="number"
                min={1}
                max={2160}
                value={staleDraft ?? String(staleHours)}
                aria-invalid={staleDraft !== null && !validStale(staleDraft) ? true : undefined}
                onChange={(e) => {
                  // What is typed stays in the box; only a whole number of hours in range is applied and remembered.
                  setStaleDraft(e.target.value);
                  if (validStale(e.target.value)) setStaleHours(Number(e.target.value));
                }}
                onBlur={() => setStaleDraft(null)}
              />
            </div>
          </form>
          <p className="muted list-status" role="status" data-query={deferredQuery}>
            {t('flats.shown', { count: visible.length, total: items.length })}
            {summary.loadingFlats > 0 ? ` · ${t('flats.stillLoading', { count: summary.loadingFlats })}` : ''}
          </p>
          {visible.length === 0 ? (
            <EmptyState>
              {t('flats.noMatch')}{' '}
              {filtered ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setQuery('');
                    setUrlQuery('');
                    setView({ q: '', health: null, flat: null });
                  }}
                >
                  {t('flats.clearFilters')}
                </button>
              ) : null}
            </EmptyState>
          ) : (
            <VirtualFlatList items={visible} now={now} staleHours={staleHours} />
          )}
        </>
      )}
    </div>
  );
}

const validStale = (text: string) => /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 2160;

const HEALTH_OPTIONS: readonly HealthFilter[] = ['leak', 'error', 'battery', 'stale', 'signal'];
const SORT_OPTIONS: readonly FlatSort[] = ['address', 'number', 'health'];

/** Only the flats near the viewport are in the DOM: hundreds of flats stay fluid. */
function VirtualFlatList({
  items,
  now,
  staleHours,
}: {
  items: ReturnType<typeof useFlatsOverview>['items'];
  now: number;
  staleHours: number;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  // The list's distance from the page top changes when the leak banner or the summary appear above it.
  useLayoutEffect(() => {
    const measure = () => setOffset(listRef.current ? listRef.current.getBoundingClientRect().top + window.scrollY : 0);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(document.body);
    return () => ro.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => 420,
    overscan: 4,
    scrollMargin: offset,
    getItemKey: (i) => items[i]?.flat.id ?? i,
  });
  return (
    <div
      ref={listRef}
      className="flat-list-virtual"
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {virtualizer.getVirtualItems().map((row) => {
        const item = items[row.index];
        if (!item) return null;
        return (
          <div
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            className="flat-row"
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
            }}
          >
            <FlatCard item={item} now={now} staleHours={staleHours} />
          </div>
        );
      })}
    </div>
  );
}
