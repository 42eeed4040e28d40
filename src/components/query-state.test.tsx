// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { renderWithProviders } from '../test/render.tsx';
import { QueryView, type QueryLike } from './query-state.tsx';

const view = (query: QueryLike<string>) =>
  renderWithProviders(
    <QueryView query={query} loadingLabel="Loading thing" failedTitle="Thing failed.">
      {(data) => <input aria-label="Thing" defaultValue={data} />}
    </QueryView>,
  );

describe('QueryView', () => {
  const refetch = () => undefined;
  it('shows a skeleton, then the content', () => {
    view({ data: undefined, isError: false, error: null, refetch });
    expect(screen.getByRole('status', { name: 'Loading thing' })).toBeInTheDocument();
  });

  it('shows the failure alone while nothing was loaded', () => {
    view({ data: undefined, isError: true, error: new Error('x'), refetch });
    expect(screen.getByRole('alert')).toHaveTextContent('Thing failed.');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('keeps loaded content under a failed refresh', () => {
    view({ data: 'kept', isError: true, error: new Error('x'), refetch });
    expect(screen.getByRole('alert')).toHaveTextContent('Thing failed.');
    expect(screen.getByRole('textbox', { name: 'Thing' })).toHaveValue('kept');
  });
});
