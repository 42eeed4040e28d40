import { flatSchema, meterSchema, sensorSchema, type WireMeter } from '../../../api/saures/schemas.ts';
import { activeLeaks, isActiveLeak, isLeakSensor } from './leaks.ts';

function meter(type: number, typeName: string, name: string | null, value: string, sn = 'M'): WireMeter {
  return { meter_name: name, value, sn, type: { number: type, name: typeName } };
}
const parse = (m: WireMeter) => meterSchema.parse(m);

describe('isLeakSensor', () => {
  it('is true for every type-4 meter, whatever its name', () => {
    expect(isLeakSensor(parse(meter(4, 'Протечка', '', '0')))).toBe(true);
    expect(isLeakSensor(parse(meter(4, 'Протечка', 'Ванная', '0')))).toBe(true);
  });

  it('is true for a type-9 contact whose name says leak or протечка, in any case or form', () => {
    for (const name of ['Протечка', 'протечки / Кухня', 'ДАТЧИК ПРОТЕЧКИ', 'Leak sensor', 'kitchen LEAK']) {
      expect(isLeakSensor(parse(meter(9, 'Сухой контакт', name, '0'))), name).toBe(true);
    }
  });

  it('uses the type name of a type-9 contact without a name', () => {
    expect(isLeakSensor(parse(meter(9, 'Протечка', '', '0')))).toBe(true);
    expect(isLeakSensor(parse(meter(9, 'Сухой контакт', null, '0')))).toBe(false);
  });

  it('is false for a type-9 contact about something else, and for other types named like a leak', () => {
    expect(isLeakSensor(parse(meter(9, 'Сухой контакт', 'Дверь', '1')))).toBe(false);
    expect(isLeakSensor(parse(meter(1, 'Холодная вода', 'Протечка?', '1')))).toBe(false);
  });
});

describe('isActiveLeak', () => {
  it('is a leak sensor reading 1', () => {
    expect(isActiveLeak(parse(meter(4, 'Протечка', '', '1')))).toBe(true);
    expect(isActiveLeak(parse(meter(4, 'Протечка', '', '0')))).toBe(false);
    expect(isActiveLeak(parse(meter(9, 'Сухой контакт', 'Протечка', '1')))).toBe(true);
    expect(isActiveLeak(parse(meter(9, 'Сухой контакт', 'Дверь', '1')))).toBe(false);
    expect(isActiveLeak(parse(meter(4, 'Протечка', '', '')))).toBe(false);
  });

  it('reads a leak sensor that sends its reading only in vals', () => {
    expect(isActiveLeak(parse({ ...meter(4, 'Протечка', '', ''), vals: [{ type: 'T1', value: '1' }] }))).toBe(true);
    expect(isActiveLeak(parse({ ...meter(4, 'Протечка', '', ''), vals: ['0'] }))).toBe(false);
  });
});

describe('activeLeaks', () => {
  it('names the flat, the controller and the meter of every leak, skipping flats still loading', () => {
    const kitchen = flatSchema.parse({ id: 1, house: 'Дом 1', number: '5' });
    const office = flatSchema.parse({ id: 2, house: 'Дом 2', number: 'офис 1' });
    const loading = flatSchema.parse({ id: 3, house: 'Дом 3', number: '7' });
    const sensor = sensorSchema.parse({
      sn: 'C-1',
      meters: [meter(4, 'Протечка', 'Кухня', '1', 'L-1'), meter(9, 'Сухой контакт', 'Дверь', '1', 'D-1')],
    });
    const quiet = sensorSchema.parse({ sn: 'C-2', meters: [meter(4, 'Протечка', '', '0', 'L-2')] });
    const contact = sensorSchema.parse({ sn: 'C-3', meters: [meter(9, 'Сухой контакт', 'Протечка', '1', 'L-3')] });
    const leaks = activeLeaks([
      { flat: kitchen, sensors: [sensor, quiet] },
      { flat: loading, sensors: undefined },
      { flat: office, sensors: [contact] },
    ]);
    expect(leaks.map((l) => [l.flat.id, l.sensor.sn, l.meter.sn])).toEqual([
      [1, 'C-1', 'L-1'],
      [2, 'C-3', 'L-3'],
    ]);
    expect(activeLeaks([{ flat: kitchen, sensors: [quiet] }])).toEqual([]);
  });
});
