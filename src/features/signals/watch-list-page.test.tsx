// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { runtimeConfigQuery, type RuntimeConfig } from '../../lib/runtime-config.ts';
import { addToWatchList, readWatchList } from '../../lib/watch-list.ts';
import { createTestQueryClient, renderApp } from '../../test/render.tsx';
import { setupFakeServices } from '../../test/server.ts';
import { WatchListPage } from './watch-list-page.tsx';
import { isolate } from '../../lib/bidi.ts';

const { besmart, server, url } = setupFakeServices();

/** What the serving proxy says: a real besmart (no demo sensors) unless told. */
function config(demoSensors: RuntimeConfig['besmart']['demoSensors'] = []) {
  const queryClient = createTestQueryClient();
  const value: RuntimeConfig = {
    saures: { faked: false, demoAccounts: [] },
    besmart: { faked: demoSensors.length > 0, demoAccounts: [], demoSensors, fakeApi: null },
  };
  queryClient.setQueryData(runtimeConfigQuery.queryKey, value);
  return queryClient;
}

/** Signs in (the operator unless told) and watches these sensors of client 1. */
async function renderWatching(mids: number[], login: 'operator' | 'viewer' = 'operator') {
  const rendered = await renderApp(<WatchListPage />, { besmart: login, queryClient: config() });
  const userId = rendered.sessions.store.getState().besmart?.userId ?? -1;
  act(() => {
    for (const sensor_mid of mids) addToWatchList(userId, { client_cid: 1, sensor_mid });
  });
  return { ...rendered, userId };
}

const table = () => screen.getByRole('table', { name: 'Watched sensors' });

/** The sensor's row: its header (name and id) and its type cell. */
function row(id: string) {
  const header = within(table()).getByRole('rowheader', { name: (name) => name.endsWith(` ${id}`) });
  const tr = header.closest('tr');
  if (tr === null) throw new Error(`no row for ${id}`);
  return { header, type: within(tr).getAllByRole('cell')[0] };
}

describe('WatchListPage', () => {
  it('shows the watched sensors in a table: name as a link with the id, and the type', async () => {
    await renderWatching([1, 3]);
    const headers = within(table()).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Sensor', 'Type', 'Actions']);
    expect(within(table()).getAllByRole('rowheader')).toHaveLength(2);
    expect(await within(table()).findByRole('link', { name: 'Weather station on the roof' })).toHaveAttribute(
      'href',
      '/sensors/1.3',
    );
    await waitFor(() => expect(row('1.1').type).toHaveTextContent('Licznik energii'));
    expect(row('1.1').header).toHaveTextContent('Main switchboard meter 1.1');
    expect(within(row('1.1').header).getByRole('link')).toHaveAttribute('href', '/sensors/1.1');
  });

  it('says when a sensor is read-only for this user', async () => {
    await renderWatching([1], 'viewer');
    await waitFor(() => expect(row('1.1').type).toHaveTextContent('Licznik energii · read-only'));
  });

  it('says while a sensor loads, and why it did not', async () => {
    server.use(http.get(url('besmart', '/sensors/1.2'), () => new HttpResponse(null, { status: 503 })));
    await renderWatching([2]);
    expect(row('1.2').header).toHaveTextContent('Sensor 1.2 1.2');
    expect(row('1.2').type).toHaveTextContent('Loading…');
    await waitFor(() => expect(row('1.2').type).toHaveTextContent('besmart answered 503.'));
  });

  it('removes a sensor from the list only after asking, at once and without a request', async () => {
    const { userId } = await renderWatching([1, 3]);
    await within(table()).findByRole('link', { name: 'Weather station on the roof' });
    const before = besmart.active.requestLog().length;

    const remove = within(table()).getByRole('button', { name: 'Remove sensor 1.3' });
    fireEvent.click(remove);
    let dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent(
      `Remove “${isolate('Weather station on the roof')}” (1.3) from your watch list? The sensor stays on the server`,
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(remove).toHaveFocus();
    expect(within(table()).getAllByRole('rowheader')).toHaveLength(2);

    fireEvent.click(remove);
    dialog = screen.getByRole('alertdialog');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' })));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(within(table()).getAllByRole('rowheader')).toHaveLength(1);
    expect(within(table()).queryByRole('link', { name: 'Weather station on the roof' })).toBeNull();
    expect(readWatchList(userId)).toEqual([{ client_cid: 1, sensor_mid: 1 }]);
    // Focus stays in the table: on the Remove button of the row that took its place.
    expect(within(table()).getByRole('button', { name: 'Remove sensor 1.1' })).toHaveFocus();
    const sent = besmart.active.requestLog().slice(before);
    expect(sent.filter((r) => r.method !== 'GET')).toEqual([]);

    fireEvent.click(within(table()).getByRole('button', { name: 'Remove sensor 1.1' }));
    await act(async () =>
      fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' })),
    );
    expect(screen.queryByRole('table', { name: 'Watched sensors' })).toBeNull();
    expect(screen.getByText('No sensors yet. Add one by its client CID and sensor MID.')).toBeInTheDocument();
  });

  it('adds a sensor by its ids, and it shows in the table', async () => {
    await renderWatching([]);
    expect(screen.getByText('No sensors yet. Add one by its client CID and sensor MID.')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Add a sensor' });
    fireEvent.change(within(form).getByLabelText('Client CID'), { target: { value: '1' } });
    fireEvent.change(within(form).getByLabelText('Sensor MID'), { target: { value: '3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add sensor' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Added Weather station on the roof (1.3).');
    expect(within(table()).getByRole('link', { name: 'Weather station on the roof' })).toBeInTheDocument();
  });

  it('starts a demo account with the demo’s sensors', async () => {
    await renderApp(<WatchListPage />, {
      besmart: 'operator',
      queryClient: config([
        { client_cid: 1, sensor_mid: 1 },
        { client_cid: 1, sensor_mid: 3 },
      ]),
    });
    expect(await within(table()).findByRole('link', { name: 'Weather station on the roof' })).toBeInTheDocument();
    expect(within(table()).getAllByRole('rowheader')).toHaveLength(2);
  });
});
