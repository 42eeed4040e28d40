// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { createBesmartFake } from '../../../mocks/besmart/fake.ts';
import { createHandlers } from '../../../mocks/handlers.ts';
import { TasksPage } from './tasks-page.tsx';
import { renderSignedIn } from './test-utils.tsx';

const besmart = createBesmartFake();
const server = setupServer(...createHandlers({ besmart }, 'http://localhost:3000'));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  besmart.reset();
  localStorage.clear();
});
afterAll(() => server.close());

const tasks = () => besmart.requestLog().filter((r) => r.path.startsWith('/tasks'));

describe('TasksPage', () => {
  it('runs a stored graph by name and shows its result', async () => {
    await renderSignedIn(<TasksPage />);
    const form = screen.getByRole('form', { name: 'Run a graph by name' });
    fireEvent.change(within(form).getByLabelText('Graph name'), { target: { value: 'estimation' } });
    fireEvent.change(within(form).getByLabelText('Priority'), { target: { value: '3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Run task' }));
    expect(await screen.findByRole('heading', { name: 'Done: 1 result' })).toBeInTheDocument();
    // The chart loads recharts on demand, which takes a while in jsdom.
    expect(
      await screen.findByText('Result 1: signal 32, 24 points in kW.h', {}, { timeout: 8_000 }),
    ).toBeInTheDocument();
    expect(tasks()).toEqual([
      { method: 'POST', path: '/tasks/graphs/run/name', query: 'graph_name=estimation&task_priority=3' },
    ]);
  });

  it('says "accepted" for an asynchronous run', async () => {
    await renderSignedIn(<TasksPage />);
    const form = screen.getByRole('form', { name: 'Run a graph by name' });
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

  it('runs a raw graph, checking its JSON first', async () => {
    await renderSignedIn(<TasksPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Raw graph (JSON)' }));
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
