import { meterSchema, type WireMeter } from '../../../api/saures/schemas.ts';
import { decodeReading, decodeTariffs, meterDisplayName } from './units.ts';

const TYPE_NAMES: Record<number, string> = {
  1: 'Холодная вода',
  11: 'Тепло, кВт·ч',
  13: 'Тепло, Гкал',
  14: 'Давление',
};

function meter(type: number | null, value: WireMeter['value'], extra: Partial<WireMeter> = {}) {
  return meterSchema.parse({
    meter_name: '',
    value,
    sn: 'X-1',
    type: type === null ? null : { number: type, name: TYPE_NAMES[type] ?? `Тип ${type}` },
    ...extra,
  });
}

describe('decodeReading', () => {
  it('reads water and gas (types 1–3) as litres and gives m³', () => {
    expect(decodeReading(meter(1, '135494'))).toEqual({ kind: 'volume', m3: 135.494, litres: 135494 });
    expect(decodeReading(meter(2, 99896))).toEqual({ kind: 'volume', m3: 99.896, litres: 99896 });
    expect(decodeReading(meter(3, '500'))).toEqual({ kind: 'volume', m3: 0.5, litres: 500 });
  });

  it('reads heat and electricity (types 7–8) as Wh and gives kWh', () => {
    expect(decodeReading(meter(8, '4803080'))).toEqual({ kind: 'energy', kWh: 4803.08, wh: 4803080 });
    expect(decodeReading(meter(7, '1500'))).toEqual({ kind: 'energy', kWh: 1.5, wh: 1500 });
  });

  it('reads temperature (type 5) in °C, negatives included', () => {
    expect(decodeReading(meter(5, '25.6'))).toEqual({ kind: 'temperature', celsius: 25.6 });
    expect(decodeReading(meter(5, '-3,5'))).toEqual({ kind: 'temperature', celsius: -3.5 });
  });

  it('reads a leak sensor (type 4) and a dry contact (type 9) as booleans', () => {
    expect(decodeReading(meter(4, '0'))).toEqual({ kind: 'leak', leak: false });
    expect(decodeReading(meter(4, '1'))).toEqual({ kind: 'leak', leak: true });
    expect(decodeReading(meter(9, '0'))).toEqual({ kind: 'contact', active: false });
    expect(decodeReading(meter(9, 1))).toEqual({ kind: 'contact', active: true });
  });

  it('decodes valve state (type 10): 0 no module, 1 unknown, 2 open, 3 closed', () => {
    const states = ['0', '1', '2', '3'].map((v) => decodeReading(meter(10, v)));
    expect(states).toEqual([
      { kind: 'valve', state: 'no-module' },
      { kind: 'valve', state: 'unknown' },
      { kind: 'valve', state: 'open' },
      { kind: 'valve', state: 'closed' },
    ]);
  });

  it('decodes valve control (type 6) as a command: 0 open («открыться»), 1 close («закрыться»)', () => {
    expect(decodeReading(meter(6, '0'))).toEqual({ kind: 'valve-command', command: 'open' });
    expect(decodeReading(meter(6, 1))).toEqual({ kind: 'valve-command', command: 'close' });
  });

  it('keeps out-of-range codes of leak, contact and valve as raw values', () => {
    expect(decodeReading(meter(4, '2'))).toMatchObject({ kind: 'raw', value: 2, raw: '2', typeNumber: 4 });
    expect(decodeReading(meter(9, '0.5'))).toMatchObject({ kind: 'raw', value: 0.5 });
    expect(decodeReading(meter(10, '4'))).toMatchObject({ kind: 'raw', value: 4, typeName: 'Тип 10' });
    expect(decodeReading(meter(6, '1.5'))).toMatchObject({ kind: 'raw', value: 1.5 });
    // Type 6 has no states 2 and 3: those belong to type 10.
    expect(decodeReading(meter(6, '2'))).toMatchObject({ kind: 'raw', value: 2, typeNumber: 6 });
    expect(decodeReading(meter(6, '3'))).toMatchObject({ kind: 'raw', value: 3, typeNumber: 6 });
  });

  it('keeps unknown types raw with the API’s type name', () => {
    expect(decodeReading(meter(11, '1234.56'))).toEqual({
      kind: 'raw',
      value: 1234.56,
      raw: '1234.56',
      typeNumber: 11,
      typeName: 'Тепло, кВт·ч',
    });
    expect(decodeReading(meter(13, '12.3456'))).toMatchObject({ kind: 'raw', typeName: 'Тепло, Гкал' });
    expect(decodeReading(meter(14, '3.2'))).toMatchObject({ kind: 'raw', value: 3.2, typeName: 'Давление' });
    expect(decodeReading(meter(null, '7'))).toEqual({
      kind: 'raw',
      value: 7,
      raw: '7',
      typeNumber: null,
      typeName: '',
    });
  });

  it('reports a missing or unreadable value as missing, keeping the text sent', () => {
    expect(decodeReading(meter(1, null))).toEqual({ kind: 'missing', raw: null });
    expect(decodeReading(meter(1, undefined))).toEqual({ kind: 'missing', raw: null });
    expect(decodeReading(meter(8, 'n/a'))).toEqual({ kind: 'missing', raw: 'n/a' });
    expect(decodeReading(meter(14, ''))).toEqual({ kind: 'missing', raw: '' });
  });
});

describe('a meter that sends its reading only in vals', () => {
  it('reads the sum of its tariffs in the units of its type', () => {
    const noValue = {
      vals: [
        { type: 'T1', value: '4803080' },
        { type: 'T2', value: '1774580' },
      ],
    };
    expect(decodeReading(meter(8, undefined, noValue))).toEqual({ kind: 'energy', kWh: 6577.66, wh: 6577660 });
    expect(decodeReading(meter(1, '', { vals: '1000/2500' }))).toEqual({ kind: 'volume', m3: 3.5, litres: 3500 });
    expect(decodeReading(meter(4, null, { vals: ['1'] }))).toEqual({ kind: 'leak', leak: true });
    expect(decodeReading(meter(11, '', { vals: [12.5, 3.1] }))).toMatchObject({
      kind: 'raw',
      value: 15.6,
      raw: '15.6',
    });
  });
});

describe('decodeTariffs', () => {
  it('gives electricity tariffs in kWh, whichever form the server sent', () => {
    const expected = [
      { tariff: 'T1', reading: { kind: 'energy', kWh: 4803.08, wh: 4803080 } },
      { tariff: 'T2', reading: { kind: 'energy', kWh: 1774.58, wh: 1774580 } },
    ];
    expect(decodeTariffs(meter(8, '6577660', { vals: '4803080/1774580' }))).toEqual(expected);
    expect(decodeTariffs(meter(8, '6577660', { vals: [4803080, 1774580] }))).toEqual(expected);
    expect(
      decodeTariffs(
        meter(8, '6577660', {
          vals: [
            { type: 'T1', value: '4803080' },
            { type: 'T2', value: '1774580' },
          ],
        }),
      ),
    ).toEqual(expected);
  });

  it('gives water tariffs in m³, and nothing for a single-tariff meter', () => {
    expect(decodeTariffs(meter(1, '3000', { vals: [1000, 2000] }))).toEqual([
      { tariff: 'T1', reading: { kind: 'volume', m3: 1, litres: 1000 } },
      { tariff: 'T2', reading: { kind: 'volume', m3: 2, litres: 2000 } },
    ]);
    expect(decodeTariffs(meter(1, '3000'))).toEqual([]);
  });
});

describe('meterDisplayName', () => {
  it('is the name, or the type name when the name is empty or blank', () => {
    expect(meterDisplayName(meter(1, '1', { meter_name: 'ХВС / Кухня' }))).toBe('ХВС / Кухня');
    expect(meterDisplayName(meter(1, '1'))).toBe('Холодная вода');
    expect(meterDisplayName(meter(1, '1', { meter_name: '  ' }))).toBe('Холодная вода');
    expect(meterDisplayName(meter(1, '1', { meter_name: null }))).toBe('Холодная вода');
  });
});
