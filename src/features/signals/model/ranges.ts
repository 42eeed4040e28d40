/*
 * Time ranges of the chart. Presets follow the user's local calendar (the
 * browser's time zone, through Date's local getters and setters), so "7 d"
 * across a daylight-saving change is 7 local days, not 168 hours, and "this
 * month" starts at local midnight of the 1st. Everything returned is UTC ms.
 */

export const RANGE_PRESETS = ['24h', '7d', '30d', 'this-month', 'last-month', '12m'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface TimeRange {
  /** Start, UTC ms (inclusive). */
  from: number;
  /** End, UTC ms (exclusive). */
  till: number;
}

const HOUR_MS = 3_600_000;

/** The same local wall-clock time `months` months away, on the last day of the month when the day does not exist. */
function addLocalMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const day = d.getDate();
  d.setDate(1);
  d.setMonth(d.getMonth() + months);
  const lastDay = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
  d.setDate(Math.min(day, lastDay));
  return d.getTime();
}

function addLocalDays(ms: number, days: number): number {
  const d = new Date(ms);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

function startOfLocalMonth(ms: number, monthsAway = 0): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth() + monthsAway, 1).getTime();
}

/**
 * The range of a preset at `now`: the last 24 hours; the last 7 or 30 local
 * days; this month from its local start until now; the whole of last month;
 * the last 12 months (same local day and time a year ago).
 */
export function presetRange(preset: RangePreset, now: number): TimeRange {
  switch (preset) {
    case '24h':
      return { from: now - 24 * HOUR_MS, till: now };
    case '7d':
      return { from: addLocalDays(now, -7), till: now };
    case '30d':
      return { from: addLocalDays(now, -30), till: now };
    case 'this-month':
      return { from: startOfLocalMonth(now), till: now };
    case 'last-month':
      return { from: startOfLocalMonth(now, -1), till: startOfLocalMonth(now) };
    case '12m':
      return { from: addLocalMonths(now, -12), till: now };
  }
}

export function isRangePreset(text: string | null | undefined): text is RangePreset {
  return RANGE_PRESETS.some((p) => p === text);
}

/** The period just before: same length, ending where this one starts. */
export function previousPeriod(range: TimeRange): TimeRange {
  const length = range.till - range.from;
  return { from: range.from - length, till: range.from };
}

/*
 * The custom range's `datetime-local` values are read and written by the
 * app's one local-time module, with its rule for clock changes (a skipped
 * time is refused, a repeated one is the earlier instant).
 */
export { parseLocalDateTime, toLocalInputValue } from '../../../lib/local-time.ts';

/** i18n keys of what is wrong with a custom range. */
export type RangeProblem = 'signals.range.invalid' | 'signals.range.order';

/** Null when from < till are both numbers; otherwise the key of the message to show (and no request is sent). */
export function validateRange(from: number, till: number): RangeProblem | null {
  if (!Number.isFinite(from) || !Number.isFinite(till)) return 'signals.range.invalid';
  if (from >= till) return 'signals.range.order';
  return null;
}
