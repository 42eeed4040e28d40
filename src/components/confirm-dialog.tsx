import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../lib/i18n/i18n.tsx';

interface Props {
  /** The question, naming what is about to happen. */
  message: string;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  /** Shown when the action failed; the dialog stays open. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** An inline confirmation for a destructive action. Focus starts on Cancel; Escape cancels. */
export function ConfirmDialog({ message, confirmLabel, busyLabel, busy, error, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy, onCancel]);
  return (
    <div className="confirm-dialog" role="alertdialog" aria-labelledby={`${id}-message`}>
      <p id={`${id}-message`}>{message}</p>
      {error ? (
        <p className="form-failure" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" ref={cancel} onClick={onCancel} disabled={busy}>
          {t('edit.confirm.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </div>
  );
}
