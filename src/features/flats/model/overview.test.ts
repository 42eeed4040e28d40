import {
  flatSchema,
  sensorSchema,
  type SauresFlat,
  type SauresSensor,
  type WireFlat,
  type WireMeter,
  type WireSensor,
} from '../../../api/saures/schemas.ts';
import {
  buildSearchIndex,
  flatHealth,
  matchesHealth,
  matchesSearch,
  meterDisplayName,
  meterHasProblem,
  sensorHasProblem,
  sortFlats,
  summarize,
  type FlatWithSensors,
  type HealthFilter,
} from './overview.ts';

const NOW = Date.UTC(2025, 0, 15, 9, 0);
const HOUR = 60 * 60 * 1000;
const OPTS = { now: NOW, staleHours: 24 };

const iso = (ms: number) => new Date(ms).toISOString();

function flat(id: number, house: string, number: string, extra: Partial<WireFlat> = {}): SauresFlat {
  return flatSchema.parse({ id, house, number, personal_account: '', ...extra });
}

function m(type: number, sn: string, value: string, name = '', state = 0): WireMeter {
  return {
    meter_name: name,
    value,
    sn,
    state: { number: state, name: '' },
    type: { number: type, name: type === 1 ? 'Холодная вода' : type === 4 ? 'Протечка' : `Тип ${type}` },
  };
}

/** A healthy controller unless told otherwise. */
function sensor(sn: string, extra: Partial<WireSensor> = {}): SauresSensor {
  return sensorSchema.parse({ sn, bat: 90, rssi: -50, last_connection: iso(NOW - HOUR), meters: [], ...extra });
}

const item = (f: SauresFlat, sensors: SauresSensor[] | undefined): FlatWithSensors => ({ flat: f, sensors });

describe('per meter and per controller', () => {
  it('flags a meter for a leak or an error state only', () => {
    const leak = sensor('S', { meters: [m(4, 'L', '1'), m(1, 'E', '100', '', 2), m(1, 'W', '100', '', 3)] });
    const [leaking, broken, warned] = leak.meters;
    if (!leaking || !broken || !warned) throw new Error('fixture');
    expect(meterHasProblem(leaking, 'leak')).toBe(true);
    expect(meterHasProblem(leaking, 'error')).toBe(false);
    expect(meterHasProblem(broken, 'error')).toBe(true);
    expect(meterHasProblem(warned, 'error')).toBe(false);
    expect(meterHasProblem(broken, 'battery')).toBe(false);
  });

  it('flags a controller for critical battery, poor signal and stale contact at the documented limits', () => {
    expect(sensorHasProblem(sensor('a', { bat: '19' }), 'battery', OPTS)).toBe(true);
    expect(sensorHasProblem(sensor('a', { bat: 20 }), 'battery', OPTS)).toBe(false);
    expect(sensorHasProblem(sensor('a', { rssi: '-81' }), 'signal', OPTS)).toBe(true);
    expect(sensorHasProblem(sensor('a', { rssi: -80 }), 'signal', OPTS)).toBe(false);
    expect(sensorHasProblem(sensor('a', { last_connection: iso(NOW - 24 * HOUR) }), 'stale', OPTS)).toBe(false);
    expect(sensorHasProblem(sensor('a', { last_connection: iso(NOW - 24 * HOUR - 60_000) }), 'stale', OPTS)).toBe(true);
    expect(sensorHasProblem(sensor('a', { last_connection: null }), 'stale', OPTS)).toBe(true);
    expect(sensorHasProblem(sensor('a', { last_connection: 'никогда' }), 'stale', OPTS)).toBe(true);
    expect(sensorHasProblem(sensor('a', { meters: [m(4, 'L', '1')] }), 'leak', OPTS)).toBe(true);
    expect(sensorHasProblem(sensor('a', { meters: [m(4, 'L', '0')] }), 'leak', OPTS)).toBe(false);
  });

  it('uses the stale threshold it is given', () => {
    const s = sensor('a', { last_connection: iso(NOW - 3 * HOUR) });
    expect(sensorHasProblem(s, 'stale', { now: NOW, staleHours: 2 })).toBe(true);
    expect(sensorHasProblem(s, 'stale', { now: NOW, staleHours: 4 })).toBe(false);
  });
});

describe('summarize and matchesHealth', () => {
  const a = flat(1, 'Москва, улица Ленина, дом 1', '1');
  const b = flat(2, 'Москва, улица Ленина, дом 2', '2');
  const c = flat(3, 'Москва, улица Ленина, дом 3', '3');
  const d = flat(4, 'Москва, улица Ленина, дом 4', '4');
  const items = [
    item(a, [
      sensor('A1', { bat: 5, rssi: -95, last_connection: iso(NOW - 72 * HOUR), meters: [m(4, 'L1', '1')] }),
      sensor('A2', { bat: 10, meters: [m(1, 'E1', '1000', '', 1), m(1, 'E2', '1000', '', 8), m(1, 'W1', '5', '', 3)] }),
    ]),
    item(b, [sensor('B1', { rssi: '-81', meters: [m(9, 'C1', '1', 'Протечка'), m(9, 'C2', '1', 'Дверь')] })]),
    item(c, [sensor('C1', { bat: 39, rssi: -80, meters: [m(1, 'W2', '1', '', 99)] })]),
    item(d, undefined),
  ];

  it('counts problem controllers and meters across flats, and the flats still loading', () => {
    expect(summarize(items, OPTS)).toEqual({
      flats: 4,
      loadingFlats: 1,
      controllers: 4,
      meters: 7,
      criticalBattery: 2,
      weakSignal: 2,
      stale: 1,
      activeLeaks: 2,
      errorMeters: 2,
      byFilter: { battery: 2, signal: 2, stale: 1, leak: 2, error: 2 },
      flatsWith: { battery: 1, signal: 2, stale: 1, leak: 2, error: 1 },
    });
  });

  it('counts nothing for an empty or all-loading list', () => {
    expect(summarize([], OPTS)).toMatchObject({ flats: 0, criticalBattery: 0, activeLeaks: 0 });
    expect(summarize([item(d, undefined)], OPTS)).toMatchObject({ flats: 1, loadingFlats: 1, controllers: 0 });
  });

  it('filters flats by any controller or meter with the problem', () => {
    const ids = (f: HealthFilter) => items.filter((i) => matchesHealth(i, f, OPTS)).map((i) => i.flat.id);
    expect(ids('battery')).toEqual([1]);
    expect(ids('signal')).toEqual([1, 2]);
    expect(ids('stale')).toEqual([1]);
    expect(ids('leak')).toEqual([1, 2]);
    expect(ids('error')).toEqual([1]);
  });

  it('counts stale controllers with the user’s threshold', () => {
    expect(summarize(items, { now: NOW, staleHours: 100 }).stale).toBe(0);
    expect(summarize(items, { now: NOW, staleHours: 0.5 }).stale).toBe(4);
  });
});

describe('flatHealth and sortFlats', () => {
  const house = (n: number) => `Москва, улица Мира, дом ${n}`;
  const fine = item(flat(1, house(10), '1'), [sensor('1')]);
  const lowBattery = item(flat(2, house(9), '2'), [sensor('2', { bat: 30 })]);
  const poorSignal = item(flat(3, house(8), '3'), [sensor('3', { bat: 30, rssi: -90 })]);
  const stale = item(flat(4, house(7), '4'), [sensor('4', { rssi: -90, last_connection: iso(NOW - 48 * HOUR) })]);
  const critical = item(flat(5, house(6), '5'), [sensor('5', { bat: 3 }), sensor('5b', { rssi: -90 })]);
  const error = item(flat(6, house(5), '6'), [sensor('6', { bat: 3, meters: [m(1, 'E', '1', '', 7)] })]);
  const leak = item(flat(7, house(4), '7'), [sensor('7', { meters: [m(1, 'E', '1', '', 7), m(4, 'L', '1')] })]);
  const loading = item(flat(8, house(3), '8'), undefined);
  const fine2 = item(flat(9, house(2), '9'), [sensor('9')]);

  it('names the worst problem of a flat', () => {
    expect(
      [leak, error, critical, stale, poorSignal, lowBattery, fine, loading].map((i) => flatHealth(i, OPTS)),
    ).toEqual(['leak', 'error', 'critical-battery', 'stale', 'poor-signal', 'low-battery', 'fine', 'loading']);
  });

  it('sorts by health worst first, ties by address, flats still loading last', () => {
    const sorted = sortFlats(
      [fine, lowBattery, poorSignal, stale, loading, critical, fine2, error, leak],
      'health',
      OPTS,
    );
    expect(sorted.map((i) => i.flat.id)).toEqual([7, 6, 5, 4, 3, 2, 9, 1, 8]);
  });

  it('sorts addresses in Russian order with numbers compared as numbers', () => {
    const items = [
      item(flat(1, 'Город Москва, улица Ленина, дом 10', '1'), []),
      item(flat(2, 'Город Москва, улица Ленина, дом 9', '1'), []),
      item(flat(3, 'Город Казань, проспект Мира, дом 1', '1'), []),
      item(flat(4, 'Город Москва, улица Ленина, дом 9', 'офис 3'), []),
      item(flat(5, 'Город Москва, улица Ленина, дом 9', '12'), []),
      item(flat(6, 'Город Москва, Ёлочная улица, дом 1', '1'), []),
    ];
    expect(sortFlats(items, 'address').map((i) => i.flat.id)).toEqual([3, 6, 2, 5, 4, 1]);
    expect(items.map((i) => i.flat.id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('sorts by flat number numerically, ties by address', () => {
    const items = [
      item(flat(1, 'Б', '25'), []),
      item(flat(2, 'А', '3'), []),
      item(flat(3, 'А', 'офис 25'), []),
      item(flat(4, 'А', '25'), []),
      item(flat(5, 'А', '112'), []),
    ];
    expect(sortFlats(items, 'number').map((i) => i.flat.id)).toEqual([2, 4, 1, 5, 3]);
  });
});

describe('search', () => {
  const nevsky = item(
    flat(119, 'Город Санкт-Петербург, Невский проспект, дом 28', '7', { personal_account: '87654321' }),
    [
      sensor('227714', {
        meters: [m(1, '227714-1', '1', 'Холодная вода / Кухня'), m(2, 'GC-1010', '1', '')],
      }),
    ],
  );
  const cheremushki = item(flat(106, 'Город Москва, улица Большая Черёмушкинская, дом 13с4', '25'), [
    sensor('692083', { meters: [m(8, 'AA123-88', '1', 'Многотарифный счетчик электричества')] }),
  ]);
  const office = item(flat(39, 'Город Москва, улица Партизанская, дом 51 корпус 2', 'офис 25'), undefined);
  const items = [nevsky, cheremushki, office];
  const found = (q: string) => items.filter((i) => matchesSearch(i, q)).map((i) => i.flat.id);

  it('matches everything for a blank query', () => {
    expect(found('')).toEqual([119, 106, 39]);
    expect(found('   ')).toEqual([119, 106, 39]);
  });

  it('finds by address, flat number and personal account, ignoring case, spaces around and ё', () => {
    expect(found('невский')).toEqual([119]);
    expect(found('  ПАРТИЗАНСКАЯ ')).toEqual([39]);
    expect(found('черемушкинская')).toEqual([106]);
    expect(found('офис')).toEqual([39]);
    expect(found('87654321')).toEqual([119]);
  });

  it('finds by controller serial, meter serial and meter name, or type name when the name is empty', () => {
    expect(found('692083')).toEqual([106]);
    expect(found('aa123')).toEqual([106]);
    expect(found('gc-1010')).toEqual([119]);
    expect(found('кухня')).toEqual([119]);
    expect(found('тип 2')).toEqual([119]);
    expect(found('электричества')).toEqual([106]);
  });

  it('needs every word of the query somewhere in the flat', () => {
    expect(found('москва 25')).toEqual([106, 39]);
    expect(found('москва офис')).toEqual([39]);
    expect(found('невский 692083')).toEqual([]);
    expect(found('нет такого')).toEqual([]);
  });

  it('gives the same answers through a search index', () => {
    const index = buildSearchIndex(items);
    for (const q of ['', 'невский', 'москва 25', 'aa123', 'кухня', 'нет такого']) {
      expect(
        index.filter(q).map((i) => i.flat.id),
        q,
      ).toEqual(found(q));
    }
  });

  it('sees new data when the sensors arrive as a new list', () => {
    const loaded = item(office.flat, [sensor('10-123456')]);
    expect(matchesSearch(office, '10-123456')).toBe(false);
    expect(matchesSearch(loaded, '10-123456')).toBe(true);
  });
});

describe('meterDisplayName', () => {
  it('falls back to the type name', () => {
    const [named, unnamed] = sensor('s', { meters: [m(1, 'a', '1', 'ХВС'), m(1, 'b', '1')] }).meters;
    expect(named && meterDisplayName(named)).toBe('ХВС');
    expect(unnamed && meterDisplayName(unnamed)).toBe('Холодная вода');
  });
});
