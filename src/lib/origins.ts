import type { Params } from './i18n/i18n.tsx';
import type { MessageKey } from './i18n/messages-en.ts';

/*
 * besmart's point origins, one vocabulary for the whole app (chart legend and
 * tooltip, data table, add-point form, CSV export and import). The API's
 * README: 1 measured, 2 predicted, 3 calculated, and since December 2025
 * 4 estimated, 5 corrected. Any other integer is accepted and shown as
 * "other (N)". The words shown come from the i18n dictionaries; CSV files
 * carry the English word, which the import reads back.
 */

export const ORIGIN_MEASURED = 1;

export const ORIGIN_NAMES = ['measured', 'predicted', 'calculated', 'estimated', 'corrected'] as const;
export type OriginName = (typeof ORIGIN_NAMES)[number];

/** The known origin ids, in id order (what the add-point form offers). */
export const KNOWN_ORIGINS: readonly number[] = ORIGIN_NAMES.map((_, i) => i + 1);

/** The name of a known origin id (1…5), or null for any other id. */
export function originName(id: number): OriginName | null {
  return Number.isInteger(id) ? (ORIGIN_NAMES[id - 1] ?? null) : null;
}

/** How an origin is written in a file: the English word, an unknown id as its number. */
export function originFileWord(id: number): string {
  return originName(id) ?? String(id);
}

/** The message (key and parameters) that names an origin in the UI: its word, or "other (N)". */
export function originMessage(id: number): { key: MessageKey; params?: Params } {
  const name = originName(id);
  return name === null ? { key: 'origin.other', params: { id: String(id) } } : { key: `origin.${name}` };
}

/** The origin's word in the UI's language. */
export function originLabel(t: (key: MessageKey, params?: Params) => string, id: number): string {
  const { key, params } = originMessage(id);
  return t(key, params);
}

/*
 * Words an import accepts for each origin, besides its id: the English name
 * (what the export writes), the words the UI shows in both languages
 * (a test checks each dictionary's word reads back) and the short forms an
 * operator is likely to type.
 */
const ALIASES: Readonly<Record<OriginName, readonly string[]>> = {
  measured: ['measured', 'measurement', 'измеренное', 'измерено', 'измерение'],
  predicted: ['predicted', 'prediction', 'forecast', 'прогнозное', 'прогноз', 'спрогнозировано'],
  calculated: ['calculated', 'calculation', 'расчётное', 'расчёт', 'рассчитано', 'вычисленное', 'вычислено'],
  estimated: ['estimated', 'estimate', 'estimation', 'оценочное', 'оценка', 'оценено'],
  corrected: ['corrected', 'correction', 'скорректированное', 'скорректировано', 'исправленное', 'исправлено'],
};

const normalise = (s: string) => s.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');

const BY_WORD: ReadonlyMap<string, number> = new Map(
  ORIGIN_NAMES.flatMap((name, i) => ALIASES[name].map((word) => [normalise(word), i + 1] as const)),
);

/** "other (7)" / "другое (7)", as the UI shows an unknown id. */
const OTHER = /^(?:other|другое|другой|другая)\s*\(\s*(\d{1,3})\s*\)$/;

/**
 * An origin as typed or read from a file: an id (1–255), one of the five
 * words in English or Russian (any case, ё or е), or "other (N)". NaN when
 * it is none of these.
 */
export function parseOrigin(raw: string): number {
  const s = normalise(raw);
  const word = BY_WORD.get(s);
  if (word !== undefined) return word;
  const digits = /^\d{1,3}$/.test(s) ? s : (OTHER.exec(s)?.[1] ?? null);
  if (digits === null) return Number.NaN;
  const id = Number(digits);
  return id >= 1 && id <= 255 ? id : Number.NaN;
}

/*
 * How the chart tells origins apart: measured is a solid line, every other
 * origin a dash pattern of its own (SVG stroke-dasharray), drawn a little
 * thicker so the dashes show. Unknown ids share one pattern.
 */
const DASHES: Readonly<Record<OriginName, string | null>> = {
  measured: null,
  predicted: '2 3',
  calculated: '9 3 2 3',
  estimated: '6 4',
  corrected: '12 3',
};
const OTHER_DASH = '1 5';

/** The SVG dash pattern of an origin's line; null for a solid line (measured). */
export function originDash(id: number): string | null {
  const name = originName(id);
  return name === null ? OTHER_DASH : DASHES[name];
}
