import { autoDeltaT, DELTA_T_CHOICES, parseDeltaTChoice, resolveDeltaT } from './aggregation.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('autoDeltaT', () => {
  it('is raw while the native step gives at most one point per column', () => {
    // 24 h of 15-min data = 96 points on 1000 px.
    expect(autoDeltaT(DAY, 1000)).toBeNull();
    // 10 days on 960 px: exactly one 15-min point per column.
    expect(autoDeltaT(10 * DAY, 960)).toBeNull();
    // A week of minute data on 1000 px: 10 min per column > 1 min native → 15 min.
    expect(autoDeltaT(7 * DAY, 1000, 1)).toBe(15);
    // A day of minute data on 1440 px: exactly one point per column.
    expect(autoDeltaT(DAY, 1440, 1)).toBeNull();
  });

  it('snaps the per-column step up to 15 min, 1 h, 1 d or a month', () => {
    // 10 days + 1 min on 960 px: a hair over 15 min per column → 1 h.
    expect(autoDeltaT(10 * DAY + MIN, 960)).toBe(60);
    // 30 days on 1000 px: 43.2 min → 1 h.
    expect(autoDeltaT(30 * DAY, 1000)).toBe(60);
    // 30 days on 720 px: exactly 60 min per column.
    expect(autoDeltaT(30 * DAY, 720)).toBe(60);
    // A year on 1000 px: 525.6 min → 1 d.
    expect(autoDeltaT(365 * DAY, 1000)).toBe(1440);
    // Ten years on 1000 px: 5256 min → a month.
    expect(autoDeltaT(3650 * DAY, 1000)).toBe(43_200);
    // A thousand years on 100 px: still a month, the coarsest step.
    expect(autoDeltaT(365_000 * DAY, 100)).toBe(43_200);
  });

  it('never asks for a step finer than the native one', () => {
    // Hourly data over 90 days on 1000 px: 129.6 min per column → 1 d.
    expect(autoDeltaT(90 * DAY, 1000, 60)).toBe(1440);
    expect(autoDeltaT(30 * DAY, 1000, 60)).toBeNull();
  });

  it('copes with odd widths and ranges', () => {
    expect(autoDeltaT(0, 1000)).toBeNull();
    expect(autoDeltaT(-DAY, 1000)).toBeNull();
    expect(autoDeltaT(Number.NaN, 1000)).toBeNull();
    // No width yet (chart not measured): one column.
    expect(autoDeltaT(DAY, 0)).toBe(1440);
    expect(autoDeltaT(DAY, Number.NaN)).toBe(1440);
  });
});

describe('resolveDeltaT', () => {
  it('follows the override, or the automatic choice', () => {
    expect(resolveDeltaT('auto', 365 * DAY, 1000, 15)).toBe(1440);
    expect(resolveDeltaT('raw', 365 * DAY, 1000, 15)).toBeNull();
    expect(resolveDeltaT(60, DAY, 1000, 15)).toBe(60);
    expect(resolveDeltaT(43_200, DAY, 1000)).toBe(43_200);
  });
});

describe('parseDeltaTChoice', () => {
  it('reads every choice back from its text and falls back to auto', () => {
    expect(DELTA_T_CHOICES.map((c) => parseDeltaTChoice(String(c)))).toEqual([...DELTA_T_CHOICES]);
    expect(parseDeltaTChoice('30')).toBe('auto');
    expect(parseDeltaTChoice(null)).toBe('auto');
    expect(parseDeltaTChoice('')).toBe('auto');
  });
});
