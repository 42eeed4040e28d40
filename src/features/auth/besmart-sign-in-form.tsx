import { isApiError } from '../../api/errors.ts';
import { rejectionText } from '../../components/error-message.ts';
import { Field } from '../../components/form/field.tsx';
import { fieldMessage, useI18n } from '../../lib/i18n/i18n.tsx';
import { useSessions } from '../../lib/session/context.tsx';
import { DemoAccounts } from './demo-accounts.tsx';
import { PasswordField, SignInFormFrame } from './sign-in-form-frame.tsx';
import { useSignInForm } from './use-validated-form.ts';
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
  const { form, failure, submit } = useSignInForm<BesmartSignInValues>(
    besmartSignInSchema,
    { login: defaultLogin, password: '', workspaceKey: '' },
    (values) => sessions.besmart.signIn(values),
    onSignedIn,
  );
  const { errors } = form;

  return (
    <SignInFormFrame
      title={t('signIn.formBesmart')}
      busy={form.submitting}
      onSubmit={submit}
      failure={
        failure ? (
          <>
            {rejectionText(failure, t)}
            {isApiError(failure) && failure.code === 'WorkspaceKeyMayBeNeeded' ? (
              <> {t('signIn.workspaceKeyMayBeNeeded')}</>
            ) : null}
          </>
        ) : null
      }
      after={
        demoAccounts.length > 0 ? (
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
        ) : null
      }
    >
      <Field
        label={t('signIn.login')}
        autoComplete="username"
        error={fieldMessage(t, errors.login)}
        {...form.field('login')}
      />
      <PasswordField error={errors.password} {...form.field('password')} />
      <Field
        label={t('signIn.workspaceKey')}
        autoComplete="off"
        spellCheck={false}
        hint={t('signIn.workspaceKeyHint')}
        error={fieldMessage(t, errors.workspaceKey)}
        {...form.field('workspaceKey')}
      />
    </SignInFormFrame>
  );
}
