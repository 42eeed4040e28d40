import { ApiError } from '../api/errors.ts';
import { loadLocale, makeI18n } from '../lib/i18n/i18n.tsx';
import { errorText } from './error-message.ts';

beforeAll(() => loadLocale('ru'));

const unreadable = (part?: 'flats' | 'meters') =>
  new ApiError({ service: 'saures', kind: 'parse', what: 'Loading flats', serverMessage: 'unexpected data', part });

describe('errorText', () => {
  it('says which part of a SAURES answer could not be read, in either language', () => {
    const en = makeI18n('en').t;
    const ru = makeI18n('ru').t;
    expect(errorText(unreadable('flats'), en)).toBe('SAURES sent flats in a form the app cannot read.');
    expect(errorText(unreadable('meters'), en)).toBe('SAURES sent meters in a form the app cannot read.');
    expect(errorText(unreadable('flats'), ru)).toBe(
      'SAURES прислал список квартир в виде, который приложение не может прочитать.',
    );
    expect(errorText(unreadable('meters'), ru)).toBe(
      'SAURES прислал показания приборов в виде, который приложение не может прочитать.',
    );
  });

  it('keeps the general words for an answer unreadable as a whole', () => {
    expect(errorText(unreadable(), makeI18n('en').t)).toBe('SAURES sent an answer the app cannot read.');
  });
});
