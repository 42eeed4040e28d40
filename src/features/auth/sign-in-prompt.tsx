import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { runtimeConfigQuery } from '../../lib/runtime-config.ts';
import { useSessions, useSessionState } from '../../lib/session/context.tsx';
import { BesmartSignInForm } from './besmart-sign-in-form.tsx';
import { SauresSignInForm } from './saures-sign-in-form.tsx';

/**
 * Shown over the current page when a session ended and could not be renewed
 * silently. The page and its state stay; the requests that failed run again
 * once the user has signed in.
 */
export function SignInPrompt() {
  const prompt = useSessionState((s) => s.prompt);
  const saures = useSessionState((s) => s.saures);
  const besmart = useSessionState((s) => s.besmart);
  const sessions = useSessions();
  const { data: config } = useQuery(runtimeConfigQuery);
  const dialog = useRef<HTMLDialogElement>(null);
  const { t } = useI18n();

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (prompt && !el.open) el.showModal();
    if (!prompt && el.open) el.close();
  }, [prompt]);

  const cancel = () => {
    if (prompt) sessions.prompt.cancel(prompt.service);
  };
  const name = prompt?.service === 'besmart' ? 'besmart' : 'SAURES';

  return (
    <dialog
      ref={dialog}
      className="sign-in-prompt"
      aria-labelledby="sign-in-prompt-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      {prompt ? (
        <>
          <h2 id="sign-in-prompt-title">{t('prompt.title', { service: name })}</h2>
          <p>
            {t(prompt.reason === 'ended' ? 'prompt.ended' : 'prompt.required', { service: name })} {t('prompt.keep')}
          </p>
          {prompt.service === 'saures' ? (
            <SauresSignInForm defaultEmail={saures?.email} demoAccounts={config?.saures.demoAccounts} />
          ) : (
            <BesmartSignInForm defaultLogin={besmart?.login} demoAccounts={config?.besmart.demoAccounts} />
          )}
          <button type="button" className="link" onClick={cancel}>
            {t('prompt.notNow')}
          </button>
        </>
      ) : null}
    </dialog>
  );
}
