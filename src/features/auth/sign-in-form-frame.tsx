import type { FormEvent, ReactNode } from 'react';
import { FormFailure } from '../../components/form/action-row.tsx';
import { Field } from '../../components/form/field.tsx';
import { fieldMessage, useI18n } from '../../lib/i18n/i18n.tsx';

/** A sign-in form: its fields, the failure, the submit button named by the form, and what follows (demo accounts). */
export function SignInFormFrame({
  title,
  busy,
  onSubmit,
  failure,
  children,
  after,
}: {
  title: string;
  busy: boolean;
  onSubmit: (e: FormEvent) => void;
  failure: ReactNode;
  children: ReactNode;
  after?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form className="sign-in-form" onSubmit={onSubmit} noValidate aria-label={title}>
      {children}
      <FormFailure text={failure} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('signIn.submitting') : title}
      </button>
      {after}
    </form>
  );
}

/** The password field of a sign-in form. */
export function PasswordField({ error, ...input }: { error: string | undefined } & ReturnFieldProps) {
  const { t } = useI18n();
  return (
    <Field
      label={t('signIn.password')}
      type="password"
      autoComplete="current-password"
      error={fieldMessage(t, error)}
      {...input}
    />
  );
}

type ReturnFieldProps = {
  name: string;
  value: string | undefined;
  onChange: (e: { target: { value: string } }) => void;
  ref: (el: HTMLInputElement | null) => void;
};
