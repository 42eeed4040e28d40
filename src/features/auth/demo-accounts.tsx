import { useI18n } from '../../lib/i18n/i18n.tsx';

/** The built-in fakes' demo accounts, each with a button that fills the form. */
export function DemoAccounts({
  items,
  note,
  onPick,
}: {
  items: { key: string; label: string; description: string }[];
  /** A line about the fake itself (which API version it speaks). */
  note?: string | undefined;
  onPick: (key: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="demo-accounts">
      <p className="demo-title">{t('signIn.demoTitle')}</p>
      {note ? <p className="muted">{note}</p> : null}
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <button type="button" className="link" onClick={() => onPick(item.key)}>
              {t('signIn.demoUse', { label: item.label })}
            </button>{' '}
            <span className="muted">— {item.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
