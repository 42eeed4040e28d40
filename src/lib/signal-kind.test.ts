// @vitest-environment jsdom
import { chooseKind, chosenKind, decideKind, isCounterUnit, kindFromType } from './signal-kind.ts';

describe('signal kind', () => {
  it('counts energy, volume and heat units as counters, and power or temperature not', () => {
    for (const u of ['kW.h', 'Wh', 'kWh', 'MW.h', 'kvar.h', 'varh', 'm3', 'm³', 'l', 'Gcal', 'GJ']) {
      expect(isCounterUnit(u), u).toBe(true);
    }
    for (const u of ['kW', 'W', 'V', 'A', '°C', 'Hz', 'kvar', '', 'dB']) expect(isCounterUnit(u), u).toBe(false);
  });

  it('takes is_incremental where the server sends it, else the unit', () => {
    expect(kindFromType({ is_incremental: false, unit_symbol: 'kW.h' })).toEqual({ kind: 'instant', source: 'server' });
    expect(kindFromType({ is_incremental: true, unit_symbol: 'kW' })).toEqual({ kind: 'counter', source: 'server' });
    expect(kindFromType({ is_incremental: null, unit_symbol: 'kW.h' })).toEqual({ kind: 'counter', source: 'unit' });
    expect(kindFromType({ is_incremental: null, unit_symbol: 'kW' })).toEqual({ kind: 'instant', source: 'unit' });
  });

  it('puts the operator’s choice first and remembers it per sensor signal', () => {
    localStorage.clear();
    const a = { client_cid: 1, sensor_mid: 1, signal_type_moid: 32 };
    const b = { client_cid: 1, sensor_mid: 2, signal_type_moid: 32 };
    chooseKind(a, 'instant');
    expect(chosenKind(a)).toBe('instant');
    expect(chosenKind(b)).toBeNull();
    expect(decideKind({ is_incremental: true, unit_symbol: 'kW.h' }, chosenKind(a))).toEqual({
      kind: 'instant',
      source: 'operator',
    });
    chooseKind(a, null);
    expect(chosenKind(a)).toBeNull();
  });

  it('ignores unreadable stored choices', () => {
    localStorage.setItem('meterdeck.signalKinds', '{"1.1.32":"sometimes","1.1.33":"counter"');
    expect(chosenKind({ client_cid: 1, sensor_mid: 1, signal_type_moid: 32 })).toBeNull();
    localStorage.setItem('meterdeck.signalKinds', '{"1.1.32":"sometimes","1.1.33":"counter"}');
    expect(chosenKind({ client_cid: 1, sensor_mid: 1, signal_type_moid: 33 })).toBe('counter');
    expect(chosenKind({ client_cid: 1, sensor_mid: 1, signal_type_moid: 32 })).toBeNull();
  });
});
