// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { createQueryClient } from '../../app/query-client.ts';
import { renderApp } from '../../test/render.tsx';
import { setupFakeServices } from '../../test/server.ts';
import { OverviewPage } from './overview-page.tsx';

const { server, url } = setupFakeServices();

const answering = (path: string, data: unknown) =>
  http.get(url('saures', path), () => HttpResponse.json({ status: 'ok', errors: [], data }));

/** With the app's own query client: these errors are not transient, so none is retried. */
const renderOverview = () =>
  renderApp(<OverviewPage />, { saures: 'demo@saures.ru', queryClient: createQueryClient() });

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
