import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createLocaleStore, I18nProvider, loadLocale, type Locale } from '../lib/i18n/i18n.tsx';
import { SessionsProvider } from '../lib/session/context.tsx';
import { createSessions, type Sessions } from '../lib/session/sessions.ts';
import { memoryStorage } from '../lib/session/store.ts';

/** A fresh query client as tests want it: no retries, so an error shows at once. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

export interface ProvidersOptions {
  /** The page's language; Russian must be loaded first (renderApp does it). Default English. */
  locale?: Locale;
  /** Default: a fresh one with retry: false (createTestQueryClient). */
  queryClient?: QueryClient;
  /** Default: fresh sessions in memory, signed in nowhere. */
  sessions?: Sessions;
}

export type Rendered = RenderResult & { queryClient: QueryClient; sessions: Sessions };

/** Renders `ui` inside the app's providers (query client, i18n, sessions), signed in nowhere. */
export function renderWithProviders(ui: ReactNode, options: ProvidersOptions = {}): Rendered {
  const queryClient = options.queryClient ?? createTestQueryClient();
  const sessions = options.sessions ?? createSessions(memoryStorage());
  const result = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider store={createLocaleStore(options.locale ?? 'en')}>
        <SessionsProvider sessions={sessions}>{ui}</SessionsProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return Object.assign(result, { queryClient, sessions });
}

/** Who to sign in as before rendering, with the fakes' demo accounts. */
export interface SignInOptions extends ProvidersOptions {
  /** besmart demo account (password = login, workspace key demo-workspace). */
  besmart?: 'operator' | 'viewer';
  /** SAURES demo account (password demo). */
  saures?: 'demo@saures.ru' | 'neighbour@saures.ru';
}

/** Loads the language, signs in through the fakes (setupFakeServices), then renders with the providers. */
export async function renderApp(ui: ReactNode, options: SignInOptions = {}): Promise<Rendered> {
  await loadLocale(options.locale ?? 'en');
  const sessions = options.sessions ?? createSessions(memoryStorage());
  if (options.besmart) {
    const login = options.besmart;
    await sessions.besmart.signIn({ login, password: login, workspaceKey: 'demo-workspace' });
  }
  if (options.saures) await sessions.saures.signIn({ email: options.saures, password: 'demo' });
  return renderWithProviders(ui, { ...options, sessions });
}

/** Renders signed in to besmart as a demo account of the fake (the operator by default). */
export function renderSignedIn(ui: ReactNode, login: 'operator' | 'viewer' = 'operator', locale: Locale = 'en') {
  return renderApp(ui, { besmart: login, locale });
}
