import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { useI18n } from '../lib/i18n/i18n.tsx';

const subscribe = (onChange: () => void) => onlineManager.subscribe(onChange);
const isOnline = () => onlineManager.isOnline();

/**
 * Says so while the browser is offline. Queries wait meanwhile (what was
 * loaded stays on screen) and run again by themselves once it is back.
 */
export function OfflineBanner() {
  const { t } = useI18n();
  const online = useSyncExternalStore(subscribe, isOnline, () => true);
  if (online) return null;
  return (
    <p className="offline-banner" role="status">
      {t('common.offline')}
    </p>
  );
}
