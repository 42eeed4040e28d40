// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { loadLocale } from '../../lib/i18n/i18n.tsx';
import { renderWithProviders } from '../../test/render.tsx';
import { LocalTimeRange } from './local-time-range.tsx';

function Period({
  onValues,
  tillError,
}: {
  onValues: (v: { since: string; till: string }) => void;
  tillError?: string;
}) {
  const { register, handleSubmit } = useForm({ defaultValues: { since: '2024-03-30T12:00', till: '' } });
  return (
    <form aria-label="Period" onSubmit={(e) => void handleSubmit((values) => onValues(values))(e)}>
      <LocalTimeRange
        since={{ id: 'p-since', hint: 'Local time.', ...register('since') }}
        till={{ id: 'p-till', hint: 'Leave empty for an open period.', error: tillError, ...register('till') }}
      />
      <button type="submit">Save</button>
    </form>
  );
}

describe('LocalTimeRange', () => {
  it('shows Since and Till as local date-times to the second, each with its hint and message', () => {
    renderWithProviders(<Period onValues={() => {}} tillError="Till must be later than since." />);
    const since = screen.getByLabelText('Since');
    const till = screen.getByLabelText('Till');
    for (const input of [since, till]) {
      expect(input).toHaveAttribute('type', 'datetime-local');
      expect(input).toHaveAttribute('step', '1');
    }
    expect(since).toHaveAttribute('id', 'p-since');
    expect(since).toHaveValue('2024-03-30T12:00');
    expect(since).toHaveAccessibleDescription('Local time.');
    expect(since).not.toHaveAttribute('aria-invalid');
    expect(till).toHaveAttribute('id', 'p-till');
    expect(till).toHaveAttribute('aria-invalid', 'true');
    expect(till).toHaveAccessibleDescription('Till must be later than since. Leave empty for an open period.');
  });

  it('hands what is typed to the form, as text for the schema to read as local time', async () => {
    const onValues = vi.fn();
    renderWithProviders(<Period onValues={onValues} />);
    fireEvent.change(screen.getByLabelText('Till'), { target: { value: '2024-03-31T02:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(onValues).toHaveBeenCalledWith({ since: '2024-03-30T12:00', till: '2024-03-31T02:30' }),
    );
  });

  it('speaks the page’s language', async () => {
    await loadLocale('ru');
    renderWithProviders(<Period onValues={() => {}} />, { locale: 'ru' });
    expect(screen.getByLabelText('С')).toHaveAttribute('id', 'p-since');
    expect(screen.getByLabelText('По')).toHaveAttribute('id', 'p-till');
  });
});
