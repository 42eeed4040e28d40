import { originFileWord } from '../../../lib/origins.ts';

/*
 * CSV export of exactly what the chart shows (the caller passes the shown
 * points): RFC 4180, CRLF line ends, header `time,value,unit,origin`.
 * - time: ISO 8601 UTC (`toISOString()`).
 * - value: plain decimal with '.', no exponent, no thousands separators; an
 *   empty field where the value is NaN (a gap or a non-numeric reading).
 * - unit: the server's text, made harmless for spreadsheets (textField).
 * - origin: besmart's English word (1 measured, 2 predicted, 3 calculated,
 *   4 estimated, 5 corrected), any other id as its number — what the data
 *   import reads back (lib/origins.ts).
 */

export interface CsvRow {
  time: number;
  value: number;
  unit: string;
  origin: number;
}

export interface CsvArrays {
  time: ArrayLike<number>;
  value: ArrayLike<number>;
  /** Origin per point; 1 (measured) where missing. */
  origin?: ArrayLike<number>;
  unit: string;
}

export const CSV_HEADER = 'time,value,unit,origin';

/** Quotes a field when it holds a comma, a quote, CR or LF, doubling inner quotes (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A number as plain decimal text: no exponent, '.' as separator; '' when not finite. */
export function plainDecimal(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (v === 0) return '0';
  const text = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (m === null) return text;
  const [, sign = '', lead = '', rest = '', exp = '0'] = m;
  const digits = lead + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Text from a server as a cell no spreadsheet runs: one starting with `=`,
 * `+`, `-`, `@`, a tab or CR would be read as a formula (OWASP's "CSV
 * injection"), so it gets a leading `'`, which spreadsheets show as text.
 */
export function textField(text: string): string {
  return csvField(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

function line(time: number, value: number, unit: string, origin: number): string {
  const iso = Number.isFinite(time) ? new Date(time).toISOString() : '';
  // The unit comes from the server; the origin is one of the app's own words or a number.
  return `${iso},${plainDecimal(value)},${textField(unit)},${csvField(originFileWord(origin))}`;
}

/** The CSV text (header and one line per point, each ending in CRLF). */
export function seriesToCsv(input: readonly CsvRow[] | CsvArrays): string {
  const lines = [CSV_HEADER];
  if (isRows(input)) {
    for (const row of input) lines.push(line(row.time, row.value, row.unit, row.origin));
  } else {
    const n = Math.min(input.time.length, input.value.length);
    for (let i = 0; i < n; i++)
      lines.push(line(input.time[i] ?? Number.NaN, input.value[i] ?? Number.NaN, input.unit, input.origin?.[i] ?? 1));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function isRows(input: readonly CsvRow[] | CsvArrays): input is readonly CsvRow[] {
  return Array.isArray(input);
}
