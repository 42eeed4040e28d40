// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { runtimeConfigQuery, type RuntimeConfig } from '../../lib/runtime-config.ts';
import { createTestQueryClient, renderWithProviders } from '../../test/render.tsx';
import { setupFakeServices } from '../../test/server.ts';
import { DevtoolsPanel } from './devtools-panel.tsx';

const { saures, besmart } = setupFakeServices();

function renderPanel(faked: { saures: boolean; besmart: boolean }) {
  const client = createTestQueryClient();
  const config: RuntimeConfig = {
    saures: { faked: faked.saures, demoAccounts: [] },
    besmart: { faked: faked.besmart, demoAccounts: [], demoSensors: [], fakeApi: faked.besmart ? 'current' : null },
  };
  client.setQueryData(runtimeConfigQuery.queryKey, config);
  return renderWithProviders(<DevtoolsPanel />, { queryClient: client });
}

const faultOf = (fake: { control: typeof besmart.control }) =>
  JSON.parse(fake.control('fault-state', new URLSearchParams()).body) as unknown;

describe('DevtoolsPanel', () => {
  it('shows nothing when no service is faked', () => {
    const { container } = renderPanel({ saures: false, besmart: false });
    expect(container).toBeEmptyDOMElement();
  });

  it('switches a fault on and off for one service, with labelled controls', async () => {
    renderPanel({ saures: false, besmart: true });
    expect(screen.queryByRole('form', { name: 'SAURES faults' })).toBeNull();
    fireEvent.click(screen.getByText('Developer: faults'));
    const form = screen.getByRole('form', { name: 'besmart faults' });
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'besmart fault now' })).toHaveTextContent('no fault'),
    );
    fireEvent.change(screen.getByLabelText('Fault kind'), { target: { value: 'latency' } });
    fireEvent.change(screen.getByLabelText('Delay (ms)'), { target: { value: '1500' } });
    fireEvent.change(screen.getByLabelText('Only paths starting with'), { target: { value: '/sensors' } });
    fireEvent.submit(form);
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'besmart fault now' })).toHaveTextContent(
        'latency 1500 ms on paths starting with /sensors',
      ),
    );
    expect(faultOf(besmart)).toMatchObject({ fault: { kind: 'latency', ms: 1500, path: '/sensors' } });
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'besmart fault now' })).toHaveTextContent('no fault'),
    );
    expect(faultOf(besmart)).toEqual({ ok: true, fault: null });
  });

  it('applies ?fault= once, takes it out of the address and opens the panel', async () => {
    window.history.replaceState(null, '', '/sensors?fault=besmart:500,saures:html&x=1');
    renderPanel({ saures: true, besmart: true });
    await waitFor(() => expect(faultOf(saures)).toMatchObject({ fault: { kind: 'html' } }));
    expect(faultOf(besmart)).toMatchObject({ fault: { kind: 'status', status: 500 } });
    expect(window.location.search).toBe('?x=1');
    await waitFor(() => expect(screen.getByRole('status', { name: 'SAURES fault now' })).toHaveTextContent('html'));
    expect(screen.getByRole('group')).toHaveAttribute('open');
  });

  it('says so when the flag cannot be read', async () => {
    window.history.replaceState(null, '', '/?fault=besmart:teapot');
    renderPanel({ saures: false, besmart: true });
    expect(await screen.findByRole('alert')).toHaveTextContent('Fault flag: “besmart:teapot”');
  });
});
