import {
  batteryLevel,
  BATTERY_CRITICAL_BELOW_PERCENT,
  BATTERY_LOW_BELOW_PERCENT,
  DEFAULT_STALE_HOURS,
  isStale,
  SIGNAL_FAIR_MIN_DB,
  SIGNAL_GOOD_MIN_DB,
  signalBars,
  signalQuality,
} from './health.ts';

const HOUR = 60 * 60 * 1000;
const NOW = Date.UTC(2025, 0, 15, 9, 0);

describe('batteryLevel', () => {
  it('is critical below 20 %, low below 40 %, ok from 40 %', () => {
    expect([0, 19, 19.9, 20, 39, 39.9, 40, 100].map(batteryLevel)).toEqual([
      'critical',
      'critical',
      'critical',
      'low',
      'low',
      'low',
      'ok',
      'ok',
    ]);
    expect([BATTERY_CRITICAL_BELOW_PERCENT, BATTERY_LOW_BELOW_PERCENT]).toEqual([20, 40]);
  });

  it('is unknown without a reading', () => {
    expect(batteryLevel(null)).toBe('unknown');
    expect(batteryLevel(Number.NaN)).toBe('unknown');
  });
});

describe('signalQuality and signalBars', () => {
  it('is good at −67 dB or better, fair down to −80 dB, poor below', () => {
    expect([-30, -67, -67.5, -68, -80, -80.5, -81, -110].map(signalQuality)).toEqual([
      'good',
      'good',
      'fair',
      'fair',
      'fair',
      'poor',
      'poor',
      'poor',
    ]);
    expect([SIGNAL_GOOD_MIN_DB, SIGNAL_FAIR_MIN_DB]).toEqual([-67, -80]);
    expect(signalQuality(null)).toBe('unknown');
  });

  it('gives 4 bars for an excellent signal down to 1 for a poor one, 0 when unknown', () => {
    expect([-45, -55, -56, -67, -68, -80, -81, -95, null].map(signalBars)).toEqual([4, 4, 3, 3, 2, 2, 1, 1, 0]);
  });
});

describe('isStale', () => {
  it('is stale only when the last connection is older than the threshold', () => {
    expect(DEFAULT_STALE_HOURS).toBe(24);
    expect(isStale(NOW - 24 * HOUR, NOW)).toBe(false);
    expect(isStale(NOW - 24 * HOUR - 1, NOW)).toBe(true);
    expect(isStale(NOW - 3 * HOUR, NOW)).toBe(false);
    expect(isStale(NOW + HOUR, NOW)).toBe(false);
  });

  it('follows a threshold the user chose', () => {
    expect(isStale(NOW - 3 * HOUR, NOW, 2)).toBe(true);
    expect(isStale(NOW - 2 * HOUR, NOW, 2)).toBe(false);
    expect(isStale(NOW - 72 * HOUR, NOW, 96)).toBe(false);
  });

  it('counts an unknown last connection as stale', () => {
    expect(isStale(null, NOW)).toBe(true);
  });
});
