import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Link, Redirect, Route, Switch, useLocation, useParams, useSearch, useSearchParams } from 'wouter';
import { LoadBoundary } from '../components/load-boundary.tsx';
import { Skeleton } from '../components/query-state.tsx';
import { LanguageSwitcher } from '../components/language-switcher.tsx';
import { OfflineBanner } from '../components/offline-banner.tsx';
import { SessionStatus } from '../features/auth/session-status.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { SignInPrompt } from '../features/auth/sign-in-prompt.tsx';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { runtimeConfigQuery } from '../lib/runtime-config.ts';
import { useSessionState } from '../lib/session/context.tsx';
import type { SessionService } from '../lib/session/store.ts';

// Pages beyond sign-in load on demand, so the sign-in route stays small.
const LeakBanner = lazy(() => import('../features/flats/leak-banner.tsx').then((m) => ({ default: m.LeakBanner })));
const OverviewPage = lazy(() =>
  import('../features/flats/overview-page.tsx').then((m) => ({ default: m.OverviewPage })),
);
const WatchListPage = lazy(() =>
  import('../features/signals/watch-list-page.tsx').then((m) => ({ default: m.WatchListPage })),
);
const SensorPage = lazy(() => import('../features/signals/sensor-page.tsx').then((m) => ({ default: m.SensorPage })));
const SensorEditor = lazy(() =>
  import('../features/editing/sensors/sensor-editor.tsx').then((m) => ({ default: m.SensorEditor })),
);
const CreateSensorForm = lazy(() =>
  import('../features/editing/sensors/sensor-editor.tsx').then((m) => ({ default: m.CreateSensorForm })),
);
const StatesEditor = lazy(() =>
  import('../features/editing/states/states-editor.tsx').then((m) => ({ default: m.StatesEditor })),
);
const DataEditor = lazy(() =>
  import('../features/editing/data/data-editor.tsx').then((m) => ({ default: m.DataEditor })),
);
const TasksPage = lazy(() =>
  import('../features/editing/tasks/tasks-page.tsx').then((m) => ({ default: m.TasksPage })),
);
// Only with a built-in fake, and never in the sign-in route's initial JS.
const DevtoolsPanel = lazy(() =>
  import('../features/devtools/devtools-panel.tsx').then((m) => ({ default: m.DevtoolsPanel })),
);
const MeterTypesPage = lazy(() =>
  import('../features/editing/meter-types/meter-types-page.tsx').then((m) => ({ default: m.MeterTypesPage })),
);

/** The sensors page with the create form composed in. */
function SensorsRoute() {
  return (
    <WatchListPage
      create={
        <LoadBoundary>
          <Suspense fallback={null}>
            <CreateSensorForm onCreated={() => {}} />
          </Suspense>
        </LoadBoundary>
      }
    />
  );
}

/** One sensor's page with the editing controls composed in. */
function SensorRoute() {
  const [, navigate] = useLocation();
  const params = useParams();
  return (
    // Keyed by the sensor: another sensor's page starts with fresh editors, never with this one's edits.
    <SensorPage
      key={params.id}
      editor={(ref) => (
        <LoadBoundary>
          <Suspense fallback={null}>
            <SensorEditor sensorRef={ref} onDeleted={() => navigate('/sensors')} />
            <StatesEditor sensorRef={ref} />
          </Suspense>
        </LoadBoundary>
      )}
      dataEditor={(ref, signals) => (
        <LoadBoundary>
          <Suspense fallback={null}>
            <DataEditor sensorRef={ref} signals={signals} />
          </Suspense>
        </LoadBoundary>
      )}
    />
  );
}

/** Meter types of one client; the client CID lives in the URL. */
function MeterTypesRoute() {
  const [params, setParams] = useSearchParams();
  const cid = Number(params.get('cid'));
  return (
    <MeterTypesPage
      {...(Number.isInteger(cid) && cid > 0 ? { clientCid: cid } : {})}
      onClientCidChange={(next) => setParams({ cid: String(next) })}
    />
  );
}

const navClass = (active: boolean) => (active ? 'active' : undefined);

/**
 * Once the first page has painted and the browser is idle, fetch the code the
 * next steps need (the query layer with the API clients, the overview, the
 * sensors page), so signing in does not wait for it. It is not part of the
 * sign-in route's initial JS.
 */
function usePrefetchNextPages(operator: boolean) {
  useEffect(() => {
    // A failed prefetch is harmless: the page asks for the code again when it needs it.
    const load = (p: Promise<unknown>) => void p.catch(() => undefined);
    const warm = () => {
      load(import('../lib/queries/saures.ts'));
      load(import('../lib/queries/besmart.ts'));
      load(import('../features/flats/overview-page.tsx'));
      load(import('../features/flats/leak-banner.tsx'));
      load(import('../features/signals/watch-list-page.tsx'));
      // An operator's sensor page and its editors, so they work even if the connection drops later.
      if (operator) {
        load(import('../features/signals/sensor-page.tsx'));
        load(import('../features/editing/sensors/sensor-editor.tsx'));
        load(import('../features/editing/states/states-editor.tsx'));
        load(import('../features/editing/data/data-editor.tsx'));
      }
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(warm, { timeout: 3_000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(warm, 1_000);
    return () => clearTimeout(id);
  }, [operator]);
}

function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [location] = useLocation();
  const saures = useSessionState((s) => s.saures !== null);
  const besmart = useSessionState((s) => s.besmart !== null);
  usePrefetchNextPages(besmart);
  const { data: config } = useQuery(runtimeConfigQuery);
  const faked = config?.saures.faked === true || config?.besmart.faked === true;
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
              {saures ? (
                <Link to="/flats" className={navClass}>
                  {t('nav.flats')}
                </Link>
              ) : null}
              {besmart ? (
                <Link to="/sensors" className={navClass}>
                  {t('nav.sensors')}
                </Link>
              ) : null}
              {besmart ? (
                <Link to="/meter-types" className={navClass}>
                  {t('nav.meterTypes')}
                </Link>
              ) : null}
              {besmart ? (
                <Link to="/tasks" className={navClass}>
                  {t('nav.tasks')}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </div>
        <div className="header-end">
          <SessionStatus />
          <LanguageSwitcher />
        </div>
      </header>
      {/* tabIndex -1: the skip link's target takes the focus, so the next Tab continues inside it. */}
      <main id="main" className="app-main" tabIndex={-1}>
        <OfflineBanner />
        {saures ? (
          <LoadBoundary>
            <Suspense fallback={null}>
              <LeakBanner />
            </Suspense>
          </LoadBoundary>
        ) : null}
        <LoadBoundary resetKey={location}>
          <Suspense fallback={<Skeleton lines={6} label={t('common.loading')} />}>{children}</Suspense>
        </LoadBoundary>
      </main>
      {faked ? (
        <LoadBoundary>
          <Suspense fallback={null}>
            <DevtoolsPanel />
          </Suspense>
        </LoadBoundary>
      ) : null}
      <SignInPrompt />
    </>
  );
}

/** A page of one service: without its session, go to sign-in and come back. */
function RequireService({ service, children }: { service: SessionService; children: ReactNode }) {
  const connected = useSessionState((s) => s[service] !== null);
  const [location] = useLocation();
  const search = useSearch();
  if (!connected) {
    const next = `${location}${search ? `?${search}` : ''}`;
    return <Redirect to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

function Home() {
  const saures = useSessionState((s) => s.saures !== null);
  const besmart = useSessionState((s) => s.besmart !== null);
  return <Redirect to={saures ? '/flats' : besmart ? '/sensors' : '/signin'} replace />;
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

export function AppRoutes() {
  return (
    <Layout>
      <Switch>
        <Route path="/">
          <Home />
        </Route>
        <Route path="/signin">
          <SignInPage />
        </Route>
        <Route path="/flats">
          <RequireService service="saures">
            <OverviewPage />
          </RequireService>
        </Route>
        <Route path="/sensors">
          <RequireService service="besmart">
            <SensorsRoute />
          </RequireService>
        </Route>
        <Route path="/sensors/:id">
          <RequireService service="besmart">
            <SensorRoute />
          </RequireService>
        </Route>
        <Route path="/meter-types">
          <RequireService service="besmart">
            <MeterTypesRoute />
          </RequireService>
        </Route>
        <Route path="/tasks">
          <RequireService service="besmart">
            <TasksPage />
          </RequireService>
        </Route>
        <Route>
          <NotFound />
        </Route>
      </Switch>
    </Layout>
  );
}
