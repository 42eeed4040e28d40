import Papa from 'papaparse';
import { ORIGIN_MEASURED, parseOrigin } from '../../../lib/origins.ts';
import { localPartsToMs } from '../../../lib/local-time.ts';

/*
 * Bulk import of one signal's points from CSV text (a file or pasted):
 * columns time, value and an optional origin, with or without a header row.
 * Every line is checked and reported by its line number; the good rows are
 * then uploaded in chunks, and a failure part-way says exactly which lines
 * were saved and lets the upload resume from the first unsaved chunk.
 */

export interface ImportRow {
  /** 1-based line of the text the row starts on. */
  line: number;
  time: number;
  /** null writes a missing reading (an empty value field). */
  value: number | null;
  origin: number;
}

export type ImportProblemCode =
  'fields' | 'tooManyFields' | 'timeMissing' | 'time' | 'value' | 'origin' | 'unit' | 'duplicate' | 'quotes';

export interface ImportProblem {
  line: number;
  code: ImportProblemCode;
  /** The offending text, or for 'duplicate' the line the time was first seen on, or for 'unit' the unit given. */
  detail: string;
}

export interface ImportParse {
  rows: ImportRow[];
  problems: ImportProblem[];
  /** The header row's line, when the text has one. */
  headerLine: number | null;
  /** Non-empty data lines read (rows + lines with problems). */
  lines: number;
  delimiter: string;
}

export const MAX_IMPORT_ROWS = 200_000;

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A time as written in a CSV: ISO 8601 with a zone (`…Z`, `…+02:00`) is
 * exact; a date and time without a zone is local time; 12 or 13 digits are ms
 * since epoch. NaN when it is none of these or not a real date.
 */
export function parseImportTime(raw: string): number {
  const s = raw.trim();
  if (/^\d{12,13}$/.test(s)) return Number(s);
  const m = DATE_TIME.exec(s);
  if (m === null) return Number.NaN;
  const [year, month, day, hour, minute, second, fraction] = m
    .slice(1, 8)
    .map((p, i) => (p === undefined ? 0 : i === 6 ? Number(p.padEnd(3, '0')) : Number(p)));
  const zone = m[8];
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined ||
    fraction === undefined
  )
    return Number.NaN;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  // Date reads years 0–99 as 1900–1999; no meter data is that old.
  if (year < 1000) return Number.NaN;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return Number.NaN;
  // Without a zone: local time, by the app's rule for clock changes (a skipped time is refused).
  if (zone === undefined) return localPartsToMs({ year, month, day, hour, minute, second, millisecond: fraction });
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  if (zone.toUpperCase() === 'Z') return utc;
  const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  const sign = z?.[1] === '-' ? -1 : 1;
  const offset = sign * (Number(z?.[2] ?? 0) * 60 + Number(z?.[3] ?? 0));
  if (Number(z?.[2] ?? 0) > 14 || Number(z?.[3] ?? 0) > 59) return Number.NaN;
  return utc - offset * 60_000;
}

/** A value: a plain decimal ("54.38", "54,38", "-1e3"); empty is a missing reading (null); junk is NaN. */
export function parseImportValue(raw: string): number | null {
  const s = raw.trim();
  if (s === '') return null;
  const normal = s.includes('.') ? s : s.replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normal) && Number.isFinite(Number(normal))
    ? Number(normal)
    : Number.NaN;
}

/**
 * An origin: an id (1–255) or one of besmart's five words (measured,
 * predicted, calculated, estimated, corrected) in English — what the chart
 * export writes — or Russian; empty is measured. NaN otherwise.
 */
export function parseImportOrigin(raw: string): number {
  return raw.trim() === '' ? ORIGIN_MEASURED : parseOrigin(raw);
}

interface Columns {
  time: number;
  value: number;
  origin: number | null;
  unit: number | null;
  count: number | null;
}

const POSITIONAL: Columns = { time: 0, value: 1, origin: 2, unit: null, count: null };

/** The columns a header row names, or null when the row is data (or names no time and value column). */
function headerColumns(fields: readonly string[]): Columns | null {
  const names = fields.map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/^\uFEFF/, ''),
  );
  const find = (...alias: string[]) => {
    const i = names.findIndex((n) => alias.includes(n));
    return i < 0 ? null : i;
  };
  const time = find('time', 'timestamp', 'date', 'datetime');
  const value = find('value', 'reading', 'val');
  if (time === null || value === null) return null;
  return { time, value, origin: find('origin', 'signal_origin_id'), unit: find('unit'), count: names.length };
}

/**
 * Reads CSV text for import. `unit` is the signal's unit: a `unit` column, when
 * there is one, must match it. Delimiter: comma, semicolon or tab (detected).
 */
export function parseImport(text: string, unit: string): ImportParse {
  const normal = text.replace(/\r\n?/g, '\n');
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<number, number>();
  let columns: Columns | null = null;
  let headerLine: number | null = null;
  let lines = 0;
  let line = 1;
  let cursor = 0;
  let delimiter = ',';
  Papa.parse<string[]>(normal, {
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t'],
    step: (result) => {
      const start = line;
      const end = result.meta.cursor;
      // The cursor is just past the row's own newline: the next row starts on the line after.
      for (let i = cursor; i < end; i++) if (normal.charCodeAt(i) === 10) line++;
      cursor = end;
      delimiter = result.meta.delimiter;
      const fields = result.data;
      if (fields.length === 0 || (fields.length === 1 && (fields[0] ?? '').trim() === '')) return;
      if (columns === null) {
        const header = headerColumns(fields);
        if (header !== null) {
          columns = header;
          headerLine = start;
          return;
        }
        columns = POSITIONAL;
      }
      lines++;
      if (result.errors.some((e) => e.type === 'Quotes')) {
        problems.push({ line: start, code: 'quotes', detail: '' });
        return;
      }
      const problem = readRow(fields, columns, unit, start);
      if ('code' in problem) {
        problems.push(problem);
        return;
      }
      const first = seen.get(problem.time);
      if (first !== undefined) {
        problems.push({ line: start, code: 'duplicate', detail: String(first) });
        return;
      }
      seen.set(problem.time, start);
      rows.push(problem);
    },
  });
  return { rows, problems, headerLine, lines, delimiter };
}

function readRow(fields: readonly string[], c: Columns, unit: string, line: number): ImportRow | ImportProblem {
  if (c.count === null && fields.length > 3) return { line, code: 'tooManyFields', detail: String(fields.length) };
  const timeText = fields[c.time];
  const valueText = fields[c.value];
  if (timeText === undefined || valueText === undefined) return { line, code: 'fields', detail: String(fields.length) };
  if (timeText.trim() === '') return { line, code: 'timeMissing', detail: '' };
  const time = parseImportTime(timeText);
  if (Number.isNaN(time)) return { line, code: 'time', detail: timeText.trim() };
  const value = parseImportValue(valueText);
  if (value !== null && Number.isNaN(value)) return { line, code: 'value', detail: valueText.trim() };
  const originText = c.origin === null ? '' : (fields[c.origin] ?? '');
  const origin = parseImportOrigin(originText);
  if (Number.isNaN(origin)) return { line, code: 'origin', detail: originText.trim() };
  const unitText = c.unit === null ? '' : (fields[c.unit] ?? '').trim();
  // The export puts a quote before a unit a spreadsheet would run as a formula (signals/model/csv.ts): the
  // same unit, read back.
  const readUnit = /^'[=+\-@\t\r]/.test(unitText) ? unitText.slice(1) : unitText;
  if (readUnit !== '' && readUnit !== unit) return { line, code: 'unit', detail: unitText };
  return { line, time, value, origin };
}

// ---------------------------------------------------------------- upload

export interface ImportChunk {
  index: number;
  rows: ImportRow[];
}

export function chunkRows(rows: readonly ImportRow[], size: number): ImportChunk[] {
  const chunks: ImportChunk[] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push({ index: chunks.length, rows: rows.slice(i, i + size) });
  return chunks;
}

/** The body of a data PUT for a chunk: parallel arrays, type "DBL". */
export function chunkPayload(rows: readonly ImportRow[]) {
  return {
    time: rows.map((r) => r.time),
    value: rows.map((r) => r.value),
    type: rows.map(() => 'DBL'),
    origin: rows.map((r) => r.origin),
  };
}

export type UploadOutcome =
  | { status: 'done'; savedChunks: number }
  | { status: 'failed'; savedChunks: number; error: unknown }
  | { status: 'stopped'; savedChunks: number };

/**
 * Uploads chunks one after another from `from` (a chunk index). Stops at the
 * first failure — chunks before it are saved, it and those after are not —
 * or when `shouldStop` says so between chunks. `savedChunks` counts every
 * chunk saved so far, including those before `from`.
 */
export async function uploadChunks(
  chunks: readonly ImportChunk[],
  from: number,
  put: (chunk: ImportChunk) => Promise<void>,
  onSaved: (savedChunks: number) => void,
  shouldStop: () => boolean = () => false,
): Promise<UploadOutcome> {
  for (let i = from; i < chunks.length; i++) {
    if (shouldStop()) return { status: 'stopped', savedChunks: i };
    const chunk = chunks[i];
    if (chunk === undefined) break;
    try {
      await put(chunk);
    } catch (error) {
      return { status: 'failed', savedChunks: i, error };
    }
    onSaved(i + 1);
  }
  return { status: 'done', savedChunks: chunks.length };
}

/** Line numbers as short ranges: [2,3,4,7,9,10] → "2–4, 7, 9–10". */
export function lineRanges(lines: readonly number[], format: (n: number) => string = String): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] ?? 0;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) {
      i++;
      end = sorted[i] ?? end;
    }
    parts.push(start === end ? format(start) : `${format(start)}–${format(end)}`);
    i++;
  }
  return parts.join(', ');
}
