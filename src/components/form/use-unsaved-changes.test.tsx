// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { useUnsavedChanges } from './use-unsaved-changes.ts';

function Page({ dirty, onNavigate }: { dirty: boolean; onNavigate: () => void }) {
  useUnsavedChanges(dirty, 'Leave?');
  return (
    <div
      onClickCapture={(e) => {
        e.preventDefault();
      }}
    >
      <a href="/elsewhere" onClick={onNavigate}>
        away
      </a>
    </div>
  );
}

describe('useUnsavedChanges', () => {
  it('asks before an in-app link leaves a dirty form, and stops it when the user stays', () => {
    const onNavigate = vi.fn();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const { rerender } = render(<Page dirty onNavigate={onNavigate} />);
    fireEvent.click(screen.getByText('away'));
    expect(confirm).toHaveBeenCalledWith('Leave?');
    expect(onNavigate).not.toHaveBeenCalled();

    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByText('away'));
    expect(onNavigate).toHaveBeenCalledTimes(1);

    confirm.mockClear();
    rerender(<Page dirty={false} onNavigate={onNavigate} />);
    fireEvent.click(screen.getByText('away'));
    expect(confirm).not.toHaveBeenCalled();
  });

  it('warns on unload only while dirty', () => {
    const { rerender } = render(<Page dirty onNavigate={() => {}} />);
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    rerender(<Page dirty={false} onNavigate={() => {}} />);
    const later = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
  });

  it('asks on Back to another page and puts the address back when the user stays', () => {
    window.history.replaceState(null, '', '/sensors/1.1?range=7d');
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const { rerender } = render(<Page dirty onNavigate={() => {}} />);
    // What Back does: the address changes, then popstate fires.
    window.history.pushState(null, '', '/sensors');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(confirm).toHaveBeenCalledWith('Leave?');
    expect(window.location.pathname + window.location.search).toBe('/sensors/1.1?range=7d');

    // Back within the same page (a chart view in the URL) asks nothing.
    confirm.mockClear();
    window.history.pushState(null, '', '/sensors/1.1?range=24h');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(confirm).not.toHaveBeenCalled();

    confirm.mockReturnValue(true);
    window.history.pushState(null, '', '/flats');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(window.location.pathname).toBe('/flats');

    confirm.mockClear();
    rerender(<Page dirty={false} onNavigate={() => {}} />);
    window.history.pushState(null, '', '/elsewhere');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(confirm).not.toHaveBeenCalled();
  });
});
