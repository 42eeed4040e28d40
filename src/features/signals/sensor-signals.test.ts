import { sensorStateSchema, signalTypeSchema, type SignalTypeWire } from '../../api/besmart/schemas.ts';
import { signalsOf } from './sensor-signals.ts';

const states = [
  sensorStateSchema.parse({
    sensor_state_id: 1,
    client_cid: 1,
    sensor_mid: 1,
    since: 0,
    till: null,
    meter_eid: null,
    signal_states: [32, 64, 99].map((moid) => ({
      signal_state_id: moid,
      signal_type_moid: moid,
      value_for_since: null,
      value_for_till: null,
    })),
  }),
];
const type = (moid: number, symbol: string, unit: string, extra: Partial<SignalTypeWire> = {}) =>
  signalTypeSchema.parse({ signal_type_moid: moid, symbol, unit_symbol: unit, ...extra });

describe('signalsOf', () => {
  it('on a current server (no is_incremental) reads energy counters as counters, from the unit', () => {
    const types = [type(32, 'A+', 'kW.h', { is_measurement: true, time_series_type: 1 }), type(64, 'P', 'kW')];
    expect(signalsOf(states, types).map((s) => [s.symbol, s.kind])).toEqual([
      ['A+', { kind: 'counter', source: 'unit' }],
      ['P', { kind: 'instant', source: 'unit' }],
      ['#99', { kind: 'instant', source: 'unit' }],
    ]);
  });

  it('takes is_incremental where a v0.1.5 server sends it', () => {
    const types = [type(32, 'A+', 'kW.h', { is_incremental: false }), type(64, 'P', 'kW', { is_incremental: true })];
    expect(signalsOf(states, types).map((s) => s.kind)).toEqual([
      { kind: 'instant', source: 'server' },
      { kind: 'counter', source: 'server' },
      { kind: 'instant', source: 'unit' },
    ]);
  });

  it('puts the operator’s choice first and keeps the automatic decision beside it', () => {
    const types = [type(32, 'A+', 'kW.h'), type(64, 'P', 'kW')];
    const [a, p] = signalsOf(states, types, (moid) => (moid === 32 ? 'instant' : null));
    expect([a?.kind, a?.auto]).toEqual([
      { kind: 'instant', source: 'operator' },
      { kind: 'counter', source: 'unit' },
    ]);
    expect(p?.kind).toEqual({ kind: 'instant', source: 'unit' });
  });
});
