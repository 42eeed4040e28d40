import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createJSONStorage, persist } from 'zustand/middleware';
import * as z from 'zod/mini';
import { en, type MessageKey, type Plural } from './messages-en.ts';

export type Locale = 'en' | 'ru';
export const LOCALES: readonly Locale[] = ['en', 'ru'];
export type Params = Record<string, string | number>;

type Dictionary = Record<MessageKey, string | Plural>;

/** English ships with the app; Russian loads when chosen (it is not needed on most sign-in pages). */
const dictionaries: Partial<Record<Locale, Dictionary>> = { en };

export async function loadLocale(locale: Locale): Promise<void> {
  if (dictionaries[locale]) return;
  if (locale === 'ru') dictionaries.ru = (await import('./messages-ru.ts')).ru;
}

/** The browser's language decides the default: Russian for ru-*, English otherwise. */
export function defaultLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0];
    if (base === 'ru') return 'ru';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/** Looks up a message and fills `{name}` placeholders; a Plural picks its form by `count`. */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const dict: Dictionary = dictionaries[locale] ?? en;
  const entry = dict[key];
  let text: string;
  if (typeof entry === 'string') text = entry;
  else {
    const count = Number(params.count ?? 0);
    const form = new Intl.PluralRules(locale).select(count);
    text = entry[form] ?? entry.other;
  }
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? new Intl.NumberFormat(locale).format(v) : v;
  });
}

const localeSchema = z.object({ locale: z.enum(['en', 'ru']) });

/** The chosen language is a UI preference: kept in localStorage (nothing secret). */
export function createLocaleStore(initial: Locale = defaultLocale()) {
  return createStore<{ locale: Locale; setLocale: (l: Locale) => void }>()(
    persist(
      (set) => ({
        locale: initial,
        setLocale: (locale) => {
          void loadLocale(locale).then(() => set({ locale }));
        },
      }),
      {
        name: 'meterdeck.locale',
        storage: createJSONStorage(() => localStorage),
        partialize: (s) => ({ locale: s.locale }),
        merge: (persisted, current) => {
          const parsed = localeSchema.safeParse(persisted);
          return parsed.success ? { ...current, locale: parsed.data.locale } : current;
        },
      },
    ),
  );
}

export type LocaleStore = ReturnType<typeof createLocaleStore>;

export interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
  number: (n: number, options?: Intl.NumberFormatOptions) => string;
  /** Date and time in the user's own time zone. */
  dateTime: (epochMs: number, options?: Intl.DateTimeFormatOptions) => string;
  relative: (epochMs: number, now: number) => string;
}

const I18nContext = createContext<LocaleStore | null>(null);

export function I18nProvider({ store, children }: { store: LocaleStore; children: ReactNode }) {
  const locale = useStore(store, (s) => s.locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext.Provider value={store}>{children}</I18nContext.Provider>;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void = () => {}): I18n {
  return {
    locale,
    setLocale,
    t: (key, params) => translate(locale, key, params),
    number: (n, options = {}) =>
      cached(
        numberFormats,
        `${locale}|${JSON.stringify(options)}`,
        () => new Intl.NumberFormat(locale, options),
      ).format(n),
    dateTime: (ms, options = { dateStyle: 'medium', timeStyle: 'short' }) =>
      cached(
        dateFormats,
        `${locale}|${JSON.stringify(options)}`,
        () => new Intl.DateTimeFormat(locale, options),
      ).format(ms),
    relative: (ms, now) => {
      const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      const diff = ms - now;
      const abs = Math.abs(diff);
      if (abs < 60_000) return rtf.format(0, 'minute');
      if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
      if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
      return rtf.format(Math.round(diff / 86_400_000), 'day');
    },
  };
}

export function useI18n(): I18n {
  const store = useContext(I18nContext);
  if (!store) throw new Error('useI18n needs an <I18nProvider>');
  const locale = useStore(store, (s) => s.locale);
  const setLocale = useStore(store, (s) => s.setLocale);
  return useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
}

/** True when a string (e.g. a zod message) is one of our message keys. */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

/** Translates a validation message that holds a message key; other text passes through. */
export function fieldMessage(t: I18n['t'], message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  return isMessageKey(message) ? t(message) : message;
}
