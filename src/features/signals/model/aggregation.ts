/*
 * besmart's `delta_t` (minutes) asks the server to aggregate. The automatic
 * choice aims at about one point per pixel column: the range divided by the
 * chart width, snapped UP to the next allowed step, so the server never sends
 * more points than there are columns. "Month" is a fixed 30 days (43,200
 * min): delta_t is a number of minutes, so calendar months cannot be asked for.
 */

const MINUTE_MS = 60_000;

/** The aggregation steps offered, in minutes: 15 min, hour, day, month (30 d). */
export const DELTA_T_STEPS = [15, 60, 1440, 43_200] as const;
export type DeltaTStep = (typeof DELTA_T_STEPS)[number];

/** What the user may choose: automatic, raw (no delta_t) or one step. */
export const DELTA_T_CHOICES = ['auto', 'raw', ...DELTA_T_STEPS] as const;
export type DeltaTChoice = (typeof DELTA_T_CHOICES)[number];

/** besmart's usual native step; pass the signal's own when known (1 for minute data). */
export const DEFAULT_NATIVE_STEP_MIN = 15;

/**
 * The automatic delta_t in minutes, or null (raw) when the signal's native
 * step already gives at most one point per column. A width below 1 px counts
 * as 1; a range that is not positive gives null.
 */
export function autoDeltaT(
  rangeMs: number,
  widthPx: number,
  nativeStepMin = DEFAULT_NATIVE_STEP_MIN,
): DeltaTStep | null {
  if (!Number.isFinite(rangeMs) || rangeMs <= 0) return null;
  const columns = Number.isFinite(widthPx) && widthPx >= 1 ? Math.floor(widthPx) : 1;
  const perColumnMin = rangeMs / columns / MINUTE_MS;
  const native = Number.isFinite(nativeStepMin) && nativeStepMin > 0 ? nativeStepMin : DEFAULT_NATIVE_STEP_MIN;
  if (native >= perColumnMin) return null;
  for (const step of DELTA_T_STEPS) if (step >= perColumnMin) return step;
  return DELTA_T_STEPS[DELTA_T_STEPS.length - 1] ?? null;
}

/** The delta_t to send for the user's choice: minutes, or null for raw data. */
export function resolveDeltaT(
  choice: DeltaTChoice,
  rangeMs: number,
  widthPx: number,
  nativeStepMin = DEFAULT_NATIVE_STEP_MIN,
): DeltaTStep | null {
  if (choice === 'auto') return autoDeltaT(rangeMs, widthPx, nativeStepMin);
  if (choice === 'raw') return null;
  return choice;
}

/** Reads a choice from the URL ('auto', 'raw', '15', '60', '1440', '43200'); anything else is 'auto'. */
export function parseDeltaTChoice(text: string | null | undefined): DeltaTChoice {
  return DELTA_T_CHOICES.find((c) => String(c) === text) ?? 'auto';
}
