// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHandlers } from '../../../mocks/handlers.ts';
import { createSauresFake } from '../../../mocks/saures/fake.ts';
import { createQueryClient } from '../../app/query-client.ts';
import { createLocaleStore, I18nProvider } from '../../lib/i18n/i18n.tsx';
import { SessionsProvider } from '../../lib/session/context.tsx';
import { createSessions } from '../../lib/session/sessions.ts';
import { memoryStorage } from '../../lib/session/store.ts';
import { OverviewPage } from './overview-page.tsx';

const saures = createSauresFake();
const server = setupServer(...createHandlers({ saures }, window.location.origin));
/** jsdom has no ResizeObserver nor scrolling; the list's layout is not what these tests look at. */
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
beforeAll(() => {
  vi.stubGlobal('ResizeObserver', NoResizeObserver);
  vi.stubGlobal('scrollTo', () => {});
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  server.resetHandlers();
  saures.reset();
});
afterAll(() => {
  server.close();
  vi.unstubAllGlobals();
});

const answering = (path: string, data: unknown) =>
  http.get(`${window.location.origin}/saures${path}`, () => HttpResponse.json({ status: 'ok', errors: [], data }));

async function renderOverview() {
  const sessions = createSessions(memoryStorage());
  await sessions.saures.signIn({ email: 'demo@saures.ru', password: 'demo' });
  render(
    <I18nProvider store={createLocaleStore('en')}>
      <QueryClientProvider client={createQueryClient()}>
        <SessionsProvider sessions={sessions}>
          <OverviewPage />
        </SessionsProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

describe('OverviewPage', () => {
  it('shows flats data without a flats list as an error, not as an account without flats', async () => {
    server.use(answering('/api/company/flats', {}));
    await renderOverview();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Flats could not be loaded. SAURES sent flats in a form the app cannot read.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.queryByText('This account has no flats yet.')).not.toBeInTheDocument();
  });

  it('shows an empty flats list as an account without flats', async () => {
    server.use(answering('/api/company/flats', { flats: [] }));
    await renderOverview();
    expect(await screen.findByText('This account has no flats yet.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows meters data without a sensors list as an error of that flat, not as a flat without controllers', async () => {
    server.use(answering('/api/meter/meters/', {}));
    await renderOverview();
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]).toHaveTextContent(
      'Meters of this flat could not be loaded. SAURES sent meters in a form the app cannot read.',
    );
  });
});
