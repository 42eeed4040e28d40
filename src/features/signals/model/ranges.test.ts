import {
  isRangePreset,
  parseLocalDateTime,
  presetRange,
  previousPeriod,
  RANGE_PRESETS,
  toLocalInputValue,
  validateRange,
} from './ranges.ts';

/*
 * Expectations are built with Date's local constructor and getters, so the
 * tests hold in any time zone (run them with TZ=Europe/Warsaw or
 * TZ=America/Santiago to cross daylight-saving changes).
 */
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();
const parts = (ms: number) => {
  const d = new Date(ms);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];
};

describe('presetRange', () => {
  const now = local(2026, 3, 31, 10, 15);

  it('24 h is exactly 24 hours back', () => {
    expect(presetRange('24h', now)).toEqual({ from: now - 86_400_000, till: now });
  });

  it('7 d and 30 d are local days back, at the same local time', () => {
    expect(parts(presetRange('7d', now).from)).toEqual([2026, 3, 24, 10, 15]);
    expect(parts(presetRange('30d', now).from)).toEqual([2026, 3, 1, 10, 15]);
    expect(presetRange('7d', now).till).toBe(now);
  });

  it('this month runs from local midnight of the 1st until now; last month is the whole month', () => {
    expect(presetRange('this-month', now)).toEqual({ from: local(2026, 3, 1), till: now });
    expect(presetRange('last-month', now)).toEqual({ from: local(2026, 2, 1), till: local(2026, 3, 1) });
    const january = local(2026, 1, 5, 8);
    expect(presetRange('last-month', january)).toEqual({ from: local(2025, 12, 1), till: local(2026, 1, 1) });
  });

  it('12 months go back to the same local day and time, or the last day of a shorter month', () => {
    expect(parts(presetRange('12m', now).from)).toEqual([2025, 3, 31, 10, 15]);
    expect(parts(presetRange('12m', local(2028, 2, 29, 12)).from)).toEqual([2027, 2, 28, 12, 0]);
  });

  it('gives from < till for every preset', () => {
    for (const p of RANGE_PRESETS) {
      const r = presetRange(p, now);
      expect(r.from).toBeLessThan(r.till);
    }
  });
});

describe('isRangePreset', () => {
  it('knows the presets', () => {
    expect(isRangePreset('7d')).toBe(true);
    expect(isRangePreset('8d')).toBe(false);
    expect(isRangePreset(null)).toBe(false);
  });
});

describe('previousPeriod', () => {
  it('has the same length and ends where the range starts', () => {
    expect(previousPeriod({ from: 1000, till: 1600 })).toEqual({ from: 400, till: 1000 });
  });
});

describe('parseLocalDateTime / toLocalInputValue', () => {
  it('reads a datetime-local value as local time', () => {
    expect(parseLocalDateTime('2026-11-22T14:30')).toBe(local(2026, 11, 22, 14, 30));
    expect(parseLocalDateTime('2026-11-22T14:30:15')).toBe(local(2026, 11, 22, 14, 30, 15));
    expect(parseLocalDateTime('2026-11-22T14:30:15.5')).toBe(local(2026, 11, 22, 14, 30, 15) + 500);
  });

  it('gives NaN for what is not a date and time', () => {
    for (const bad of [
      '',
      '2026-11-22',
      '2026-13-01T00:00',
      '2026-02-29T10:00',
      '2026-11-22T24:00',
      'x',
      '2026-11-22 14:30',
    ])
      expect(parseLocalDateTime(bad)).toBeNaN();
    expect(parseLocalDateTime('2028-02-29T10:00')).toBe(local(2028, 2, 29, 10));
  });

  it('writes local time back in the same form', () => {
    expect(toLocalInputValue(local(2026, 1, 2, 3, 4))).toBe('2026-01-02T03:04');
    expect(toLocalInputValue(local(2026, 1, 2, 3, 4, 5))).toBe('2026-01-02T03:04:05');
    expect(toLocalInputValue(Number.NaN)).toBe('');
    const ms = local(2026, 11, 22, 14, 30);
    expect(parseLocalDateTime(toLocalInputValue(ms))).toBe(ms);
  });
});

describe('validateRange', () => {
  it('asks for numbers and from before till', () => {
    expect(validateRange(1, 2)).toBeNull();
    expect(validateRange(2, 2)).toBe('signals.range.order');
    expect(validateRange(3, 2)).toBe('signals.range.order');
    expect(validateRange(Number.NaN, 2)).toBe('signals.range.invalid');
    expect(validateRange(1, Number.POSITIVE_INFINITY)).toBe('signals.range.invalid');
  });
});
