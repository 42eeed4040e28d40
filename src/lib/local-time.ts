/*
 * Local date-times: what a person reads and types (the value of an
 * `<input type="datetime-local">`, "2026-11-22T14:30", seconds optional) and
 * the instant it means (UTC ms), in the browser's time zone.
 *
 * One rule for the hours a change of clocks touches, everywhere in the app:
 * - a wall-clock time the clocks skip (spring forward: 02:30 on 29 March 2026
 *   in Berlin) does not exist and is refused, never moved: a saved state, a
 *   task, an imported point or a chart range starts where the person said or
 *   not at all;
 * - a wall-clock time the clocks repeat (fall back: 02:30 on 25 October 2026
 *   in Berlin) is the earlier of its two instants (still summer time), as
 *   JavaScript's Date reads it. Formatting writes the wall-clock time, so an
 *   instant of the repeated hour's second pass reads back as the first.
 */

/** The parts of a local date and time as written (month 1–12). */
export interface LocalDateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

/** Why a local date-time was refused: not a real date and time, or one the clocks skip here. */
export type LocalTimeProblem = 'invalid' | 'skipped';

export type LocalTimeReading = { ok: true; ms: number } | { ok: false; problem: LocalTimeProblem };

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** The instant of a local date and time in this time zone, by the rule above. */
export function readLocalParts(parts: LocalDateTimeParts): LocalTimeReading {
  const { year, month, day, hour, minute, second = 0, millisecond = 0 } = parts;
  const whole = [year, month, day, hour, minute, second, millisecond].every(Number.isInteger);
  if (
    !whole ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    millisecond < 0 ||
    millisecond > 999
  )
    return { ok: false, problem: 'invalid' };
  // setFullYear, not the constructor: the constructor reads years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setFullYear(year, month - 1, day);
  d.setHours(hour, minute, second, millisecond);
  // Date moves a skipped time on by the length of the gap; a repeated one it reads as the earlier instant.
  const same =
    d.getFullYear() === year &&
    d.getMonth() === month - 1 &&
    d.getDate() === day &&
    d.getHours() === hour &&
    d.getMinutes() === minute;
  return same ? { ok: true, ms: d.getTime() } : { ok: false, problem: 'skipped' };
}

/** Local date and time parts as UTC ms; NaN when they are not a real date and time or the clocks skip them. */
export function localPartsToMs(parts: LocalDateTimeParts): number {
  const r = readLocalParts(parts);
  return r.ok ? r.ms : Number.NaN;
}

/** Reads a `datetime-local` value ("2026-11-22T14:30", ":15" and ":15.5" seconds optional) as local time. */
export function readLocalDateTime(text: string): LocalTimeReading {
  const m = LOCAL_INPUT.exec(text.trim());
  if (m === null) return { ok: false, problem: 'invalid' };
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0] = m
    .slice(1)
    .map((part, i) => (part === undefined ? 0 : i === 6 ? Number(part.padEnd(3, '0')) : Number(part)));
  return readLocalParts({ year, month, day, hour, minute, second, millisecond });
}

/** A `datetime-local` value read as local time, in UTC ms; NaN when it is not valid or the clocks skip it. */
export function parseLocalDateTime(text: string): number {
  const r = readLocalDateTime(text);
  return r.ok ? r.ms : Number.NaN;
}

/** UTC ms as a `datetime-local` value in local time; seconds only when not zero (ms dropped); '' for NaN. */
export function toLocalInputValue(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const base = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getSeconds() === 0 ? base : `${base}:${pad(d.getSeconds())}`;
}
