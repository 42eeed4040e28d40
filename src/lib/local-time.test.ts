import {
  localPartsToMs,
  parseLocalDateTime,
  readLocalDateTime,
  readLocalParts,
  toLocalInputValue,
} from './local-time.ts';

/**
 * Runs `body` with the process in time zone `zone`. Node rereads TZ when it
 * is assigned, so Date's local getters and setters follow at once.
 */
function inZone(zone: string, body: () => void): void {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    body();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('local date-times, in any zone', () => {
  const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();

  it('reads a datetime-local value as local time, seconds and milliseconds optional', () => {
    expect(parseLocalDateTime('2026-11-22T14:30')).toBe(local(2026, 11, 22, 14, 30));
    expect(parseLocalDateTime(' 2026-11-22T14:30:15 ')).toBe(local(2026, 11, 22, 14, 30, 15));
    expect(parseLocalDateTime('2026-11-22T14:30:15.5')).toBe(local(2026, 11, 22, 14, 30, 15) + 500);
    expect(parseLocalDateTime('2028-02-29T10:00')).toBe(local(2028, 2, 29, 10));
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of [
      '',
      'x',
      '2026-11-22',
      '2026-11-22 14:30',
      '2026-13-01T00:00',
      '2026-02-29T10:00',
      '2026-04-31T10:00',
      '2026-11-22T24:00',
      '2026-11-22T12:60',
      '2026-11-22T12:00:60',
    ]) {
      expect(parseLocalDateTime(bad)).toBeNaN();
      expect(readLocalDateTime(bad)).toEqual({ ok: false, problem: 'invalid' });
    }
  });

  it('reads years before 100 as written, not as 19xx', () => {
    expect(new Date(parseLocalDateTime('0050-06-01T12:00')).getFullYear()).toBe(50);
  });

  it('writes local time back in the same form, seconds only when not zero', () => {
    expect(toLocalInputValue(local(2026, 1, 2, 3, 4))).toBe('2026-01-02T03:04');
    expect(toLocalInputValue(local(2026, 1, 2, 3, 4, 5))).toBe('2026-01-02T03:04:05');
    expect(toLocalInputValue(Number.NaN)).toBe('');
    expect(toLocalInputValue(Number.POSITIVE_INFINITY)).toBe('');
    const ms = local(2026, 11, 22, 14, 30);
    expect(parseLocalDateTime(toLocalInputValue(ms))).toBe(ms);
  });

  it('takes parts as well as text', () => {
    expect(localPartsToMs({ year: 2026, month: 11, day: 22, hour: 14, minute: 30 })).toBe(local(2026, 11, 22, 14, 30));
    expect(localPartsToMs({ year: 2026, month: 2, day: 30, hour: 0, minute: 0 })).toBeNaN();
    expect(readLocalParts({ year: 2026, month: 1, day: 1, hour: 0, minute: 0.5 })).toEqual({
      ok: false,
      problem: 'invalid',
    });
  });
});

describe('clock changes: a skipped time is refused, a repeated time is the earlier instant', () => {
  it('Europe/Berlin, spring forward at 02:00 on 29 March 2026', () => {
    inZone('Europe/Berlin', () => {
      expect(readLocalDateTime('2026-03-29T02:30')).toEqual({ ok: false, problem: 'skipped' });
      expect(parseLocalDateTime('2026-03-29T02:00')).toBeNaN();
      expect(parseLocalDateTime('2026-03-29T02:59:59')).toBeNaN();
      expect(parseLocalDateTime('2026-03-29T01:59')).toBe(Date.UTC(2026, 2, 29, 0, 59));
      expect(parseLocalDateTime('2026-03-29T03:00')).toBe(Date.UTC(2026, 2, 29, 1, 0));
      // The instants either side of the gap are one minute apart, and write back as they were typed.
      expect(toLocalInputValue(Date.UTC(2026, 2, 29, 1, 0))).toBe('2026-03-29T03:00');
      expect(toLocalInputValue(Date.UTC(2026, 2, 29, 0, 59))).toBe('2026-03-29T01:59');
    });
  });

  it('Europe/Berlin, fall back at 03:00 on 25 October 2026', () => {
    inZone('Europe/Berlin', () => {
      // 02:30 happens twice: first in summer time (UTC+2), then in winter time (UTC+1).
      expect(parseLocalDateTime('2026-10-25T02:30')).toBe(Date.UTC(2026, 9, 25, 0, 30));
      expect(toLocalInputValue(Date.UTC(2026, 9, 25, 0, 30))).toBe('2026-10-25T02:30');
      expect(toLocalInputValue(Date.UTC(2026, 9, 25, 1, 30))).toBe('2026-10-25T02:30');
      expect(parseLocalDateTime('2026-10-25T03:00')).toBe(Date.UTC(2026, 9, 25, 2, 0));
    });
  });

  it('America/New_York, spring forward at 02:00 on 8 March 2026', () => {
    inZone('America/New_York', () => {
      expect(readLocalDateTime('2026-03-08T02:30')).toEqual({ ok: false, problem: 'skipped' });
      expect(parseLocalDateTime('2026-03-08T03:30')).toBe(Date.UTC(2026, 2, 8, 7, 30));
      expect(parseLocalDateTime('2026-11-01T01:30')).toBe(Date.UTC(2026, 10, 1, 5, 30));
    });
  });

  it('America/Santiago, where the clocks skip midnight (6 September 2026)', () => {
    inZone('America/Santiago', () => {
      expect(readLocalDateTime('2026-09-06T00:00')).toEqual({ ok: false, problem: 'skipped' });
      expect(parseLocalDateTime('2026-09-06T00:30')).toBeNaN();
      expect(parseLocalDateTime('2026-09-06T01:00')).toBe(Date.UTC(2026, 8, 6, 4, 0));
      expect(parseLocalDateTime('2026-09-05T23:30')).toBe(Date.UTC(2026, 8, 6, 3, 30));
    });
  });

  it('Australia/Lord_Howe, where the clocks move half an hour (4 October 2026)', () => {
    inZone('Australia/Lord_Howe', () => {
      expect(readLocalDateTime('2026-10-04T02:15')).toEqual({ ok: false, problem: 'skipped' });
      expect(parseLocalDateTime('2026-10-04T02:30')).toBe(Date.UTC(2026, 9, 3, 15, 30));
    });
  });

  it('a zone without clock changes skips nothing', () => {
    inZone('Asia/Kolkata', () => {
      expect(parseLocalDateTime('2026-03-29T02:30')).toBe(Date.UTC(2026, 2, 28, 21, 0));
    });
  });
});
