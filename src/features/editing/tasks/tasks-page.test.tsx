// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { DIALECTS } from '../../../api/besmart/schemas.ts';
import { TasksPage } from './tasks-page.tsx';
import { renderSignedIn } from '../../../test/render.tsx';
import { setupFakeServices } from '../../../test/server.ts';

const { besmart } = setupFakeServices();

const tasks = () => besmart.active.requestLog().filter((r) => r.path.startsWith('/tasks'));

describe.each(DIALECTS)('TasksPage (besmart %s)', (version) => {
  const legacy = version === 'v0.1.5';
  beforeEach(() => besmart.use(version));

  it('runs a stored graph by name and shows its result', async () => {
    await renderSignedIn(<TasksPage />);
    const form = screen.getByRole('form', { name: 'Run a graph by name' });
    fireEvent.change(within(form).getByLabelText('Graph name'), { target: { value: 'estimation' } });
    if (legacy) fireEvent.change(within(form).getByLabelText('Priority'), { target: { value: '3' } });
    else {
      // A current server takes no priority and runs nothing in the background: the form says so.
      expect(within(form).queryByLabelText('Priority')).toBeNull();
      expect(within(form).getByText(/ignores task priority and background runs/)).toBeInTheDocument();
    }
    fireEvent.click(within(form).getByRole('button', { name: 'Run task' }));
    expect(await screen.findByRole('heading', { name: 'Done: 1 result' })).toBeInTheDocument();
    // The chart loads recharts on demand, which takes a while in jsdom.
    expect(
      await screen.findByText('Result 1: signal 32, 24 points in kW.h', {}, { timeout: 8_000 }),
    ).toBeInTheDocument();
    expect(tasks()).toEqual([
      {
        method: 'POST',
        path: '/tasks/graphs/run/name',
        query: legacy ? 'graph_name=estimation&task_priority=3' : 'graph_name=estimation',
      },
    ]);
  });

  it('says "accepted" for an asynchronous run (v0.1.5 only)', async () => {
    await renderSignedIn(<TasksPage />);
    const form = screen.getByRole('form', { name: 'Run a graph by name' });
    if (!legacy) {
      expect(within(form).queryByLabelText('Run in the background (asynchronous)')).toBeNull();
      return;
    }
    fireEvent.change(within(form).getByLabelText('Graph name'), { target: { value: 'pv_forecast' } });
    fireEvent.click(within(form).getByLabelText('Run in the background (asynchronous)'));
    fireEvent.click(within(form).getByRole('button', { name: 'Run task' }));
    expect(await screen.findByText(/^Accepted: the task runs in the background/)).toBeInTheDocument();
    expect(tasks()[0]?.query).toBe('graph_name=pv_forecast&task_priority=5&task_async=true');
  });

  it('shows the server’s refusal and keeps the input', async () => {
    await renderSignedIn(<TasksPage />);
    const form = screen.getByRole('form', { name: 'Run a graph by name' });
    fireEvent.change(within(form).getByLabelText('Graph name'), { target: { value: 'no_such_graph' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Run task' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(/^The task did not run: /);
    expect(within(form).getByLabelText('Graph name')).toHaveValue('no_such_graph');
  });

  it('runs a raw graph, checking its JSON first (v0.1.5); a current server’s page says it has none', async () => {
    await renderSignedIn(<TasksPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Raw graph (JSON)' }));
    if (!legacy) {
      expect(await screen.findByText(/does not run raw graphs/)).toBeInTheDocument();
      expect(tasks()).toEqual([]);
      return;
    }
    const form = screen.getByRole('form', { name: 'Run a raw graph' });
    const graph = within(form).getByLabelText('Graph (JSON)');
    fireEvent.change(graph, { target: { value: '{"edges": []}' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Run task' }));
    expect(await within(form).findByText(/must be a JSON object with a nodes list/)).toBeInTheDocument();
    expect(tasks()).toEqual([]);
    fireEvent.change(graph, { target: { value: '{"nodes": [{"id": 1}], "edges": []}' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Run task' }));
    expect(await screen.findByRole('heading', { name: 'Done: 1 result' })).toBeInTheDocument();
    expect(tasks()).toEqual([{ method: 'POST', path: '/tasks/graphs/run', query: 'task_priority=5' }]);
  });
});
