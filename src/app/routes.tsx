import { createBrowserRouter, Link, Navigate, Outlet, useLocation } from 'react-router';
import { SessionStatus } from '../features/auth/session-status.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { SignInPrompt } from '../features/auth/sign-in-prompt.tsx';
import { FlatsSummary } from '../features/flats/flats-summary.tsx';
import { SignalTypesPanel } from '../features/signals/signal-types-panel.tsx';
import { useSessionState } from '../lib/session/context.tsx';

function Layout() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          meterdeck
        </Link>
        <SessionStatus />
      </header>
      <main id="main" className="app-main">
        <Outlet />
      </main>
      <SignInPrompt />
    </>
  );
}

/** Pages that need at least one service: without any session, go to sign-in and come back. */
function RequireSession() {
  const connected = useSessionState((s) => s.saures !== null || s.besmart !== null);
  const location = useLocation();
  if (!connected) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

function HomePage() {
  const saures = useSessionState((s) => s.saures !== null);
  const besmart = useSessionState((s) => s.besmart !== null);
  return (
    <>
      <h1>Dashboard</h1>
      <div className="home-grid">
        {saures ? <FlatsSummary /> : null}
        {besmart ? <SignalTypesPanel /> : null}
      </div>
    </>
  );
}

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the dashboard</Link>
      </p>
    </>
  );
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        { path: '/signin', element: <SignInPage /> },
        { element: <RequireSession />, children: [{ path: '/', element: <HomePage /> }] },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
