import { loadLocale, makeI18n } from './i18n/i18n.tsx';
import { KNOWN_ORIGINS, originDash, originFileWord, originLabel, originName, parseOrigin } from './origins.ts';

beforeAll(() => loadLocale('ru'));

describe('origins', () => {
  it('names besmart’s five origins by their documented ids', () => {
    expect(KNOWN_ORIGINS).toEqual([1, 2, 3, 4, 5]);
    expect(KNOWN_ORIGINS.map(originName)).toEqual(['measured', 'predicted', 'calculated', 'estimated', 'corrected']);
    expect([0, 6, 255, 1.5, -1].map(originName)).toEqual([null, null, null, null, null]);
  });

  it('shows the word in English and Russian, and any other id as “other (N)”', () => {
    const en = makeI18n('en');
    const ru = makeI18n('ru');
    expect([1, 2, 3, 4, 5, 7].map((o) => originLabel(en.t, o))).toEqual([
      'measured',
      'predicted',
      'calculated',
      'estimated',
      'corrected',
      'other (7)',
    ]);
    expect([1, 2, 3, 4, 5, 7].map((o) => originLabel(ru.t, o))).toEqual([
      'измеренное',
      'прогнозное',
      'расчётное',
      'оценочное',
      'скорректированное',
      'другое (7)',
    ]);
  });

  it('writes the English word into files, an unknown id as its number', () => {
    expect([1, 2, 3, 4, 5, 9].map(originFileWord)).toEqual([
      'measured',
      'predicted',
      'calculated',
      'estimated',
      'corrected',
      '9',
    ]);
  });

  it('reads back every word it shows or writes, in both languages, and ids', () => {
    for (const locale of ['en', 'ru'] as const) {
      const { t } = makeI18n(locale);
      for (const id of [...KNOWN_ORIGINS, 7, 200]) {
        expect(parseOrigin(originLabel(t, id)), `${locale} ${id}`).toBe(id);
        expect(parseOrigin(originLabel(t, id).toUpperCase()), `${locale} ${id} upper case`).toBe(id);
      }
    }
    for (const id of [...KNOWN_ORIGINS, 9]) expect(parseOrigin(originFileWord(id))).toBe(id);
    expect(parseOrigin(' Расчетное ')).toBe(3);
    expect(parseOrigin('прогноз')).toBe(2);
    expect(parseOrigin('42')).toBe(42);
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'guessed', '0', '256', '1.5', '-1', 'other', 'other (0)', 'measured!']) {
      expect(parseOrigin(bad), bad).toBeNaN();
    }
  });

  it('draws measured solid and every other origin with a dash pattern of its own', () => {
    expect(originDash(1)).toBeNull();
    const dashes = [2, 3, 4, 5, 9].map(originDash);
    expect(dashes.every((d) => d !== null)).toBe(true);
    expect(new Set(dashes).size).toBe(dashes.length);
    expect(originDash(9)).toBe(originDash(77));
  });
});
