import type { SauresFlat } from '../../api/saures/schemas.ts';
import type { I18n } from '../../lib/i18n/i18n.tsx';

/** "Address, flat 25" — or the number as sent when it is not one ("офис 25"). */
export function flatLabel(item: { flat: SauresFlat }, t: I18n['t']): string {
  const n = item.flat.number;
  return `${item.flat.house}, ${/^\d/.test(n) ? t('flats.flatNumber', { number: n }) : n}`;
}
