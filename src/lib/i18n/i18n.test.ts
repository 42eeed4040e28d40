import { defaultLocale, fieldMessage, loadLocale, makeI18n, translate } from './i18n.tsx';
import { en } from './messages-en.ts';
import { ru } from './messages-ru.ts';

beforeAll(() => loadLocale('ru'));

describe('i18n', () => {
  it('defaults to the browser language: Russian for ru-*, English otherwise', () => {
    expect(defaultLocale(['ru-RU', 'en-US'])).toBe('ru');
    expect(defaultLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(defaultLocale(['de-DE'])).toBe('en');
    expect(defaultLocale([])).toBe('en');
  });

  it('fills placeholders and picks Russian plural forms by count', () => {
    expect(translate('ru', 'summary.leak', { count: 1 })).toBe('1 активная протечка');
    expect(translate('ru', 'summary.leak', { count: 3 })).toBe('3 активные протечки');
    expect(translate('ru', 'summary.leak', { count: 5 })).toBe('5 активных протечек');
    expect(translate('ru', 'summary.leak', { count: 21 })).toBe('21 активная протечка');
    expect(translate('en', 'summary.leak', { count: 1 })).toBe('1 active leak');
    expect(translate('en', 'summary.leak', { count: 0 })).toBe('0 active leaks');
  });

  it('formats numbers and dates in the chosen locale', () => {
    const ruI18n = makeI18n('ru');
    const enI18n = makeI18n('en');
    expect(enI18n.number(1234.5)).toBe('1,234.5');
    expect(ruI18n.number(1234.5)).toBe('1\u00a0234,5');
    const when = Date.UTC(2017, 8, 15, 6, 0);
    expect(enI18n.dateTime(when, { dateStyle: 'short', timeZone: 'UTC' })).toBe('9/15/17');
    expect(ruI18n.dateTime(when, { dateStyle: 'short', timeZone: 'UTC' })).toBe('15.09.2017');
  });

  it('translates validation messages that are keys and passes other text through', () => {
    const { t } = makeI18n('ru');
    expect(fieldMessage(t, 'validation.passwordRequired')).toBe('Введите пароль.');
    expect(fieldMessage(t, 'plain words')).toBe('plain words');
    expect(fieldMessage(t, undefined)).toBeUndefined();
  });

  it('has a Russian text for every English key, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const placeholders = (v: unknown) => [...JSON.stringify(v).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(new Set(placeholders(ru[key])), key).toEqual(new Set(placeholders(en[key])));
    }
  });
});
