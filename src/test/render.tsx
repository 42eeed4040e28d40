import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createLocaleStore, I18nProvider, loadLocale, type Locale } from '../../lib/i18n/i18n.tsx';
import { SessionsProvider } from '../../lib/session/context.tsx';
import { createSessions } from '../../lib/session/sessions.ts';
import { memoryStorage } from '../../lib/session/store.ts';

/** Renders with a fresh query client and a besmart session signed in as a demo account of the fake. */
export async function renderSignedIn(ui: ReactNode, login: 'operator' | 'viewer' = 'operator', locale: Locale = 'en') {
  await loadLocale(locale);
  const sessions = createSessions(memoryStorage());
  await sessions.besmart.signIn({ login, password: login, workspaceKey: 'demo-workspace' });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider store={createLocaleStore(locale)}>
        <SessionsProvider sessions={sessions}>{ui}</SessionsProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { sessions, queryClient };
}
