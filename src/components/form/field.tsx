import { useId, type ComponentProps, type ReactNode } from 'react';

interface Labelled {
  label: string;
  /** The problem with the value, shown under it and tied to it for screen readers. */
  error?: string | undefined;
  /** A note under the control; null or undefined shows none. */
  hint?: ReactNode;
}

/** The label, message and hint around one control, with the ids that tie them together. */
function FieldFrame({
  id,
  label,
  error,
  hint,
  control,
}: Labelled & { id: string | undefined; control: (ids: ControlIds) => ReactNode }) {
  const auto = useId();
  const controlId = id ?? auto;
  const messageId = `${controlId}-message`;
  const hintId = `${controlId}-hint`;
  const hasHint = hint !== undefined && hint !== null && hint !== '';
  const describedBy = [error ? messageId : null, hasHint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {control({ id: controlId, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hasHint ? (
        <small id={hintId} className="field-hint">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={messageId} className="field-error">
          {error}
        </small>
      ) : null}
    </div>
  );
}

interface ControlIds {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A labelled input with its message tied to it for screen readers. */
export function Field({ label, error, hint, id, ...input }: Labelled & ComponentProps<'input'>) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} control={(ids) => <input {...ids} {...input} />} />
  );
}

/** A labelled text area (JSON, comments), its message and hint tied to it. */
export function TextArea({ label, error, hint, id, ...area }: Labelled & ComponentProps<'textarea'>) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} control={(ids) => <textarea {...ids} {...area} />} />
  );
}

/** A labelled select; its options are the children. */
export function Select({ label, error, hint, id, children, ...select }: Labelled & ComponentProps<'select'>) {
  return (
    <FieldFrame
      id={id}
      label={label}
      error={error}
      hint={hint}
      control={(ids) => (
        <select {...ids} {...select}>
          {children}
        </select>
      )}
    />
  );
}
