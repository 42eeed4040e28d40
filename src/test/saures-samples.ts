import type { Json } from './fuzz.ts';
import type { WireEnvelope, WireFlatsData, WireLoginData, WireMetersData } from '../api/saures/schemas.ts';

/* Valid SAURES payloads (the reference's examples plus the quirks the schemas accept), for the property tests. */

export const envelope = <D>(data: D): WireEnvelope<D> => ({ status: 'ok', errors: [], data });

export const loginData: WireLoginData = { role: 1, sid: 'c2f9315f-3da0-4996-828c-ed93ca82af6d' };

export const flatsData: WireFlatsData = {
  flats: [
    {
      house: 'Город Москва, улица Большая Черемушкинская, дом 13с4',
      enable: true,
      personal_account: '12345678',
      id: 106,
      number: '25',
    },
    {
      house: 'Город Москва, улица Партизанская, дом 51 корпус 2',
      enable: 'false',
      personal_account: '',
      id: '39',
      number: 'офис 25',
    },
  ],
};

export const metersData: WireMetersData = {
  sensors: [
    {
      last_connection: '15.09.2017 09:00',
      hardware: '3.4',
      request_dt: '2017-09-15T09:00:00',
      readout_dt: '2017-09-15T09:00:00+03:00',
      bat: 75,
      ssid: 'kv200',
      local_ip: '192.168.1.50',
      firmware: '3.4.0004',
      state: { number: 0, name: 'Ошибок нет' },
      sn: '692083',
      rssi: '-73',
      meters: [
        {
          meter_name: 'Горячая вода / Ванная комната',
          value: '99.896',
          state: { name: 'Ошибок нет', number: 0 },
          sn: '13-02-26472-AB',
          vals: [],
          type: { name: 'Горячая вода', number: 2 },
        },
        {
          meter_name: 'Многотарифный счетчик электричества',
          value: '5.0',
          state: { name: 'Обрыв', number: 1 },
          sn: 'AA123-88',
          vals: [
            { type: 'T1', value: '2.3' },
            { type: 'T3', value: '2.7' },
          ],
          type: { name: 'Электричество', number: 8 },
        },
        {
          meter_name: '',
          value: 4803.08,
          state: null,
          sn: '227714-4',
          vals: '4803.08/1774.58',
          type: { name: 'Тепло', number: '7' },
        },
        { meter_name: '', value: '0', sn: '227714-3', vals: [1.2, '3,4'], type: { name: 'Протечка', number: 4 } },
      ],
    },
    { sn: '692084', bat: '1 234,5', rssi: null, last_connection: '', meters: null },
  ],
};

export const badEnvelopes: Json[] = [
  { status: 'bad', errors: ['WrongSIDException'], data: {} },
  { status: 'bad', errors: [{ name: 'WrongCredsException', msg: 'Неправильный email или пароль' }], data: null },
  { status: 'bad', errors: [{ email: ['Введите правильный адрес.'], password: 'x' }] },
  { status: 'bad', errors: 'DuplicateRequestException', data: {} },
  { status: 'bad', errors: [] },
];
