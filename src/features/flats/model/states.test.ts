import { decodeMeterState, isErrorState, METER_STATES } from './states.ts';

describe('decodeMeterState', () => {
  it('decodes 0 as ok, keeping the server’s words', () => {
    expect(decodeMeterState({ number: 0, name: 'Ошибок нет' })).toEqual({
      kind: 'known',
      code: 0,
      key: 'ok',
      severity: 'ok',
      apiName: 'Ошибок нет',
    });
  });

  it.each([
    [1, 'open-circuit', 'error'],
    [2, 'short-circuit', 'error'],
    [3, 'over-consumption', 'warning'],
    [4, 'below-threshold', 'warning'],
    [5, 'above-threshold', 'warning'],
    [6, 'consumption-stopped', 'warning'],
    [7, 'interface-fault', 'error'],
    [8, 'invalid-value', 'error'],
    [9, 'magnetic-field', 'error'],
    [10, 'reverse-flow', 'error'],
  ] as const)('decodes %i as %s (%s)', (code, key, severity) => {
    expect(decodeMeterState({ number: code, name: 'что-то' })).toMatchObject({ kind: 'known', code, key, severity });
  });

  it('has a distinct key for every code 0–10', () => {
    expect(METER_STATES.map((s) => s.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(METER_STATES.map((s) => s.key)).size).toBe(11);
  });

  it('keeps the API’s name for an unknown code, as a warning', () => {
    expect(decodeMeterState({ number: 42, name: 'Разряд батареи счётчика' })).toEqual({
      kind: 'unknown',
      code: 42,
      key: null,
      severity: 'warning',
      apiName: 'Разряд батареи счётчика',
    });
    expect(decodeMeterState({ number: null, name: 'Странное' })).toMatchObject({ kind: 'unknown', code: null });
    expect(decodeMeterState({ number: 1.5, name: 'x' })).toMatchObject({ kind: 'unknown', severity: 'warning' });
  });

  it('treats a missing state as absent and fine', () => {
    expect(decodeMeterState(null)).toEqual({ kind: 'absent', code: null, key: null, severity: 'ok', apiName: '' });
    expect(decodeMeterState({ number: null, name: '' })).toMatchObject({ kind: 'absent', severity: 'ok' });
  });
});

describe('isErrorState', () => {
  it('is true only for error severities', () => {
    const errors = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((n) => isErrorState({ number: n, name: '' }));
    expect(errors).toEqual([1, 2, 7, 8, 9, 10]);
    expect(isErrorState({ number: 99, name: 'Неизвестно' })).toBe(false);
    expect(isErrorState(null)).toBe(false);
  });
});
