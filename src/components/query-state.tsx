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
