import { useId } from 'react';
import { LOCALES, useI18n, type Locale } from '../lib/i18n/i18n.tsx';

const NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

export function LanguageSwitcher() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <span className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('app.language')}
      </label>
      <select
        id={id}
        value={locale}
        onChange={(e) => {
          const next = LOCALES.find((l) => l === e.target.value);
          if (next) setLocale(next);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </span>
  );
}
