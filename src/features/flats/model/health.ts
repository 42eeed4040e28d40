/* Controller (УСПД) health: battery, Wi-Fi signal, and how long since it last called in. */

/** Battery below this percentage is critical. */
export const BATTERY_CRITICAL_BELOW_PERCENT = 20;
/** Battery below this percentage (and not critical) is low. */
export const BATTERY_LOW_BELOW_PERCENT = 40;
/** Signal at or above this (dB) is good. */
export const SIGNAL_GOOD_MIN_DB = -67;
/** Signal at or above this (dB), and below good, is fair; below it, poor. */
export const SIGNAL_FAIR_MIN_DB = -80;
/** Signal at or above this (dB) earns the fourth bar. */
export const SIGNAL_FULL_BARS_MIN_DB = -55;
/** A controller that has not called in for longer than this is stale, unless the user sets another threshold. */
export const DEFAULT_STALE_HOURS = 24;

const HOUR_MS = 60 * 60 * 1000;

export type BatteryLevel = 'critical' | 'low' | 'ok' | 'unknown';
export type SignalQuality = 'good' | 'fair' | 'poor' | 'unknown';
export type SignalBars = 0 | 1 | 2 | 3 | 4;

export function batteryLevel(percent: number | null): BatteryLevel {
  if (percent === null || Number.isNaN(percent)) return 'unknown';
  if (percent < BATTERY_CRITICAL_BELOW_PERCENT) return 'critical';
  if (percent < BATTERY_LOW_BELOW_PERCENT) return 'low';
  return 'ok';
}

export function signalQuality(rssiDb: number | null): SignalQuality {
  if (rssiDb === null || Number.isNaN(rssiDb)) return 'unknown';
  if (rssiDb >= SIGNAL_GOOD_MIN_DB) return 'good';
  if (rssiDb >= SIGNAL_FAIR_MIN_DB) return 'fair';
  return 'poor';
}

/** Bars for a signal icon: 4 excellent, 3 good, 2 fair, 1 poor, 0 unknown. Never contradicts `signalQuality`. */
export function signalBars(rssiDb: number | null): SignalBars {
  switch (signalQuality(rssiDb)) {
    case 'unknown':
      return 0;
    case 'poor':
      return 1;
    case 'fair':
      return 2;
    case 'good':
      return rssiDb !== null && rssiDb >= SIGNAL_FULL_BARS_MIN_DB ? 4 : 3;
  }
}

/**
 * True when the last connection (UTC epoch ms) is more than `thresholdHours`
 * before `now`. Exactly at the threshold is not yet stale. An unknown last
 * connection (none sent, or unreadable) counts as stale.
 */
export function isStale(lastConnectionMs: number | null, now: number, thresholdHours = DEFAULT_STALE_HOURS): boolean {
  if (lastConnectionMs === null) return true;
  return now - lastConnectionMs > thresholdHours * HOUR_MS;
}
