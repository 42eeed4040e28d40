import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'wouter';
import { useI18n } from '../../lib/i18n/i18n.tsx';
import { serviceRootKey } from '../../lib/queries/service-keys.ts';
import { runtimeConfigQuery } from '../../lib/runtime-config.ts';
import { useSessions, useSessionState } from '../../lib/session/context.tsx';
import { BesmartSignInForm } from './besmart-sign-in-form.tsx';
import { SauresSignInForm } from './saures-sign-in-form.tsx';

/** One page, two independent panels: sign in to either service or both. */
export function SignInPage() {
  const { data: config } = useQuery(runtimeConfigQuery);
  const { t } = useI18n();
  const saures = useSessionState((s) => s.saures);
  const besmart = useSessionState((s) => s.besmart);
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const connectedAny = saures !== null || besmart !== null;

  return (
    <div className="sign-in-page">
      <h1>Sign in</h1>
      <p className="muted">Connect one service or both. Residents use SAURES; operators use besmart.energy.</p>
      <div className="sign-in-panels">
        <section className="panel" aria-labelledby="saures-heading">
          <h2 id="saures-heading">SAURES</h2>
          {saures ? (
            <Connected label={t('signIn.connectedAs', { name: saures.email })} service="saures" />
          ) : (
            <SauresSignInForm
              demoAccounts={config?.saures.demoAccounts}
              onSignedIn={() => {
                if (!besmart) navigate(next);
              }}
            />
          )}
        </section>
        <section className="panel" aria-labelledby="besmart-heading">
          <h2 id="besmart-heading">besmart.energy</h2>
          {besmart ? (
            <Connected label={t('signIn.connectedAs', { name: besmart.login })} service="besmart" />
          ) : (
            <BesmartSignInForm
              demoAccounts={config?.besmart.demoAccounts}
              fakeApi={config?.besmart.fakeApi}
              onSignedIn={() => {
                if (!saures) navigate(next);
              }}
            />
          )}
        </section>
      </div>
      {connectedAny ? (
        <p>
          <Link to={next} className="button primary">
            {t('signIn.continue')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

function Connected({ label, service }: { label: string; service: 'saures' | 'besmart' }) {
  const signOut = useSignOut();
  const { t } = useI18n();
  return (
    <div className="connected">
      <p>
        <span className="badge ok">{t('signIn.connected')}</span> {label}
      </p>
      <button type="button" onClick={() => signOut(service)}>
        {t(service === 'saures' ? 'signOut.saures' : 'signOut.besmart')}
      </button>
    </div>
  );
}

/**
 * Signs out of one service: its session, its in-memory credentials and every
 * cached response of it (sign-out-sync.ts tells the app's other tabs).
 */
export function useSignOut() {
  const sessions = useSessions();
  const queryClient = useQueryClient();
  return (service: 'saures' | 'besmart') => {
    sessions[service].signOut();
    void queryClient.cancelQueries({ queryKey: serviceRootKey(service) });
    queryClient.removeQueries({ queryKey: serviceRootKey(service) });
  };
}

/** Only same-app paths are followed after sign-in. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}
