import { timeTickFormat } from './ticks.ts';

const DAY = 86_400_000;

describe('time axis ticks', () => {
  it('label clock times up to two days, days up to 90 days, months beyond', () => {
    expect(timeTickFormat(DAY)).toEqual({ hour: '2-digit', minute: '2-digit' });
    expect(timeTickFormat(2 * DAY)).toEqual({ hour: '2-digit', minute: '2-digit' });
    expect(timeTickFormat(7 * DAY)).toEqual({ day: 'numeric', month: 'short' });
    expect(timeTickFormat(90 * DAY)).toEqual({ day: 'numeric', month: 'short' });
    expect(timeTickFormat(365 * DAY)).toEqual({ month: 'short', year: '2-digit' });
  });
});
