import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { errorText } from './error-message.ts';

/** A failed request: what went wrong, in words, and a way to try again. Never blanks the page. */
export function ErrorPanel({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-panel" role="alert">
      <p>
        <strong>{title}</strong> {errorText(error, t)}
      </p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      ) : null}
    </div>
  );
}

export function Skeleton({ lines = 3, label }: { lines?: number; label: string }) {
  return (
    <div className="skeleton" role="status" aria-label={label}>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" />
      ))}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}

/** The parts of a query result QueryView reads (a @tanstack/react-query result fits). */
export interface QueryLike<T> {
  data: T | undefined;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * One query's loading, failure and data. A failure replaces the content only
 * while there is nothing to show yet; a failed refresh is shown above what was
 * already loaded, so a form or a table never vanishes (and keeps its input).
 */
export function QueryView<T>({
  query,
  loadingLabel,
  failedTitle,
  lines,
  children,
}: {
  query: QueryLike<T>;
  loadingLabel: string;
  failedTitle: string;
  lines?: number;
  children: (data: T) => ReactNode;
}) {
  const failure = query.isError ? (
    <ErrorPanel title={failedTitle} error={query.error} onRetry={() => void query.refetch()} />
  ) : null;
  if (query.data === undefined) return failure ?? <Skeleton label={loadingLabel} {...(lines ? { lines } : {})} />;
  return (
    <>
      {failure}
      {children(query.data)}
    </>
  );
}
