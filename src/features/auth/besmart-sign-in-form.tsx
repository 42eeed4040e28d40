import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { rejectionText } from '../../components/error-message.ts';
import { Field } from '../../components/field.tsx';
import { fieldMessage, useI18n } from '../../lib/i18n/i18n.tsx';
import { useSessions } from '../../lib/session/context.tsx';
import { DemoAccounts } from './demo-accounts.tsx';
import { besmartSignInSchema, type BesmartSignInValues } from './sign-in-schemas.ts';

interface Props {
  defaultLogin?: string | undefined;
  demoAccounts?: readonly { login: string; password: string; workspaceKey: string; description: string }[] | undefined;
  onSignedIn?: () => void;
}

/** besmart sign-in: login, password and the workspace key (sent as X-Auth). */
export function BesmartSignInForm({ defaultLogin = '', demoAccounts = [], onSignedIn }: Props) {
  const sessions = useSessions();
  const { t } = useI18n();
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<BesmartSignInValues>({
    resolver: zodResolver(besmartSignInSchema),
    defaultValues: { login: defaultLogin, password: '', workspaceKey: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await sessions.besmart.signIn(values);
      form.reset({ login: values.login, password: '', workspaceKey: values.workspaceKey });
      onSignedIn?.();
    } catch (e) {
      setFailure(e);
      form.setValue('password', '');
      form.setFocus('password');
    }
  });

  return (
    <form className="sign-in-form" onSubmit={submit} noValidate aria-label={t('signIn.formBesmart')}>
      <Field
        label={t('signIn.login')}
        autoComplete="username"
        error={fieldMessage(t, errors.login?.message)}
        {...form.register('login')}
      />
      <Field
        label={t('signIn.password')}
        type="password"
        autoComplete="current-password"
        error={fieldMessage(t, errors.password?.message)}
        {...form.register('password')}
      />
      <Field
        label={t('signIn.workspaceKey')}
        autoComplete="off"
        spellCheck={false}
        hint={t('signIn.workspaceKeyHint')}
        error={fieldMessage(t, errors.workspaceKey?.message)}
        {...form.register('workspaceKey')}
      />
      {failure ? (
        <p className="form-failure" role="alert">
          {rejectionText(failure, t)}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? t('signIn.submitting') : t('signIn.formBesmart')}
      </button>
      {demoAccounts.length > 0 ? (
        <DemoAccounts
          items={demoAccounts.map((a) => ({
            key: a.login,
            label: `${a.login} / ${a.password} / ${a.workspaceKey}`,
            description: a.description,
          }))}
          onPick={(key) => {
            const a = demoAccounts.find((x) => x.login === key);
            if (a) form.reset({ login: a.login, password: a.password, workspaceKey: a.workspaceKey });
          }}
        />
      ) : null}
    </form>
  );
}
