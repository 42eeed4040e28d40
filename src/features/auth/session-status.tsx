import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useI18n, type I18n } from '../../lib/i18n/i18n.tsx';
import { useSessions, useSessionState } from '../../lib/session/context.tsx';
import { useSignOut } from './sign-in-page.tsx';

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function formatTimeLeft(ms: number, t: I18n['t']): string {
  if (ms <= 0) return t('time.expired');
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return t('time.underMinute');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? t('time.hoursLeft', { h, m }) : t('time.minutesLeft', { m });
}

/** Header: which services are connected, the besmart token's time left, sign-out, connect the other. */
export function SessionStatus() {
  const saures = useSessionState((s) => s.saures);
  const besmart = useSessionState((s) => s.besmart);
  const retrying = useSessionState((s) => s.retrying);
  const sessions = useSessions();
  const signOut = useSignOut();
  const { t, dateTime } = useI18n();
  const now = useNow(15_000);

  // Keep the besmart token fresh while the page is open, so an idle tab does not lose its session.
  const expiration = besmart?.expiration;
  useEffect(() => {
    if (expiration === undefined) return;
    // At least a minute apart, so a client clock ahead of the server's cannot cause a refresh loop.
    const due = Math.max(60_000, expiration - Date.now() - 90_000);
    const id = setTimeout(() => {
      void sessions.besmart.ensureFresh().catch(() => {});
    }, due);
    return () => clearTimeout(id);
  }, [expiration, sessions]);

  return (
    <div className="session-status" role="group" aria-label={t('header.services')}>
      {retrying > 0 ? (
        <span className="badge warn" role="status">
          {t('header.retrying')}
        </span>
      ) : null}
      {saures ? (
        <span className="session-chip">
          <span className="badge ok">SAURES</span> <span className="muted">{saures.email}</span>{' '}
          <button type="button" className="link" onClick={() => signOut('saures')}>
            {t('signOut.saures')}
          </button>
        </span>
      ) : (
        <Link to="/signin" className="session-chip connect">
          {t('header.connectSaures')}
        </Link>
      )}
      {besmart ? (
        <span className="session-chip">
          <span className="badge ok">besmart</span>{' '}
          <span className="muted" title={t('header.tokenValidUntil', { time: dateTime(besmart.expiration) })}>
            {besmart.login} · {formatTimeLeft(besmart.expiration - now, t)}
          </span>{' '}
          <button type="button" className="link" onClick={() => signOut('besmart')}>
            {t('signOut.besmart')}
          </button>
        </span>
      ) : (
        <Link to="/signin" className="session-chip connect">
          {t('header.connectBesmart')}
        </Link>
      )}
    </div>
  );
}
