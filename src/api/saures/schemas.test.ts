import { http, HttpResponse } from 'msw';
import { setupFakeServices } from '../../test/server.ts';
import { ApiError } from '../errors.ts';
import { getFlats, getMeters, login } from './client.ts';
import {
  envelopeSchema,
  errorItemSchema,
  flatsDataSchema,
  loginDataSchema,
  meterSchema,
  metersDataSchema,
  parseSauresDate,
  toNumber,
  valsSchema,
  type WireMeter,
} from './schemas.ts';

const json = (text: string): unknown => JSON.parse(text);

describe('envelope', () => {
  it('reads the spec’s login answer', () => {
    const env = envelopeSchema.parse(
      json(`{"status":"ok","errors":[],"data":{"role":1,"sid":"c2f9315f-3da0-4996-828c-ed93ca82af6d"}}`),
    );
    expect(env.status).toBe('ok');
    expect(loginDataSchema.parse(env.data)).toEqual({ sid: 'c2f9315f-3da0-4996-828c-ed93ca82af6d', role: 1 });
  });

  it('reads errors given as {name, msg}', () => {
    const env = envelopeSchema.parse(
      json(`{"status":"bad","errors":[{"name":"WrongSIDException","msg":"Неверный sid"}],"data":{}}`),
    );
    expect(env.errors).toEqual([{ code: 'WrongSIDException', message: 'Неверный sid' }]);
  });

  it('reads errors given as plain strings, finding an exception name inside', () => {
    expect(errorItemSchema.parse('DuplicateRequestException')).toEqual({
      code: 'DuplicateRequestException',
      message: 'DuplicateRequestException',
    });
    expect(errorItemSchema.parse('WrongSIDException: sid устарел')).toEqual({
      code: 'WrongSIDException',
      message: 'WrongSIDException: sid устарел',
    });
    expect(errorItemSchema.parse('Недостаточно прав!')).toEqual({ code: undefined, message: 'Недостаточно прав!' });
  });

  it('reads field errors such as {"email": ["Введён неверный email"]}', () => {
    expect(errorItemSchema.parse({ email: ['Введён неверный email'] })).toEqual({
      code: undefined,
      message: 'Введён неверный email',
    });
  });

  it('treats missing or null errors as none', () => {
    expect(envelopeSchema.parse({ status: 'ok', data: {} }).errors).toEqual([]);
    expect(envelopeSchema.parse({ status: 'ok', errors: null, data: {} }).errors).toEqual([]);
  });

  it('rejects a body that is not an envelope', () => {
    expect(envelopeSchema.safeParse({ flats: [] }).success).toBe(false);
  });
});

describe('numbers and dates', () => {
  it('reads numbers sent as strings', () => {
    expect(toNumber('-73')).toBe(-73);
    expect(toNumber('135.494')).toBe(135.494);
    expect(toNumber('1 234,5')).toBe(1234.5);
    expect(toNumber(75)).toBe(75);
    expect(toNumber('')).toBeNull();
    expect(toNumber('4803.08/1774.58')).toBeNull();
    expect(toNumber('0x10')).toBeNull();
  });

  it('reads dd.mm.yyyy hh:mm as Moscow time (UTC+3)', () => {
    expect(parseSauresDate('15.09.2017 09:00')).toBe(Date.UTC(2017, 8, 15, 6, 0));
    expect(parseSauresDate('01.01.2024 01:30')).toBe(Date.UTC(2023, 11, 31, 22, 30));
    // Date.UTC would read year 99 as 1999.
    expect(parseSauresDate('01.01.0099 10:00')).toBeNull();
    expect(parseSauresDate('15.09.2017 09:00:42')).toBe(Date.UTC(2017, 8, 15, 6, 0, 42));
  });

  it('reads ISO without a zone as Moscow time, and honours an explicit zone', () => {
    expect(parseSauresDate('2017-09-15T09:00:00')).toBe(Date.UTC(2017, 8, 15, 6, 0));
    expect(parseSauresDate('2017-09-15 09:00')).toBe(Date.UTC(2017, 8, 15, 6, 0));
    expect(parseSauresDate('2017-09-15T09:00:00Z')).toBe(Date.UTC(2017, 8, 15, 9, 0));
    expect(parseSauresDate('2017-09-15T09:00:00+05:00')).toBe(Date.UTC(2017, 8, 15, 4, 0));
  });

  it('has no DST in summer or winter', () => {
    expect((parseSauresDate('15.07.2020 12:00') ?? NaN) - (parseSauresDate('15.01.2020 12:00') ?? NaN)).toBe(
      Date.UTC(2020, 6, 15) - Date.UTC(2020, 0, 15),
    );
  });

  it('gives null for text that is not a real date', () => {
    expect(parseSauresDate('31.02.2017 09:00')).toBeNull();
    expect(parseSauresDate('вчера')).toBeNull();
    expect(parseSauresDate('2017-13-01T00:00:00')).toBeNull();
  });
});

describe('flats', () => {
  it('reads the spec’s flats answer, keeping an empty personal_account', () => {
    const flats = flatsDataSchema.parse(
      json(`{"flats":[
        {"house":"Город Москва, улица Большая Черемушkinsкая, дом 13с4","enable":true,"personal_account":"12345678","id":106,"number":"25"},
        {"house":"Город Москва, улица Партизанская, дом 51 корпус 2","enable":true,"personal_account":"","id":39,"number":"офис 25"}
      ]}`),
    );
    expect(flats).toEqual([
      {
        id: 106,
        house: 'Город Москва, улица Большая Черемушkinsкая, дом 13с4',
        number: '25',
        personalAccount: '12345678',
        enabled: true,
      },
      {
        id: 39,
        house: 'Город Москва, улица Партизанская, дом 51 корпус 2',
        number: 'офис 25',
        personalAccount: '',
        enabled: true,
      },
    ]);
  });

  it('tolerates ids and numbers of either type and missing fields', () => {
    const flats = flatsDataSchema.parse({
      flats: [{ id: '7', number: 12, enable: 0, personal_account: null }, { id: 8, enable: 'false' }, { id: 9 }],
    });
    expect(flats).toEqual([
      { id: 7, house: '', number: '12', personalAccount: '', enabled: false },
      { id: 8, house: '', number: '', personalAccount: '', enabled: false },
      { id: 9, house: '', number: '', personalAccount: '', enabled: true },
    ]);
  });

  it('reads an empty flats list as none', () => {
    expect(flatsDataSchema.parse({ flats: [] })).toEqual([]);
  });

  it('refuses data without a flats list, rather than reading it as none', () => {
    for (const data of [{}, { flats: null }, { flats: {} }, { flats: 'нет' }, { objects: [] }, null, []]) {
      expect(flatsDataSchema.safeParse(data).success, JSON.stringify(data)).toBe(false);
    }
  });
});

describe('meters', () => {
  const specSensor = `{
    "last_connection": "15.09.2017 09:00",
    "hardware": "3.4",
    "meters": [
      {"meter_name": "Горячая вода / Ванная комната", "value": "99.896", "state": {"name": "Ошибок нет", "number": 0},
       "sn": "13-02-26472-AB", "vals": [], "type": {"name": "Горячая вода", "number": 2}},
      {"meter_name": "", "value": "135.494", "state": {"name": "Ошибок нет", "number": 0},
       "sn": "13-04-26051-AB", "vals": [], "type": {"name": "Холодная вода", "number": 1}},
      {"meter_name": "", "value": "25.6", "state": {"name": "Ошибок нет", "number": 0},
       "sn": "227714-4", "vals": [], "type": {"name": "Температура", "number": 5}},
      {"meter_name": "", "value": "0", "state": {"name": "Ошибок нет", "number": 0},
       "sn": "227714-3", "vals": [], "type": {"name": "Протечка", "number": 4}},
      {"meter_name": "Многотарифный счетчик электричества", "value": "5.0", "state": {"name": "Обрыв", "number": 1},
       "sn": "AA123-88", "vals": [{"type": "T1", "value": "2.3"}, {"type": "T3", "value": "2.7"}],
       "type": {"name": "Электричество", "number": 8}}
    ],
    "request_dt": "15.09.2017 09:00",
    "bat": 75,
    "ssid": "kv200",
    "local_ip": "192.168.1.50",
    "firmware": "3.4.0004",
    "readout_dt": "15.09.2017 09:00",
    "state": {"number": 0, "name": "Ошибок нет"},
    "sn": "692083",
    "rssi": "-73"
  }`;

  it('reads the spec’s meters example', () => {
    const [sensor] = metersDataSchema.parse(json(`{"sensors":[${specSensor}]}`));
    const at = Date.UTC(2017, 8, 15, 6, 0);
    expect(sensor).toMatchObject({
      sn: '692083',
      hardware: '3.4',
      firmware: '3.4.0004',
      ssid: 'kv200',
      localIp: '192.168.1.50',
      batteryPercent: 75,
      rssiDb: -73,
      lastConnection: { raw: '15.09.2017 09:00', epochMs: at },
      requestedAt: { epochMs: at },
      readoutAt: { epochMs: at },
      state: { number: 0, name: 'Ошибок нет' },
    });
    expect(sensor?.meters).toHaveLength(5);
    expect(sensor?.meters[1]).toEqual({
      name: '',
      sn: '13-04-26051-AB',
      value: 135.494,
      valueRaw: '135.494',
      tariffs: [],
      type: { number: 1, name: 'Холодная вода' },
      state: { number: 0, name: 'Ошибок нет' },
    });
    expect(sensor?.meters[4]).toMatchObject({
      value: 5,
      state: { number: 1, name: 'Обрыв' },
      tariffs: [
        { tariff: 'T1', value: 2.3 },
        { tariff: 'T3', value: 2.7 },
      ],
    });
  });

  it('reads vals as objects, numbers, or one "a/b" string', () => {
    expect(
      valsSchema.parse([
        { type: 'T1', value: '2.3' },
        { type: 'T2', value: 1 },
      ]),
    ).toEqual([
      { tariff: 'T1', value: 2.3 },
      { tariff: 'T2', value: 1 },
    ]);
    expect(valsSchema.parse([4803.08, '1774.58'])).toEqual([
      { tariff: 'T1', value: 4803.08 },
      { tariff: 'T2', value: 1774.58 },
    ]);
    expect(valsSchema.parse('4803.08/1774.58')).toEqual([
      { tariff: 'T1', value: 4803.08 },
      { tariff: 'T2', value: 1774.58 },
    ]);
    expect(valsSchema.parse('')).toEqual([]);
    expect(valsSchema.parse(null)).toEqual([]);
    expect(valsSchema.parse(undefined)).toEqual([]);
  });

  it('gives a meter that sends its reading only in vals the sum of its tariffs', () => {
    const reading = (wire: Partial<WireMeter>) => meterSchema.parse({ sn: 'X', ...wire });
    // The reference's form, [{type, value}], with value missing, null, empty or blank.
    const objects = [
      { type: 'T1', value: '2.3' },
      { type: 'T3', value: '2.7' },
    ];
    for (const value of [undefined, null, '', ' ']) {
      expect(reading({ value, vals: objects }), String(value)).toMatchObject({
        value: 5,
        valueRaw: null,
        tariffs: [
          { tariff: 'T1', value: 2.3 },
          { tariff: 'T3', value: 2.7 },
        ],
      });
    }
    expect(reading({ vals: [4803080, '1774580'] }).value).toBe(6577660);
    expect(reading({ value: '', vals: '12.5/3.1' }).value).toBe(15.6);
    // No binary noise: 0.1 + 0.2 is 0.3.
    expect(reading({ vals: [0.1, '0.2'] }).value).toBe(0.3);
    expect(reading({ vals: [{ value: '1' }] })).toMatchObject({ value: 1, tariffs: [{ tariff: 'T1', value: 1 }] });
  });

  it('keeps value when it is sent, and gives no sum when a tariff is unreadable or there is none', () => {
    const reading = (wire: Partial<WireMeter>) => meterSchema.parse({ sn: 'X', ...wire });
    expect(reading({ value: '5.0', vals: [1, 2] }).value).toBe(5);
    expect(reading({ value: 'n/a', vals: [1, 2] })).toMatchObject({ value: null, valueRaw: 'n/a' });
    expect(
      reading({
        vals: [
          { type: 'T1', value: '2.3' },
          { type: 'T2', value: 'n/a' },
        ],
      }),
    ).toMatchObject({
      value: null,
      tariffs: [{ tariff: 'T1', value: 2.3 }],
    });
    expect(reading({ vals: '12.5/x' }).value).toBeNull();
    expect(reading({ value: '', vals: [] })).toMatchObject({ value: null, valueRaw: '' });
    expect(reading({ vals: '' }).value).toBeNull();
    expect(reading({ vals: null }).value).toBeNull();
  });

  it('keeps meter types beyond 1–10 as sent', () => {
    const [sensor] = metersDataSchema.parse({
      sensors: [
        {
          sn: '1',
          meters: [
            { sn: 'a', value: '12.5', type: { name: 'Тепло, кВт*ч', number: 11 } },
            { sn: 'b', value: '0.731', type: { name: 'Тепло, Гкал', number: 13 } },
            { sn: 'c', value: '3.2', type: { name: 'Давление', number: '14' } },
          ],
        },
      ],
    });
    expect(sensor?.meters.map((m) => [m.type.number, m.value])).toEqual([
      [11, 12.5],
      [13, 0.731],
      [14, 3.2],
    ]);
  });

  it('reads bat and rssi as numbers or strings', () => {
    const sensors = metersDataSchema.parse({
      sensors: [
        { bat: '87', rssi: -61 },
        { bat: 5, rssi: '-95' },
      ],
    });
    expect(sensors.map((s) => [s.batteryPercent, s.rssiDb])).toEqual([
      [87, -61],
      [5, -95],
    ]);
  });

  it('survives a controller with missing or null fields without losing the others', () => {
    const sensors = metersDataSchema.parse({
      sensors: [
        {
          sn: '227715',
          hardware: null,
          ssid: null,
          bat: null,
          last_connection: null,
          request_dt: '',
          meters: [{ meter_name: null, value: null, vals: null, state: null, type: null }, { value: '1' }],
        },
        JSON.parse(`{"sn":"692083","bat":75,"meters":null}`),
      ],
    });
    expect(sensors).toHaveLength(2);
    expect(sensors[0]).toMatchObject({
      sn: '227715',
      hardware: null,
      ssid: null,
      localIp: null,
      batteryPercent: null,
      rssiDb: null,
      lastConnection: null,
      requestedAt: null,
      state: null,
    });
    expect(sensors[0]?.meters[0]).toEqual({
      name: '',
      sn: '',
      value: null,
      valueRaw: null,
      tariffs: [],
      type: { number: null, name: '' },
      state: null,
    });
    expect(sensors[0]?.meters[1]?.value).toBe(1);
    expect(sensors[1]).toMatchObject({ sn: '692083', batteryPercent: 75, meters: [] });
  });

  it('reads an empty sensors list as a flat without controllers', () => {
    expect(metersDataSchema.parse({ sensors: [] })).toEqual([]);
  });

  it('refuses data without a sensors list, rather than reading it as no controllers', () => {
    for (const data of [{}, { sensors: null }, { sensors: {} }, { meters: [] }, null]) {
      expect(metersDataSchema.safeParse(data).success, JSON.stringify(data)).toBe(false);
    }
  });

  it('keeps an unreadable date as raw text', () => {
    const [sensor] = metersDataSchema.parse({ sensors: [{ last_connection: 'никогда' }] });
    expect(sensor?.lastConnection).toEqual({ raw: 'никогда', epochMs: null });
  });

  it('reads ISO dates without a zone as Moscow time', () => {
    const [sensor] = metersDataSchema.parse({ sensors: [{ last_connection: '2017-09-15T09:00:00' }] });
    expect(sensor?.lastConnection?.epochMs).toBe(Date.UTC(2017, 8, 15, 6, 0));
  });
});

describe('through the client', () => {
  let clock = Date.UTC(2025, 0, 15, 9, 0);
  const { saures: fake, server } = setupFakeServices({ now: () => clock });

  it('reads an answer that starts with a UTF-8 BOM', async () => {
    server.use(
      http.get('http://localhost/saures/api/company/flats', () =>
        HttpResponse.text('\uFEFF{"status":"ok","errors":[],"data":{"flats":[{"id":5,"house":"Дом","number":"1"}]}}', {
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
      ),
    );
    expect((await getFlats('sid')).map((f) => f.id)).toEqual([5]);
  });

  it('reads the fake’s BOM-prefixed meters answer', async () => {
    const { sid } = await login({ email: 'demo@saures.ru', password: 'demo' });
    const res = await fake.handle({
      method: 'GET',
      path: '/api/meter/meters/',
      query: new URLSearchParams({ sid, flat_id: '119' }),
      headers: {},
      body: '',
    });
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    clock += 1000;
    await expect(getMeters(sid, 119)).resolves.toHaveLength(2);
  });

  it('reports an HTML page, even one labelled JSON, as unreadable', async () => {
    server.use(
      http.get('http://localhost/saures/api/company/flats', () =>
        HttpResponse.text('<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', {
          headers: { 'content-type': 'application/json' },
        }),
      ),
    );
    const err = await getFlats('sid').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: 'parse', serverMessage: 'a web page came back instead of data' });
  });

  it('reports flats data without a flats list as flats it cannot read, not as no flats', async () => {
    for (const data of [{}, { flats: null }, { objects: [{ id: 1 }] }]) {
      server.use(
        http.get('http://localhost/saures/api/company/flats', () =>
          HttpResponse.json({ status: 'ok', errors: [], data }),
        ),
      );
      const err = await getFlats('sid').catch((e: unknown) => e);
      expect(err, JSON.stringify(data)).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ kind: 'parse', part: 'flats' });
      expect((err as ApiError).message).toContain('SAURES sent flats in a form the app cannot read');
    }
  });

  it('reads an empty flats list as no flats', async () => {
    server.use(
      http.get('http://localhost/saures/api/company/flats', () =>
        HttpResponse.json({ status: 'ok', errors: [], data: { flats: [] } }),
      ),
    );
    await expect(getFlats('sid')).resolves.toEqual([]);
  });

  it('reports meters data without a sensors list as meters it cannot read, not as no controllers', async () => {
    for (const data of [{}, { sensors: null }, { meters: [] }]) {
      server.use(
        http.get('http://localhost/saures/api/meter/meters/', () =>
          HttpResponse.json({ status: 'ok', errors: [], data }),
        ),
      );
      const err = await getMeters('sid', 106).catch((e: unknown) => e);
      expect(err, JSON.stringify(data)).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ kind: 'parse', part: 'meters', what: 'Loading meters of flat 106' });
      expect((err as ApiError).message).toBe(
        'Loading meters of flat 106 failed: SAURES sent meters in a form the app cannot read (unexpected data at “sensors”).',
      );
    }
  });

  it('reads an empty sensors list as a flat without controllers', async () => {
    server.use(
      http.get('http://localhost/saures/api/meter/meters/', () =>
        HttpResponse.json({ status: 'ok', errors: [], data: { sensors: [] } }),
      ),
    );
    await expect(getMeters('sid', 106)).resolves.toEqual([]);
  });

  it('reports a wrongly shaped answer as unreadable, naming the field', async () => {
    server.use(
      http.get('http://localhost/saures/api/company/flats', () =>
        HttpResponse.json({ status: 'ok', errors: [], data: { flats: [{ house: 'без id' }] } }),
      ),
    );
    const err = await getFlats('sid').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'parse', serverMessage: 'unexpected data at “flats.0.id”' });
  });
});
