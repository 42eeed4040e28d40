import { useState } from 'react';
import { rejectionText } from '../../components/error-message.ts';
import { Field } from '../../components/form/field.tsx';
import { fieldMessage, useI18n } from '../../lib/i18n/i18n.tsx';
import { useSessions } from '../../lib/session/context.tsx';
import { DemoAccounts } from './demo-accounts.tsx';
import { useValidatedForm } from './use-validated-form.ts';
import { sauresSignInSchema, type SauresSignInValues } from './sign-in-schemas.ts';

interface Props {
  defaultEmail?: string | undefined;
  demoAccounts?: readonly { email: string; password: string; description: string }[] | undefined;
  onSignedIn?: () => void;
}

/** SAURES sign-in: e-mail and password. The password lives in memory only. */
export function SauresSignInForm({ defaultEmail = '', demoAccounts = [], onSignedIn }: Props) {
  const sessions = useSessions();
  const { t } = useI18n();
  const [failure, setFailure] = useState<unknown>(null);
  const form = useValidatedForm<SauresSignInValues>(sauresSignInSchema, { email: defaultEmail, password: '' });
  const { errors, submitting: isSubmitting } = form;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await sessions.saures.signIn(values);
      form.setValues({ password: '' });
      onSignedIn?.();
    } catch (e) {
      setFailure(e);
      form.setValues({ password: '' });
      form.focus('password');
    }
  });

  return (
    <form className="sign-in-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('signIn.formSaures')}>
      <Field
        label={t('signIn.email')}
        type="email"
        autoComplete="username"
        error={fieldMessage(t, errors.email)}
        {...form.field('email')}
      />
      <Field
        label={t('signIn.password')}
        type="password"
        autoComplete="current-password"
        error={fieldMessage(t, errors.password)}
        {...form.field('password')}
      />
      {failure ? (
        <p className="form-failure" role="alert">
          {rejectionText(failure, t)}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? t('signIn.submitting') : t('signIn.formSaures')}
      </button>
      {demoAccounts.length > 0 ? (
        <DemoAccounts
          items={demoAccounts.map((a) => ({
            key: a.email,
            label: `${a.email} / ${a.password}`,
            description: a.description,
          }))}
          onPick={(key) => {
            const a = demoAccounts.find((x) => x.email === key);
            if (a) form.setValues({ email: a.email, password: a.password });
          }}
        />
      ) : null}
    </form>
  );
}
