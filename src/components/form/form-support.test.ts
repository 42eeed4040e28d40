import { z } from 'zod';
import { problem, readLocalTimeField } from './form-support.ts';

describe('readLocalTimeField', () => {
  const field = z.string().transform(readLocalTimeField);
  const messages = (raw: string) => field.safeParse(raw).error?.issues.map((i) => i.message) ?? [];

  it('reads a datetime-local value as local time', () => {
    expect(field.parse('2026-11-22T14:30')).toBe(new Date(2026, 10, 22, 14, 30).getTime());
  });

  it('asks for a date and time when the value is none', () => {
    expect(messages('yesterday')).toEqual([problem('edit.state.badDateTime')]);
  });

  it('says so when the clocks skip the time', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      expect(messages('2026-03-29T02:30')).toEqual([problem('edit.validation.skippedTime')]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
