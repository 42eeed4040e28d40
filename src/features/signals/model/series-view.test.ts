import { sensorStateSchema, type SensorStateWire } from '../../../api/besmart/schemas.ts';
import {
  countNonNumeric,
  hasOtherOrigin,
  pickAt,
  signalBoundaries,
  splitByOrigin,
  stateBoundaries,
} from './series-view.ts';

const N = Number.NaN;
const f = (xs: number[]) => Float64Array.from(xs);

/** The segments a line draws: pairs of consecutive finite values, by raw position. */
function segments(values: Float64Array, index: Uint32Array): string[] {
  const out: string[] = [];
  for (let k = 1; k < values.length; k++) {
    if (!Number.isNaN(values[k - 1]) && !Number.isNaN(values[k]) && index[k - 1] !== index[k])
      out.push(`${index[k - 1]}-${index[k]}`);
  }
  return out;
}

describe('splitByOrigin', () => {
  it('splits by origin, repeating the point before each change of kind in the new kind', () => {
    const time = f([0, 1, 2, 3, 4, 5, 6]);
    const value = f([10, 11, 12, 13, 14, 15, 16]);
    const origin = Uint8Array.from([1, 1, 2, 2, 1, 1, 3]);
    const out = splitByOrigin(time, value, origin);
    expect(Array.from(out.time)).toEqual([0, 1, 1, 2, 3, 3, 4, 5, 5, 6]);
    expect(Array.from(out.index)).toEqual([0, 1, 1, 2, 3, 3, 4, 5, 5, 6]);
    expect(Array.from(out.measured)).toEqual([10, 11, N, N, N, 13, 14, 15, N, N]);
    expect(Array.from(out.other)).toEqual([N, N, 11, 12, 13, N, N, N, 15, 16]);
  });

  it('draws every segment exactly once, in the kind of the point it leads to', () => {
    const origin = Uint8Array.from([2, 1, 1, 2, 1, 2, 2, 1, 3, 1]);
    const value = f([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const out = splitByOrigin(f([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), value, origin);
    const expected = (measured: boolean) =>
      Array.from(origin)
        .map((o, i) => (i > 0 && (o === 1) === measured ? `${i - 1}-${i}` : ''))
        .filter((s) => s !== '');
    expect(segments(out.measured, out.index)).toEqual(expected(true));
    expect(segments(out.other, out.index)).toEqual(expected(false));
  });

  it('keeps NaN and treats a missing origin as measured', () => {
    const out = splitByOrigin(f([0, 1, 2]), f([1, N, 3]), []);
    expect(Array.from(out.measured)).toEqual([1, N, 3]);
    expect(Array.from(out.other)).toEqual([N, N, N]);
  });
});

describe('hasOtherOrigin, countNonNumeric, pickAt', () => {
  it('tells whether any point is not measured', () => {
    expect(hasOtherOrigin(Uint8Array.from([1, 1]))).toBe(false);
    expect(hasOtherOrigin(Uint8Array.from([1, 2]))).toBe(true);
  });

  it('counts the NaN values', () => {
    expect(countNonNumeric(f([1, N, 2, N, N]))).toBe(3);
    expect(countNonNumeric(f([]))).toBe(0);
  });

  it('picks values at raw positions', () => {
    expect(Array.from(pickAt(Uint8Array.from([1, 2, 3, 1]), Uint32Array.from([0, 2, 3])))).toEqual([1, 3, 1]);
  });
});

const state = (since: number, till: number | null, signals: SensorStateWire['signal_states'] = []) =>
  sensorStateSchema.parse({
    sensor_state_id: since,
    client_cid: 1,
    sensor_mid: 1,
    since,
    till,
    meter_eid: null,
    signal_states: signals,
  } satisfies SensorStateWire);

describe('stateBoundaries', () => {
  it('gives the since times inside [from, till), sorted', () => {
    const states = [state(5000, null), state(100, 2000), state(2000, 5000)];
    expect(stateBoundaries(states, 1000, 6000)).toEqual([2000, 5000]);
    expect(stateBoundaries(states, 2000, 5000)).toEqual([2000]);
    expect(stateBoundaries([], 0, 1)).toEqual([]);
  });
});

describe('signalBoundaries', () => {
  it('takes value_for_since of the signal, or null', () => {
    const sig = (moid: number, v: number | null) => ({
      signal_state_id: moid,
      signal_type_moid: moid,
      value_for_since: v,
      value_for_till: null,
      info: null,
    });
    const states = [state(0, 10, [sig(32, 100), sig(33, 7)]), state(10, null, [sig(33, 1)])];
    expect(signalBoundaries(states, 32)).toEqual([
      { since: 0, valueForSince: 100 },
      { since: 10, valueForSince: null },
    ]);
    expect(signalBoundaries(states, 33).map((b) => b.valueForSince)).toEqual([7, 1]);
  });
});
