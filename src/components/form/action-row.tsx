import type { ReactNode } from 'react';

/** Why the last save failed, above the form; announced when it appears. */
export function FormFailure({ text }: { text: ReactNode }) {
  if (text === null || text === undefined || text === '' || text === false) return null;
  return (
    <p className="form-failure" role="alert">
      {text}
    </p>
  );
}

/**
 * What the last save, delete or run did ("Saved."), announced politely;
 * nothing without one. `inline` for a note inside a row of buttons.
 */
export function SavedNote({ text, inline = false }: { text: ReactNode; inline?: boolean }) {
  if (text === null || text === undefined || text === '' || text === false) return null;
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className="form-ok" role="status">
      {text}
    </Tag>
  );
}

interface ActionRowProps {
  /** The submit button's text, and its text while `busy`. */
  submit: string;
  busySubmit: string;
  busy: boolean;
  /** A second button (Cancel, Discard changes); disabled while busy. Null: none. */
  secondary?: { label: string; onClick: () => void } | null | undefined;
  /** What the last save did ("Saved."), announced politely. */
  note?: string | null | undefined;
  children?: ReactNode;
}

/** A form's buttons: save, an optional cancel, and the note after a save. */
export function ActionRow({ submit, busySubmit, busy, secondary, note, children }: ActionRowProps) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? busySubmit : submit}
      </button>
      {secondary ? (
        <button type="button" disabled={busy} onClick={secondary.onClick}>
          {secondary.label}
        </button>
      ) : null}
      {children}
      <SavedNote inline text={note} />
    </div>
  );
}
