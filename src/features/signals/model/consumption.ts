/*
 * Incremental (cumulative) signals, such as A+ kWh, shown as consumption per
 * interval: each finite reading minus the previous finite reading, i.e. the
 * consumption in (previous reading, this reading].
 *
 * - No previous reading (the first finite point in the data): NaN, unknown;
 *   except at a state start, below.
 * - NaN stays NaN, and the next finite reading is differenced against the last
 *   finite one before the NaN (the consumption over the gap lands there).
 * - State boundary (sensor state `since`: a meter swap): a reading whose
 *   previous reading lies before the latest `since` (or, for the first point,
 *   a `since` at or after `from`) belongs to a new meter, so it is measured
 *   from the new state's start: reading − valueForSince. Without a
 *   valueForSince the interval is unknown (NaN): a replacement meter need not
 *   start at 0, and guessing could draw a spike of its whole reading. The old
 *   meter's last part (previous reading → swap) is not counted.
 * - Counter reset: a reading lower than the previous one, not at a boundary,
 *   means the counter restarted from 0, so the consumption is the reading
 *   itself.
 */

export interface StateBoundary {
  /** Start of the sensor state, ms since epoch (inclusive). */
  since: number;
  /** Counter reading at since (the signal state's value_for_since), null when unknown. */
  valueForSince: number | null;
}

export interface ConsumptionOptions {
  /**
   * Start of the requested range. A state starting at or after it starts
   * within the data, so its first reading is measured from valueForSince even
   * with no reading before. Defaults to the first time in the series.
   */
  from?: number;
}

export function toConsumption(
  time: Float64Array,
  value: Float64Array,
  boundaries: readonly StateBoundary[],
  options: ConsumptionOptions = {},
): { time: Float64Array; value: Float64Array } {
  const n = Math.min(time.length, value.length);
  const outTime = time.slice(0, n);
  const out = new Float64Array(n).fill(Number.NaN);
  const sorted = boundaries.filter((b) => Number.isFinite(b.since)).sort((a, b) => a.since - b.since);
  const from = options.from ?? time[0] ?? Number.NEGATIVE_INFINITY;

  // The latest boundary with since ≤ the current time, and when the next one starts.
  let b = -1;
  let since = Number.NEGATIVE_INFINITY;
  let start = Number.NaN;
  let hasStart = false;
  let nextSince = sorted[0]?.since ?? Number.POSITIVE_INFINITY;
  let prevTime = Number.NaN;
  let prevValue = Number.NaN;
  let hasPrev = false;
  for (let i = 0; i < n; i++) {
    const t = time[i] ?? Number.NaN;
    while (nextSince <= t) {
      b++;
      const boundary = sorted[b];
      since = boundary?.since ?? Number.NEGATIVE_INFINITY;
      start = boundary?.valueForSince ?? Number.NaN;
      hasStart = true;
      nextSince = sorted[b + 1]?.since ?? Number.POSITIVE_INFINITY;
    }
    const v = value[i] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    if (hasStart && (hasPrev ? since > prevTime : since >= from)) out[i] = v - start;
    else if (hasPrev) out[i] = v >= prevValue ? v - prevValue : v;
    prevTime = t;
    prevValue = v;
    hasPrev = true;
  }
  return { time: outTime, value: out };
}
