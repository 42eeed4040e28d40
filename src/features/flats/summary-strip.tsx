import { useI18n } from '../../lib/i18n/i18n.tsx';
import type { HealthFilter, OverviewSummary } from './model/overview.ts';

const ITEMS: {
  filter: HealthFilter;
  key: 'summary.battery' | 'summary.signal' | 'summary.stale' | 'summary.leak' | 'summary.error';
}[] = [
  { filter: 'leak', key: 'summary.leak' },
  { filter: 'error', key: 'summary.error' },
  { filter: 'battery', key: 'summary.battery' },
  { filter: 'stale', key: 'summary.stale' },
  { filter: 'signal', key: 'summary.signal' },
];

/** Counts across all flats; a click filters the list to those (and a second click clears it). */
export function SummaryStrip({
  summary,
  active,
  onPick,
}: {
  summary: OverviewSummary;
  active: HealthFilter | null;
  onPick: (filter: HealthFilter | null) => void;
}) {
  const { t } = useI18n();
  return (
    <section className="summary-strip" aria-label={t('summary.title')}>
      {ITEMS.map(({ filter, key }) => {
        const count = summary.byFilter[filter];
        return (
          <button
            key={filter}
            type="button"
            className={`summary-item ${count > 0 ? 'has-problems' : ''}`}
            aria-pressed={active === filter}
            title={t('summary.filterHint')}
            onClick={() => onPick(active === filter ? null : filter)}
          >
            <span className="dot" aria-hidden="true" /> {t(key, { count })}
          </button>
        );
      })}
    </section>
  );
}
