import { useEffect, useState } from 'react';
import { Link } from 'react-router';
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

export function formatTimeLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute left';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min left` : `${m} min left`;
}

/** Header: which services are connected, the besmart token's time left, sign-out, connect the other. */
export function SessionStatus() {
  const saures = useSessionState((s) => s.saures);
  const besmart = useSessionState((s) => s.besmart);
  const retrying = useSessionState((s) => s.retrying);
  const sessions = useSessions();
  const signOut = useSignOut();
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
    <div className="session-status" aria-label="Connected services">
      {retrying > 0 ? (
        <span className="badge warn" role="status">
          SAURES asked to slow down — retrying…
        </span>
      ) : null}
      {saures ? (
        <span className="session-chip">
          <span className="badge ok">SAURES</span> <span className="muted">{saures.email}</span>{' '}
          <button type="button" className="link" onClick={() => signOut('saures')}>
            Sign out of SAURES
          </button>
        </span>
      ) : (
        <Link to="/signin" className="session-chip connect">
          Connect SAURES
        </Link>
      )}
      {besmart ? (
        <span className="session-chip">
          <span className="badge ok">besmart</span>{' '}
          <span className="muted" title={`Token valid until ${new Date(besmart.expiration).toLocaleString()}`}>
            {besmart.login} · {formatTimeLeft(besmart.expiration - now)}
          </span>{' '}
          <button type="button" className="link" onClick={() => signOut('besmart')}>
            Sign out of besmart
          </button>
        </span>
      ) : (
        <Link to="/signin" className="session-chip connect">
          Connect besmart
        </Link>
      )}
    </div>
  );
}
