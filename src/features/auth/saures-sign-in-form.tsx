import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Field } from '../../components/field.tsx';
import { serverWords } from '../../components/error-message.ts';
import { useSessions } from '../../lib/session/context.tsx';
import { sauresSignInSchema, type SauresSignInValues } from './sign-in-schemas.ts';

interface Props {
  defaultEmail?: string | undefined;
  demoAccounts?: readonly { email: string; password: string; description: string }[];
  onSignedIn?: () => void;
}

/** SAURES sign-in: e-mail and password. The password lives in memory only. */
export function SauresSignInForm({ defaultEmail = '', demoAccounts = [], onSignedIn }: Props) {
  const sessions = useSessions();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<SauresSignInValues>({
    resolver: zodResolver(sauresSignInSchema),
    defaultValues: { email: defaultEmail, password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await sessions.saures.signIn(values);
      form.reset({ email: values.email, password: '' });
      onSignedIn?.();
    } catch (e) {
      setFailure(serverWords(e));
      form.setValue('password', '');
      form.setFocus('password');
    }
  });

  return (
    <form className="sign-in-form" onSubmit={submit} noValidate aria-label="Sign in to SAURES">
      <Field
        label="E-mail"
        type="email"
        autoComplete="username"

        error={errors.email?.message}
        {...form.register('email')}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      {failure ? (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in to SAURES'}
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
            if (!a) return;
            form.reset({ email: a.email, password: a.password });
          }}
        />
      ) : null}
    </form>
  );
}

export function DemoAccounts({
  items,
  onPick,
}: {
  items: { key: string; label: string; description: string }[];
  onPick: (key: string) => void;
}) {
  return (
    <div className="demo-accounts">
      <p className="demo-title">Demo accounts (built-in fake service)</p>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <button type="button" className="link" onClick={() => onPick(item.key)}>
              Use {item.label}
            </button>{' '}
            <span className="muted">— {item.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
