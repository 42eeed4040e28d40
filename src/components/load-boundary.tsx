import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n/i18n.tsx';

function LoadFailed() {
  const { t } = useI18n();
  return (
    <div className="error-panel" role="alert">
      <p>
        <strong>{t('common.partFailed')}</strong> {t('common.partFailedHint')}
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </button>
    </div>
  );
}

/**
 * Catches what a part of the page throws while rendering — above all a lazy
 * part whose code could not be loaded (offline, a new deploy) — and shows a
 * message in its place. The rest of the page, and what was typed there, stays.
 * `resetKey` (e.g. the address) clears the failure when it changes.
 */
export class LoadBoundary extends Component<
  { children: ReactNode; resetKey?: string },
  { failed: boolean; key?: string }
> {
  override state: { failed: boolean; key?: string } = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: { resetKey?: string },
    state: { failed: boolean; key?: string },
  ): { failed: boolean; key?: string } | null {
    if (props.resetKey === state.key) return null;
    return { failed: false, ...(props.resetKey !== undefined ? { key: props.resetKey } : {}) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('A part of the page failed:', error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}
