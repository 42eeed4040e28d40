// @vitest-environment jsdom
import { meterSchema, type WireMeter } from '../../api/saures/schemas.ts';
import { loadLocale, type Locale } from '../../lib/i18n/i18n.tsx';
import { renderWithProviders } from '../../test/render.tsx';
import { MeterValue } from './meter-value.tsx';

beforeAll(() => loadLocale('ru'));

function shown(locale: Locale, wire: Partial<WireMeter>): string {
  const meter = meterSchema.parse({ meter_name: '', sn: 'X-1', ...wire });
  const { container, unmount } = renderWithProviders(<MeterValue meter={meter} />, { locale });
  const text = container.textContent;
  unmount();
  return text;
}

const control = { name: 'Кран (управление)', number: 6 };
const state = { name: 'Кран (состояние)', number: 10 };

describe('MeterValue', () => {
  it('shows valve control (type 6) as the command given: 0 open, 1 close', () => {
    expect(shown('en', { type: control, value: '0' })).toBe('command: open');
    expect(shown('en', { type: control, value: '1' })).toBe('command: close');
    expect(shown('ru', { type: control, value: '0' })).toBe('команда: открыться');
    expect(shown('ru', { type: control, value: '1' })).toBe('команда: закрыться');
  });

  it('shows valve state (type 10) as the state: 0 no module, 1 unknown, 2 open, 3 closed', () => {
    expect(['0', '1', '2', '3'].map((value) => shown('en', { type: state, value }))).toEqual([
      'no module',
      'unknown',
      'open',
      'closed',
    ]);
    expect(['0', '1', '2', '3'].map((value) => shown('ru', { type: state, value }))).toEqual([
      'нет модуля',
      'неизвестно',
      'открыт',
      'закрыт',
    ]);
  });
});
