import { useEffect, useState } from 'react';
import { useI18n, type I18n } from '../lib/i18n/i18n.tsx';

export function formatUpdatedAgo(updatedAt: number, now: number, t: I18n['t']): string {
  const minutes = Math.floor((now - updatedAt) / 60_000);
  if (minutes < 1) return t('common.updatedJustNow');
  if (minutes < 60) return t('common.updatedMinutes', { count: minutes });
  return t('common.updatedHours', { count: Math.floor(minutes / 60) });
}

/** "updated N min ago", kept current. */
export function UpdatedAgo({ updatedAt }: { updatedAt: number }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  if (!updatedAt) return null;
  return <span className="muted">{formatUpdatedAgo(updatedAt, Math.max(now, updatedAt), t)}</span>;
}
