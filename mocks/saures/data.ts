import type { WireFlat, WireMeter, WireSensor } from '../../src/api/saures/schemas.ts';
import { createRng, pick, randInt } from '../seed.ts';

export interface SauresAccount {
  email: string;
  password: string;
  /** 1 = житель (resident). */
  role: number;
  /** Flats the account sees: every flat of the dataset, or these ids. */
  flats: 'all' | readonly number[];
  description: string;
}

export const SAURES_DEMO_ACCOUNTS: readonly SauresAccount[] = [
  { email: 'demo@saures.ru', password: 'demo', role: 1, flats: 'all', description: 'resident, sees every flat' },
  { email: 'neighbour@saures.ru', password: 'demo', role: 1, flats: [119], description: 'resident, sees one flat' },
];

export type SeedFlat = WireFlat & { id: number };

/** A controller (УСПД) with times kept relative to the fake's clock, rendered per request. */
export interface SeedController {
  flatId: number;
  sn: string;
  hardware: string | null;
  firmware: string | null;
  ssid: string | null;
  localIp: string | null;
  bat: number | string;
  rssi: number | string | null;
  /** How long before `now` the controller last connected. */
  lastSeenAgoMs: number;
  dateStyle: 'dmy' | 'iso';
  state: { name: string; number: number };
  meters: WireMeter[];
}

export interface SauresDataset {
  flats: SeedFlat[];
  controllers: SeedController[];
  /** Flats whose meters answer starts with a UTF-8 BOM. */
  bomFlatIds: ReadonlySet<number>;
}

export const DEFAULT_SAURES_SEED = 20170915;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MOSCOW_OFFSET_MS = 3 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

function moscowParts(ms: number) {
  const d = new Date(ms + MOSCOW_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    mo: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    h: pad(d.getUTCHours()),
    mi: pad(d.getUTCMinutes()),
    s: pad(d.getUTCSeconds()),
  };
}

/** "15.09.2017 09:00", Moscow time. */
export function formatMoscowDmy(ms: number): string {
  const p = moscowParts(ms);
  return `${p.d}.${p.mo}.${p.y} ${p.h}:${p.mi}`;
}

/** "2017-09-15T09:00:00", Moscow time, no zone. */
export function formatMoscowIso(ms: number): string {
  const p = moscowParts(ms);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}`;
}

/** The controller as the server sends it at time `now`. */
export function renderSensor(c: SeedController, now: number): WireSensor {
  const fmt = c.dateStyle === 'dmy' ? formatMoscowDmy : formatMoscowIso;
  const seen = now - c.lastSeenAgoMs;
  return {
    last_connection: fmt(seen),
    hardware: c.hardware,
    meters: c.meters,
    request_dt: fmt(seen - 2 * MINUTE),
    bat: c.bat,
    ssid: c.ssid,
    local_ip: c.localIp,
    firmware: c.firmware,
    readout_dt: fmt(seen),
    state: c.state,
    sn: c.sn,
    rssi: c.rssi,
  };
}

export const METER_TYPE_NAMES: Record<number, string> = {
  1: 'Холодная вода',
  2: 'Горячая вода',
  3: 'Газ',
  4: 'Протечка',
  5: 'Температура',
  6: 'Кран (управление)',
  7: 'Тепло',
  8: 'Электричество',
  9: 'Сухой контакт',
  10: 'Кран (состояние)',
  11: 'Тепло, кВт·ч',
  13: 'Тепло, Гкал',
  14: 'Давление',
};

export const METER_STATE_NAMES: Record<number, string> = {
  0: 'Ошибок нет',
  1: 'Обрыв',
  2: 'Короткое замыкание',
  3: 'Перерасход',
  4: 'Ниже порога',
  5: 'Выше порога',
  6: 'Остановка расхода',
  7: 'Ошибка цифрового интерфейса',
  8: 'Недопустимое значение',
  9: 'Магнитное поле',
  10: 'Обратный поток',
};

const OK_STATE = { name: 'Ошибок нет', number: 0 };

function meter(
  type: number,
  sn: string,
  value: string,
  name = '',
  extra: Partial<Pick<WireMeter, 'vals' | 'state'>> = {},
): WireMeter {
  return {
    meter_name: name,
    value,
    state: extra.state ?? { name: METER_STATE_NAMES[0] ?? '', number: 0 },
    sn,
    vals: extra.vals ?? [],
    type: { name: METER_TYPE_NAMES[type] ?? 'Неизвестно', number: type },
  };
}

const reading = (rng: () => number, max: number, digits = 3) => (rng() * max).toFixed(digits);
/** Water and gas (types 1–3) are sent in whole litres: up to `maxM3` m³. */
const litres = (rng: () => number, maxM3: number) => String(Math.round(rng() * maxM3 * 1000));
/** Heat and electricity (types 7–8) are sent in whole Wh: up to `maxKWh` kWh. */
const wattHours = (rng: () => number, maxKWh: number) => Math.round(rng() * maxKWh * 1000);

function defaultDataset(rng: () => number): SauresDataset {
  const flats: SeedFlat[] = [
    {
      house: 'Город Москва, улица Большая Черёмушкинская, дом 13с4',
      enable: true,
      personal_account: '12345678',
      id: 106,
      number: '25',
    },
    {
      house: 'Город Москва, улица Партизанская, дом 51 корпус 2',
      enable: true,
      personal_account: '',
      id: 39,
      number: 'офис 25',
    },
    {
      house: 'Город Санкт-Петербург, Невский проспект, дом 28',
      enable: true,
      personal_account: '87654321',
      id: 119,
      number: '7',
    },
    {
      house: 'Московская область, город Химки, улица Молодёжная, дом 4',
      enable: false,
      personal_account: '55500123',
      id: 204,
      number: '112',
    },
  ];
  const t1 = wattHours(rng, 3000);
  const t2 = wattHours(rng, 1500);
  const controllers: SeedController[] = [
    {
      flatId: 106,
      sn: '692083',
      hardware: '3.4',
      firmware: '3.4.0004',
      ssid: 'kv200',
      localIp: '192.168.1.50',
      bat: 100,
      rssi: '-45',
      lastSeenAgoMs: 4 * MINUTE,
      dateStyle: 'dmy',
      state: OK_STATE,
      meters: [
        meter(2, '13-02-26472-AB', '99896', 'Горячая вода / Ванная комната'),
        meter(1, '13-04-26051-AB', '135494'),
        meter(5, '227714-4', '25.6'),
        meter(4, '227714-3', '0'),
        meter(8, 'AA123-88', String(t1 + t2), 'Многотарифный счетчик электричества', {
          vals: [
            { type: 'T1', value: String(t1) },
            { type: 'T2', value: String(t2) },
          ],
        }),
      ],
    },
    {
      flatId: 106,
      sn: '692084',
      hardware: '3.4',
      firmware: '3.4.0011',
      ssid: 'kv200',
      localIp: '192.168.1.51',
      bat: '87',
      rssi: '-58',
      lastSeenAgoMs: 12 * MINUTE,
      dateStyle: 'iso',
      state: OK_STATE,
      meters: [
        meter(3, '5521-GZ', litres(rng, 900), 'Газ / Кухня'),
        // Valve control (6) is a command, 0 «открыться» / 1 «закрыться»; valve state (10) 2 is "open".
        meter(6, '692084-6', '0', 'Кран / Ввод'),
        meter(10, '692084-10', '2'),
        // A leak sensor wired to a dry contact, as some installations do: it is leaking.
        meter(9, '692084-9', '1', 'Протечка'),
      ],
    },
    {
      flatId: 39,
      sn: '10-123456',
      hardware: '2.1',
      firmware: '2.1.0230',
      ssid: 'office25',
      localIp: '10.0.0.17',
      bat: 5,
      rssi: '-95',
      lastSeenAgoMs: 3 * DAY,
      dateStyle: 'dmy',
      state: OK_STATE,
      meters: [
        meter(7, 'HT-88120', String(wattHours(rng, 9000)), 'Отопление'),
        meter(8, 'EL-55810', '6577660', '', { vals: '4803080/1774580' }),
        meter(1, 'CW-33001', litres(rng, 400), 'Холодная вода / Кухня', {
          state: { name: 'Обрыв', number: 1 },
        }),
      ],
    },
    {
      flatId: 39,
      sn: '10-123457',
      hardware: '2.1',
      firmware: '2.1.0230',
      ssid: 'office25',
      localIp: '10.0.0.18',
      bat: 52,
      rssi: '-77',
      lastSeenAgoMs: 7 * MINUTE,
      dateStyle: 'iso',
      state: OK_STATE,
      meters: [
        meter(4, '10-123457-1', '1', 'Протечка / Кухня'),
        meter(14, 'PR-0042', '3.2', 'Давление / Ввод'),
        meter(11, 'HK-7781', reading(rng, 20_000, 2)),
      ],
    },
    {
      flatId: 119,
      sn: '227714',
      hardware: '4.0',
      firmware: '4.0.0102',
      ssid: 'Nevsky28',
      localIp: '192.168.0.31',
      bat: '33',
      rssi: -70,
      lastSeenAgoMs: 25 * MINUTE,
      dateStyle: 'iso',
      state: OK_STATE,
      meters: [
        meter(1, '227714-1', litres(rng, 300), 'Холодная вода'),
        meter(2, '227714-2', litres(rng, 200), ''),
        meter(13, 'GC-1010', reading(rng, 40, 4), 'Тепло'),
        // Its reading only in vals, value left empty: the app reads the sum of the tariffs.
        meter(8, 'EL-77120', '', 'Электричество', { vals: [1_234_500, 567_800] }),
      ],
    },
    {
      flatId: 119,
      sn: '227715',
      hardware: null,
      firmware: '4.0.0102',
      ssid: null,
      localIp: null,
      bat: 64,
      rssi: null,
      lastSeenAgoMs: 40 * MINUTE,
      dateStyle: 'dmy',
      state: OK_STATE,
      meters: [
        { meter_name: 'Дверь', value: '1', sn: '227715-9', vals: null, type: { name: 'Сухой контакт', number: 9 } },
        {
          meter_name: null,
          value: litres(rng, 150),
          state: null,
          sn: '227715-1',
          type: { name: 'Холодная вода', number: 1 },
        },
      ],
    },
    {
      flatId: 204,
      sn: '300100',
      hardware: '3.4',
      firmware: '3.4.0004',
      ssid: 'Himki-112',
      localIp: '192.168.88.20',
      bat: 18,
      rssi: '-88',
      lastSeenAgoMs: 3 * HOUR,
      dateStyle: 'dmy',
      state: OK_STATE,
      meters: [
        meter(1, '300100-1', litres(rng, 500), 'ХВС'),
        meter(2, '300100-2', litres(rng, 300), '', { state: { name: 'Перерасход', number: 3 } }),
        meter(5, '300100-5', '21.4', 'Температура / Гостиная'),
      ],
    },
  ];
  return { flats, controllers, bomFlatIds: new Set([119]) };
}

const CITIES = [
  'Город Москва',
  'Город Санкт-Петербург',
  'Город Казань',
  'Город Екатеринбург',
  'Московская область, город Химки',
];
const STREETS = [
  'улица Ленина',
  'Профсоюзная улица',
  'улица Гагарина',
  'проспект Мира',
  'Садовая улица',
  'улица Пушкина',
  'Лесная улица',
];
const ROOM_NAMES: Record<number, string[]> = {
  1: ['Холодная вода / Кухня', 'ХВС / Ванная'],
  2: ['Горячая вода / Кухня', 'ГВС / Ванная'],
  4: ['Протечка / Кухня', 'Протечка / Ванная'],
  5: ['Температура / Спальня', 'Температура / Гостиная'],
  8: ['Электричество', 'Счётчик Меркурий'],
};
const COMMON_TYPES = [1, 1, 2, 2, 4, 5, 8, 3, 7, 9, 6, 10, 11, 13, 14];

function generatedMeter(rng: () => number, type: number, sn: string): WireMeter {
  const names = ROOM_NAMES[type];
  const name = names && rng() < 0.6 ? pick(rng, names) : '';
  const state = rng() < 0.04 ? randInt(rng, 1, 10) : 0;
  const extra: Partial<Pick<WireMeter, 'vals' | 'state'>> = {
    state: { name: METER_STATE_NAMES[state] ?? '', number: state },
  };
  let value: string;
  switch (type) {
    case 4:
      value = rng() < 0.03 ? '1' : '0';
      break;
    case 5:
      value = (18 + rng() * 8).toFixed(1);
      break;
    // 6 valve control: 0 open, 1 close (a command); 9 dry contact: 0 off, 1 on.
    case 6:
    case 9:
      value = String(randInt(rng, 0, 1));
      break;
    case 10:
      value = String(randInt(rng, 0, 3));
      break;
    case 14:
      value = (2 + rng() * 3).toFixed(1);
      break;
    case 8: {
      const a = wattHours(rng, 8000);
      const b = wattHours(rng, 3000);
      value = String(a + b);
      const style = randInt(rng, 0, 3);
      extra.vals =
        style === 0
          ? []
          : style === 1
            ? `${a}/${b}`
            : style === 2
              ? [a, b]
              : [
                  { type: 'T1', value: String(a) },
                  { type: 'T2', value: String(b) },
                ];
      break;
    }
    case 1:
    case 2:
    case 3:
      value = litres(rng, 2000);
      break;
    case 7:
      value = String(wattHours(rng, 20_000));
      break;
    default:
      // 11 heat kWh, 13 heat Gcal: kept in the units their type names.
      value = (rng() * 2000).toFixed(3);
  }
  return meter(type, sn, value, name, extra);
}

function largeDataset(rng: () => number): SauresDataset {
  const base = defaultDataset(rng);
  const flats: SeedFlat[] = [...base.flats];
  const controllers: SeedController[] = [...base.controllers];
  const bom = new Set(base.bomFlatIds);
  for (let i = 0; i < 320; i++) {
    const id = 1000 + i;
    flats.push({
      house: `${pick(rng, CITIES)}, ${pick(rng, STREETS)}, дом ${randInt(rng, 1, 120)}`,
      enable: rng() > 0.05,
      personal_account: rng() < 0.2 ? '' : String(randInt(rng, 10_000_000, 99_999_999)),
      id,
      number: rng() < 0.1 ? `офис ${randInt(rng, 1, 40)}` : String(randInt(rng, 1, 400)),
    });
    if (i % 50 === 7) bom.add(id);
    const count = rng() < 0.3 ? 3 : 2;
    for (let c = 0; c < count; c++) {
      const sn = `${id}-${c + 1}`;
      const meters: WireMeter[] = [];
      const meterCount = randInt(rng, 4, 8);
      for (let m = 0; m < meterCount; m++) meters.push(generatedMeter(rng, pick(rng, COMMON_TYPES), `${sn}-${m + 1}`));
      const bat = randInt(rng, 5, 100);
      const rssi = -randInt(rng, 45, 95);
      controllers.push({
        flatId: id,
        sn,
        hardware: pick(rng, ['2.1', '3.4', '4.0']),
        firmware: pick(rng, ['2.1.0230', '3.4.0004', '4.0.0102']),
        ssid: rng() < 0.1 ? null : `wifi-${id}`,
        localIp: `192.168.${randInt(rng, 0, 254)}.${randInt(rng, 2, 254)}`,
        bat: rng() < 0.5 ? bat : String(bat),
        rssi: rng() < 0.5 ? String(rssi) : rssi,
        lastSeenAgoMs: rng() < 0.03 ? randInt(rng, 3, 10) * DAY : randInt(rng, 1, 90) * MINUTE,
        dateStyle: rng() < 0.5 ? 'dmy' : 'iso',
        state: OK_STATE,
        meters,
      });
    }
  }
  return { flats, controllers, bomFlatIds: bom };
}

/** The seeded dataset: "default" (4 flats, 7 controllers) or "large" (324 flats, ≥ 600 controllers). */
export function buildSauresDataset(
  seed = DEFAULT_SAURES_SEED,
  dataset: 'default' | 'large' = 'default',
): SauresDataset {
  const rng = createRng(seed);
  return dataset === 'large' ? largeDataset(rng) : defaultDataset(rng);
}
