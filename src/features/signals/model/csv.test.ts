import { parseImport } from '../../editing/data/data-import.ts';
import { csvField, plainDecimal, seriesToCsv, textField } from './csv.ts';

const T = Date.UTC(2026, 10, 22, 14, 30);
const Q = 15 * 60_000;

describe('seriesToCsv', () => {
  it('writes the header and one line per shown point', () => {
    const csv = seriesToCsv([
      { time: T, value: 1234.5, unit: 'kW.h', origin: 1 },
      { time: T + Q, value: Number.NaN, unit: 'kW.h', origin: 1 },
      { time: T + 2 * Q, value: -0.000001, unit: 'kW.h', origin: 2 },
      { time: T + 3 * Q, value: 1e21, unit: 'kW.h', origin: 3 },
      { time: T + 4 * Q, value: 7, unit: 'kW.h', origin: 4 },
      { time: T + 5 * Q, value: 8, unit: 'kW.h', origin: 5 },
      { time: T + 6 * Q, value: 9, unit: 'kW.h', origin: 9 },
    ]);
    expect(csv).toBe(
      'time,value,unit,origin\r\n' +
        '2026-11-22T14:30:00.000Z,1234.5,kW.h,measured\r\n' +
        '2026-11-22T14:45:00.000Z,,kW.h,measured\r\n' +
        '2026-11-22T15:00:00.000Z,-0.000001,kW.h,predicted\r\n' +
        '2026-11-22T15:15:00.000Z,1000000000000000000000,kW.h,calculated\r\n' +
        '2026-11-22T15:30:00.000Z,7,kW.h,estimated\r\n' +
        '2026-11-22T15:45:00.000Z,8,kW.h,corrected\r\n' +
        '2026-11-22T16:00:00.000Z,9,kW.h,9\r\n',
    );
  });

  it('takes typed arrays with one unit, and quotes a unit that needs it', () => {
    const csv = seriesToCsv({
      time: Float64Array.from([T, T + Q]),
      value: Float64Array.from([0.1, 2]),
      origin: Uint8Array.from([2, 1]),
      unit: 'm3, "cold"',
    });
    expect(csv).toBe(
      'time,value,unit,origin\r\n' +
        '2026-11-22T14:30:00.000Z,0.1,"m3, ""cold""",predicted\r\n' +
        '2026-11-22T14:45:00.000Z,2,"m3, ""cold""",measured\r\n',
    );
    expect(seriesToCsv({ time: [T], value: [3], unit: '°C' })).toBe(
      'time,value,unit,origin\r\n2026-11-22T14:30:00.000Z,3,°C,measured\r\n',
    );
  });

  it('reads back through the data import with every origin kept', () => {
    const rows = [1, 2, 3, 4, 5, 9].map((origin, i) => ({ time: T + i * Q, value: i + 0.5, unit: 'kW.h', origin }));
    const back = parseImport(seriesToCsv(rows), 'kW.h');
    expect(back.problems).toEqual([]);
    expect(back.rows.map((r) => [r.time, r.value, r.origin])).toEqual(rows.map((r) => [r.time, r.value, r.origin]));
  });

  it('writes a unit that a spreadsheet would run as a formula as text, and the import reads it back', () => {
    const unit = '=HYPERLINK("http://evil.example","kWh")';
    const csv = seriesToCsv({ time: [T], value: [-1.5], unit });
    expect(parseImport(csv, unit).problems).toEqual([]);
    expect(csv.split('\r\n')[1]).toBe(
      `${new Date(T).toISOString()},-1.5,"'=HYPERLINK(""http://evil.example"",""kWh"")",measured`,
    );
  });

  it('is just the header for nothing shown', () => {
    expect(seriesToCsv([])).toBe('time,value,unit,origin\r\n');
  });
});

describe('plainDecimal', () => {
  it('never writes an exponent or a thousands separator', () => {
    expect([0, -0, 1, -2.5, 1234567.891, 1e-7, 1.5e-10, -2.25e22, 123e20].map(plainDecimal)).toEqual([
      '0',
      '0',
      '1',
      '-2.5',
      '1234567.891',
      '0.0000001',
      '0.00000000015',
      '-22500000000000000000000',
      '12300000000000000000000',
    ]);
    expect(plainDecimal(Number.NaN)).toBe('');
    expect(plainDecimal(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('reads back to the same number', () => {
    for (const v of [1e-7, 3.14159e-12, 9.87654321e25, -4.2e-9, 0.1 + 0.2]) expect(Number(plainDecimal(v))).toBe(v);
  });
});

describe('csvField', () => {
  it('quotes only when needed', () => {
    expect(csvField('kW')).toBe('kW');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
  });
});

describe('textField', () => {
  it('puts a quote before text a spreadsheet reads as a formula, and leaves other text alone', () => {
    expect(['=1+1', '+7', '-2', '@SUM(A1)', '\tx', '\rx'].map(textField)).toEqual([
      "'=1+1",
      "'+7",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
    ]);
    expect(['kWh', 'm³', 'kW.h', 'a=b', ''].map(textField)).toEqual(['kWh', 'm³', 'kW.h', 'a=b', '']);
  });
});
