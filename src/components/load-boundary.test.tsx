// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import { renderWithProviders } from '../test/render.tsx';
import { LoadBoundary } from './load-boundary.tsx';

describe('LoadBoundary', () => {
  it('shows a message where a lazy part failed to load; the rest of the page stays', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Part = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    renderWithProviders(
      <>
        <input aria-label="Typed" defaultValue="kept" />
        <LoadBoundary>
          <Suspense fallback={null}>
            <Part />
          </Suspense>
        </LoadBoundary>
      </>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('This part of the page could not be loaded.');
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Typed' })).toHaveValue('kept');
  });
});
