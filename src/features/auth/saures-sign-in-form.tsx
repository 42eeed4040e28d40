import { rejectionText } from '../../components/error-message.ts';
import { Field } from '../../components/form/field.tsx';
import { fieldMessage, useI18n } from '../../lib/i18n/i18n.tsx';
import { useSessions } from '../../lib/session/context.tsx';
import { DemoAccounts } from './demo-accounts.tsx';
import { PasswordField, SignInFormFrame } from './sign-in-form-frame.tsx';
import { useSignInForm } from './use-validated-form.ts';
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
  const { form, failure, submit } = useSignInForm<SauresSignInValues>(
    sauresSignInSchema,
    { email: defaultEmail, password: '' },
    (values) => sessions.saures.signIn(values),
    onSignedIn,
  );
  const { errors } = form;

  return (
    <SignInFormFrame
      title={t('signIn.formSaures')}
      busy={form.submitting}
      onSubmit={submit}
      failure={failure ? rejectionText(failure, t) : null}
      after={
        demoAccounts.length > 0 ? (
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
        ) : null
      }
    >
      <Field
        label={t('signIn.email')}
        type="email"
        autoComplete="username"
        error={fieldMessage(t, errors.email)}
        {...form.field('email')}
      />
      <PasswordField error={errors.password} {...form.field('password')} />
    </SignInFormFrame>
  );
}
