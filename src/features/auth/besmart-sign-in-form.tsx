import { useState } from 'react';
import { isApiError } from '../../api/errors.ts';
import { rejectionText } from '../../components/error-message.ts';
import { Field } from '../../components/form/field.tsx';
import { fieldMessage, useI18n } from '../../lib/i18n/i18n.tsx';
import { useSessions } from '../../lib/session/context.tsx';
import { DemoAccounts } from './demo-accounts.tsx';
import { useValidatedForm } from './use-validated-form.ts';
import { besmartSignInSchema, type BesmartSignInValues } from './sign-in-schemas.ts';

interface Props {
  defaultLogin?: string | undefined;
  demoAccounts?: readonly { login: string; password: string; workspaceKey: string; description: string }[] | undefined;
  /** The API version the built-in fake speaks, when besmart is faked. */
  fakeApi?: string | null | undefined;
  onSignedIn?: () => void;
}

/** besmart sign-in: login, password and, for v0.1.5 servers only, the workspace key (sent as X-Auth). */
export function BesmartSignInForm({ defaultLogin = '', demoAccounts = [], fakeApi, onSignedIn }: Props) {
  const sessions = useSessions();
  const { t } = useI18n();
  const [failure, setFailure] = useState<unknown>(null);
  const form = useValidatedForm<BesmartSignInValues>(besmartSignInSchema, {
    login: defaultLogin,
    password: '',
    workspaceKey: '',
  });
  const { errors, submitting: isSubmitting } = form;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await sessions.besmart.signIn(values);
      form.setValues({ password: '' });
      onSignedIn?.();
    } catch (e) {
      setFailure(e);
      form.setValues({ password: '' });
      form.focus('password');
    }
  });

  return (
    <form className="sign-in-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('signIn.formBesmart')}>
      <Field
        label={t('signIn.login')}
        autoComplete="username"
        error={fieldMessage(t, errors.login)}
        {...form.field('login')}
      />
      <Field
        label={t('signIn.password')}
        type="password"
        autoComplete="current-password"
        error={fieldMessage(t, errors.password)}
        {...form.field('password')}
      />
      <Field
        label={t('signIn.workspaceKey')}
        autoComplete="off"
        spellCheck={false}
        hint={t('signIn.workspaceKeyHint')}
        error={fieldMessage(t, errors.workspaceKey)}
        {...form.field('workspaceKey')}
      />
      {failure ? (
        <p className="form-failure" role="alert">
          {rejectionText(failure, t)}
          {isApiError(failure) && failure.code === 'WorkspaceKeyMayBeNeeded' ? (
            <> {t('signIn.workspaceKeyMayBeNeeded')}</>
          ) : null}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? t('signIn.submitting') : t('signIn.formBesmart')}
      </button>
      {demoAccounts.length > 0 ? (
        <DemoAccounts
          note={
            fakeApi
              ? t('signIn.fakeApi', { api: fakeApi === 'current' ? t('signIn.fakeApiCurrent') : fakeApi })
              : undefined
          }
          items={demoAccounts.map((a) => ({
            key: a.login,
            label:
              a.workspaceKey === '' ? `${a.login} / ${a.password}` : `${a.login} / ${a.password} / ${a.workspaceKey}`,
            description: a.description,
          }))}
          onPick={(key) => {
            const a = demoAccounts.find((x) => x.login === key);
            if (a) form.setValues({ login: a.login, password: a.password, workspaceKey: a.workspaceKey });
          }}
        />
      ) : null}
    </form>
  );
}
