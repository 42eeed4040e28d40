import { lazy, Suspense } from 'react';
import { createBrowserRouter, Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitcher } from '../components/language-switcher.tsx';
import { SessionStatus } from '../features/auth/session-status.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { SignInPrompt } from '../features/auth/sign-in-prompt.tsx';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { useSessionState } from '../lib/session/context.tsx';
import type { SessionService } from '../lib/session/store.ts';

// Pages beyond sign-in load on demand, so the sign-in route stays small.
const LeakBanner = lazy(() => import('../features/flats/leak-banner.tsx').then((m) => ({ default: m.LeakBanner })));

function Layout() {
  const { t } = useI18n();
  const saures = useSessionState((s) => s.saures !== null);
  const besmart = useSessionState((s) => s.besmart !== null);
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <div className="header-start">
          <Link to="/" className="brand">
            meterdeck
          </Link>
          {saures || besmart ? (
            <nav aria-label={t('nav.main')} className="main-nav">
              {saures ? <NavLink to="/flats">{t('nav.flats')}</NavLink> : null}
              {besmart ? <NavLink to="/sensors">{t('nav.sensors')}</NavLink> : null}
            </nav>
          ) : null}
        </div>
        <div className="header-end">
          <SessionStatus />
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="app-main">
        {saures ? (
          <Suspense fallback={null}>
            <LeakBanner />
          </Suspense>
        ) : null}
        <Outlet />
      </main>
      <SignInPrompt />
    </>
  );
}

/** A page of one service: without its session, go to sign-in and come back. */
function RequireService({ service }: { service: SessionService }) {
  const connected = useSessionState((s) => s[service] !== null);
  const location = useLocation();
  if (!connected) {
    return <Navigate to={`/signin?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`} replace />;
  }
  return <Outlet />;
}

function Home() {
  const saures = useSessionState((s) => s.saures !== null);
  const besmart = useSessionState((s) => s.besmart !== null);
  if (saures) return <Navigate to="/flats" replace />;
  if (besmart) return <Navigate to="/sensors" replace />;
  return <Navigate to="/signin" replace />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('app.notFound')}</h1>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </>
  );
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      children: [
        { path: '/', element: <Home /> },
        { path: '/signin', element: <SignInPage /> },
        {
          element: <RequireService service="saures" />,
          children: [
            {
              path: '/flats',
              lazy: () => import('../features/flats/overview-page.tsx').then((m) => ({ Component: m.OverviewPage })),
            },
          ],
        },
        {
          element: <RequireService service="besmart" />,
          children: [
            {
              path: '/sensors',
              lazy: () =>
                import('../features/signals/watch-list-page.tsx').then((m) => ({ Component: m.WatchListPage })),
            },
            {
              path: '/sensors/:id',
              lazy: () => import('../features/signals/sensor-page.tsx').then((m) => ({ Component: m.SensorPage })),
            },
          ],
        },
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
