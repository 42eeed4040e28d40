import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Field } from '../../components/field.tsx';
import { serverWords } from '../../components/error-message.ts';
import { useSessions } from '../../lib/session/context.tsx';
import { DemoAccounts } from './saures-sign-in-form.tsx';
import { besmartSignInSchema, type BesmartSignInValues } from './sign-in-schemas.ts';

interface Props {
  defaultLogin?: string | undefined;
  demoAccounts?: readonly { login: string; password: string; workspaceKey: string; description: string }[];
  onSignedIn?: () => void;
}

/** besmart sign-in: login, password and the workspace key (sent as X-Auth). */
export function BesmartSignInForm({ defaultLogin = '', demoAccounts = [], onSignedIn }: Props) {
  const sessions = useSessions();
  const [failure, setFailure] = useState<string | null>(null);
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
      setFailure(serverWords(e));
      form.setValue('password', '');
      form.setFocus('password');
    }
  });

  return (
    <form className="sign-in-form" onSubmit={submit} noValidate aria-label="Sign in to besmart">
      <Field label="Login" autoComplete="username" error={errors.login?.message} {...form.register('login')} />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      <Field
        label="Workspace key"
        autoComplete="off"
        spellCheck={false}
        hint="The key of your besmart workspace; it is sent as the X-Auth header."
        error={errors.workspaceKey?.message}
        {...form.register('workspaceKey')}
      />
      {failure ? (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in to besmart'}
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
            if (!a) return;
            form.reset({ login: a.login, password: a.password, workspaceKey: a.workspaceKey });
          }}
        />
      ) : null}
    </form>
  );
}
