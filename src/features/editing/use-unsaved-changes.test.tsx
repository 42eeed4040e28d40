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
});
