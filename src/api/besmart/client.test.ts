import { setupServer } from 'msw/node';
import { createBesmartFake } from '../../../mocks/besmart/fake.ts';
import { createHandlers } from '../../../mocks/handlers.ts';
import { ApiError } from '../errors.ts';
import * as api from './client.ts';
import { parseCustomFields } from './schemas.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 5, 15, 12);
/** The fake seeds relative to midnight UTC of its start day. */
const ANCHOR = Date.UTC(2025, 5, 15);
let clock = T0;

const fake = createBesmartFake({ now: () => clock });
const server = setupServer(...createHandlers({ besmart: fake }));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  clock = T0;
  fake.reset();
});
afterAll(() => server.close());

const OPERATOR = { login: 'operator', password: 'operator', workspaceKey: 'demo-workspace' };
const VIEWER = { login: 'viewer', password: 'viewer', workspaceKey: 'demo-workspace' };
const MAIN = { client_cid: 1, sensor_mid: 1 };
const PV = { client_cid: 1, sensor_mid: 2 };
const READ_ONLY = { client_cid: 1, sensor_mid: 4 };
const FOREIGN = { client_cid: 3, sensor_mid: 1 };
const UNKNOWN = { client_cid: 1, sensor_mid: 99 };
const A_PLUS = 32;
const POWER = 64;
const NO_TOKEN = { token: '' };

async function signIn(credentials = OPERATOR): Promise<api.BesmartAuth> {
  const t = await api.login(credentials);
  return { token: t.token, dialect: t.dialect };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

async function expectHttpError(promise: Promise<unknown>, status: number, words: string | RegExp): Promise<ApiError> {
  const err = await failure(promise);
  expect(err.kind).toBe('http');
  expect(err.status).toBe(status);
  expect(err.message).toMatch(words);
  return err;
}

function lastQuery(path: string): URLSearchParams {
  const entry = fake
    .requestLog()
    .filter((r) => r.path === path)
    .at(-1);
  return new URLSearchParams(entry?.query ?? '');
}

describe('users/token', () => {
  it('signs in and gets a token that lasts 2 hours', async () => {
    const token = await api.login(OPERATOR);
    expect(token.user_id).toBe(1);
    expect(token.token).toMatch(/^[0-9a-f]{32}$/);
    expect(token.expiration).toBe(T0 + 2 * HOUR);
  });
  it('rejects a wrong password with 401 and the server’s words', async () => {
    const err = await expectHttpError(api.login({ ...OPERATOR, password: 'nope' }), 401, 'Invalid login or password');
    expect(err.message).toMatch(/^Signing in to besmart failed: besmart answered 401/);
  });
  it('rejects a wrong workspace key with 401', async () => {
    await expectHttpError(api.login({ ...OPERATOR, workspaceKey: 'other' }), 401, /workspace key/);
  });
  it('refreshes a token into a new one with a later expiration', async () => {
    const auth = await signIn();
    clock += 30 * 60_000;
    const fresh = await api.refreshToken(auth);
    expect(fresh.token).not.toBe(auth.token);
    expect(fresh.expiration).toBe(clock + 2 * HOUR);
    expect(fake.tokenRefreshCount()).toBe(1);
    await expect(api.getSensorTypes({ token: fresh.token })).resolves.not.toHaveLength(0);
  });
  it('refuses a refresh without a token (plain-string error)', async () => {
    await expectHttpError(api.refreshToken(NO_TOKEN), 401, 'No authorization token provided');
  });
  it('refuses a refresh of an expired token', async () => {
    const auth = await signIn();
    clock += 2 * HOUR;
    await expectHttpError(api.refreshToken(auth), 401, 'Token expired');
    expect(fake.tokenRefreshCount()).toBe(0);
  });
});

describe('sensors', () => {
  it('reads a sensor with its type, position and permissions', async () => {
    const sensor = await api.getSensor(await signIn(), MAIN);
    expect(sensor).toMatchObject({
      client_cid: 1,
      sensor_mid: 1,
      name: 'Main switchboard meter',
      sensor_type_name: 'energy_meter',
      lat: 54.38,
      write: true,
    });
    expect(JSON.parse(sensor.info ?? '')).toMatchObject({ tariff: 'C12A' });
  });
  it('reports a read-only sensor as write: false', async () => {
    expect((await api.getSensor(await signIn(), READ_ONLY)).write).toBe(false);
  });
  it('answers 404 for an unknown sensor', async () => {
    const err = await expectHttpError(api.getSensor(await signIn(), UNKNOWN), 404, 'Sensor 1.99 not found');
    expect(err.message).toMatch(/^Loading sensor 1\.99 failed/);
  });
  it('answers 403 for a sensor of another client', async () => {
    await expectHttpError(api.getSensor(await signIn(), FOREIGN), 403, 'Forbidden');
  });
  it('answers 401 once the token has expired', async () => {
    const auth = await signIn();
    clock += 2 * HOUR;
    await expectHttpError(api.getSensor(auth, MAIN), 401, 'Token expired');
  });

  it('creates a sensor from query parameters and reads it back', async () => {
    const auth = await signIn();
    const id = await api.createSensor(auth, {
      name: 'New meter',
      sensor_type_id: 3,
      client_cid: 1,
      sensor_eid: 'X-1',
      lat: 50.1,
      lon: 19.9,
      info: '{"tariff": "G11"}',
      uncertain: true,
    });
    expect(id).toEqual({ client_cid: 1, sensor_mid: 6 });
    expect(lastQuery('/sensors').get('name')).toBe('New meter');
    const sensor = await api.getSensor(auth, id);
    expect(sensor).toMatchObject({
      name: 'New meter',
      sensor_eid: 'X-1',
      lat: 50.1,
      uncertain: true,
      negligible: false,
    });
  });
  it('refuses a sensor without a name with 422 naming the parameter', async () => {
    await expectHttpError(
      api.createSensor(await signIn(), { name: '', sensor_type_id: 3, client_cid: 1 }),
      422,
      "Parameter 'name' is required",
    );
  });
  it('refuses to create a sensor for a read-only user', async () => {
    await expectHttpError(
      api.createSensor(await signIn(VIEWER), { name: 'x', sensor_type_id: 3, client_cid: 1 }),
      403,
      'Forbidden',
    );
  });

  it('updates only the given fields', async () => {
    const auth = await signIn();
    await api.updateSensor(auth, MAIN, { name: 'Renamed' });
    expect([...lastQuery('/sensors/1.1').keys()]).toEqual(['name']);
    const sensor = await api.getSensor(auth, MAIN);
    expect(sensor.name).toBe('Renamed');
    expect(sensor.sensor_eid).toBe('48003752B205900000');
  });
  it('refuses to update a read-only sensor with 403', async () => {
    const auth = await signIn();
    await expectHttpError(api.updateSensor(auth, READ_ONLY, { name: 'x' }), 403, 'Forbidden');
    expect((await api.getSensor(auth, READ_ONLY)).name).not.toBe('x');
  });
  it('refuses invalid info JSON with 422', async () => {
    await expectHttpError(api.updateSensor(await signIn(), MAIN, { info: '{oops' }), 422, "Parameter 'info'");
  });
  it('answers 404 when updating an unknown sensor', async () => {
    await expectHttpError(api.updateSensor(await signIn(), UNKNOWN, { name: 'x' }), 404, 'not found');
  });

  it('deletes a sensor', async () => {
    const auth = await signIn();
    await api.deleteSensor(auth, PV);
    await expectHttpError(api.getSensor(auth, PV), 404, 'Sensor 1.2 not found');
  });
  it('refuses to delete a read-only sensor', async () => {
    await expectHttpError(api.deleteSensor(await signIn(), READ_ONLY), 403, 'Forbidden');
  });
  it('answers 404 when deleting an unknown sensor', async () => {
    await expectHttpError(api.deleteSensor(await signIn(), UNKNOWN), 404, 'Sensor 1.99 not found');
  });

  it('lists sensor types with custom-field definitions', async () => {
    const types = await api.getSensorTypes(await signIn());
    expect(types.length).toBeGreaterThanOrEqual(2);
    const meter = types.find((t) => t.name === 'energy_meter');
    expect(parseCustomFields(meter?.sensor_custom_fields ?? null).tariff).toEqual({ required: true });
  });
  it('refuses sensor types without a token', async () => {
    await expectHttpError(api.getSensorTypes(NO_TOKEN), 401, 'No authorization token provided');
  });
});

describe('meter types', () => {
  const NEW = { meter_type_id: 7, meter_type_name: 'PAFAL', number_of_phases: 1, is_ami: false, is_dcu: true };

  it('lists the client’s meter types', async () => {
    const types = await api.getMeterTypes(await signIn(), 1);
    expect(types.map((t) => t.meter_type_name)).toEqual(['CX2000-9', 'ZMG310', 'Virtual']);
    expect(types[0]).toMatchObject({ number_of_phases: 3, is_ami: true, is_dcu: false });
  });
  it('answers 403 for another client’s meter types', async () => {
    await expectHttpError(api.getMeterTypes(await signIn(), 3), 403, 'Forbidden');
  });
  it('answers 401 without a token', async () => {
    await expectHttpError(api.getMeterTypes(NO_TOKEN, 1), 401, 'No authorization token provided');
  });
  it('creates a meter type', async () => {
    const auth = await signIn();
    await api.createMeterType(auth, 1, NEW);
    expect((await api.getMeterTypes(auth, 1)).find((t) => t.id === 7)).toMatchObject({
      meter_type_name: 'PAFAL',
      is_dcu: true,
      description: null,
    });
  });
  it('refuses a duplicate meter type id with 409', async () => {
    await expectHttpError(api.createMeterType(await signIn(), 1, { ...NEW, meter_type_id: 1 }), 409, 'already exists');
  });
  it('refuses a meter type without a name with 422', async () => {
    await expectHttpError(
      api.createMeterType(await signIn(), 1, { ...NEW, meter_type_name: '' }),
      422,
      "Parameter 'meter_type_name' is required",
    );
  });
  it('updates a meter type', async () => {
    const auth = await signIn();
    await api.updateMeterType(auth, 1, { meter_type_id: 3, meter_type_name: 'Virtual 3F', number_of_phases: 3 });
    expect((await api.getMeterTypes(auth, 1)).find((t) => t.id === 3)).toMatchObject({
      meter_type_name: 'Virtual 3F',
      number_of_phases: 3,
    });
  });
  it('answers 404 when updating an unknown meter type', async () => {
    await expectHttpError(api.updateMeterType(await signIn(), 1, NEW), 404, 'Resource not found');
  });
  it('deletes a meter type, naming it with meter_type_id', async () => {
    const auth = await signIn();
    await api.deleteMeterType(auth, 1, 3);
    expect(lastQuery('/sensors/1/meters').get('meter_type_id')).toBe('3');
    expect((await api.getMeterTypes(auth, 1)).map((t) => t.id)).toEqual([1, 2]);
  });
  it('answers 404 when deleting an unknown meter type', async () => {
    await expectHttpError(api.deleteMeterType(await signIn(), 1, 77), 404, 'Resource not found');
  });
});

describe('signal types', () => {
  it('lists signal types with numeric moids, even when sent as text', async () => {
    const types = await api.getSignalTypes(await signIn());
    const bySymbol = new Map(types.map((t) => [t.symbol, t]));
    expect(bySymbol.get('A+')).toMatchObject({ signal_type_moid: 32, is_incremental: true, unit_symbol: 'kW.h' });
    expect(bySymbol.get('A-')).toMatchObject({ signal_type_moid: 33, is_incremental: true });
    expect(bySymbol.get('P')).toMatchObject({ is_incremental: false, unit_symbol: 'kW' });
    expect(bySymbol.get('T')?.unit_symbol).toBe('°C');
  });
  it('refuses an expired token', async () => {
    const auth = await signIn();
    fake.control('expire-tokens', new URLSearchParams());
    await expectHttpError(api.getSignalTypes(auth), 401, 'Token expired');
  });
});

describe('sensor states', () => {
  it('lists a meter swap as two consecutive states, the counter restarting', async () => {
    const states = await api.getSensorStates(await signIn(), MAIN);
    expect(states).toHaveLength(2);
    const [old, current] = states;
    expect(old?.till).toBe(current?.since);
    expect(current?.till).toBeNull();
    expect(old?.meter_eid).toBe('135620');
    expect(current?.meter_eid).toBe('ZE-00481');
    const oldAPlus = old?.signal_states.find((s) => s.signal_type_moid === A_PLUS);
    const newAPlus = current?.signal_states.find((s) => s.signal_type_moid === A_PLUS);
    expect(oldAPlus?.value_for_till).toBeGreaterThan(oldAPlus?.value_for_since ?? Infinity);
    expect(newAPlus?.value_for_since).toBe(0);
  });
  it('answers 404 for the states of an unknown sensor', async () => {
    await expectHttpError(api.getSensorStates(await signIn(), UNKNOWN), 404, 'Sensor 1.99 not found');
  });
  it('answers 401 without a token', async () => {
    await expectHttpError(api.getSensorStates(NO_TOKEN, MAIN), 401, 'No authorization token provided');
  });

  const before = { ...PV, since: ANCHOR - 600 * DAY, till: ANCHOR - 500 * DAY };

  it('creates a state (201) and lists it', async () => {
    const auth = await signIn();
    const created = await api.createSensorState(auth, { ...before, meter_eid: '42', meter_type_name: 'Virtual' });
    expect(created).toMatchObject({ since: before.since, till: before.till, meter_eid: '42', signal_states: [] });
    const states = await api.getSensorStates(auth, PV);
    expect(states.map((s) => s.sensor_state_id)).toContain(created.sensor_state_id);
    expect(states[0]?.sensor_state_id).toBe(created.sensor_state_id);
  });
  it('refuses an overlapping state with 409 naming the other period', async () => {
    const err = await expectHttpError(
      api.createSensorState(await signIn(), { ...PV, since: ANCHOR - 10 * DAY }),
      409,
      /another state/,
    );
    expect(err.serverMessage).toContain(new Date(ANCHOR - 450 * DAY).toISOString());
  });
  it('refuses since ≥ till with 422', async () => {
    await expectHttpError(
      api.createSensorState(await signIn(), { ...before, till: before.since }),
      422,
      "'since' must be earlier than 'till'",
    );
  });
  it('refuses a state on a read-only sensor with 403', async () => {
    await expectHttpError(
      api.createSensorState(await signIn(), { ...READ_ONLY, since: ANCHOR - 900 * DAY, till: ANCHOR - 800 * DAY }),
      403,
      'Forbidden',
    );
  });
  it('refuses an unknown meter type with 422', async () => {
    await expectHttpError(
      api.createSensorState(await signIn(), { ...before, meter_type_name: 'Nope' }),
      422,
      "'meter_type_name'",
    );
  });

  it('updates a state and reads it back', async () => {
    const auth = await signIn();
    const created = await api.createSensorState(auth, before);
    await api.updateSensorState(auth, created.sensor_state_id, { till: before.till + DAY, info: '{"a":1}' });
    expect(lastQuery(`/sensors/states/${created.sensor_state_id}`).has('since')).toBe(false);
    const saved = (await api.getSensorStates(auth, PV)).find((s) => s.sensor_state_id === created.sensor_state_id);
    expect(saved).toMatchObject({ till: before.till + DAY, info: '{"a":1}' });
  });
  it('refuses an update that makes states overlap with 409', async () => {
    const auth = await signIn();
    const created = await api.createSensorState(auth, before);
    await expectHttpError(
      api.updateSensorState(auth, created.sensor_state_id, { till: ANCHOR - 400 * DAY }),
      409,
      /another state/,
    );
  });
  it('refuses an update with since ≥ till with 422', async () => {
    const auth = await signIn();
    const created = await api.createSensorState(auth, before);
    await expectHttpError(api.updateSensorState(auth, created.sensor_state_id, { since: before.till }), 422, "'since'");
  });
  it('answers 404 when updating an unknown state', async () => {
    await expectHttpError(api.updateSensorState(await signIn(), 1, { info: '{}' }), 404, 'Sensor state 1 not found');
  });

  it('deletes a state', async () => {
    const auth = await signIn();
    const [first] = await api.getSensorStates(auth, MAIN);
    await api.deleteSensorState(auth, first?.sensor_state_id ?? 0);
    expect(await api.getSensorStates(auth, MAIN)).toHaveLength(1);
  });
  it('answers 404 when deleting an unknown state', async () => {
    await expectHttpError(api.deleteSensorState(await signIn(), 1), 404, 'Sensor state 1 not found');
  });
});

describe('signal states', () => {
  it('adds a signal state to a state (201)', async () => {
    const auth = await signIn();
    const state = await api.createSensorState(auth, { ...PV, since: ANCHOR - 600 * DAY, till: ANCHOR - 500 * DAY });
    const created = await api.createSignalState(auth, state.sensor_state_id, {
      signal_type_moid: A_PLUS,
      value_for_since: 6,
      value_for_till: 120,
      info: '{"TARIFF_NAME": "C12A"}',
    });
    expect(created).toMatchObject({
      sensor_state_id: state.sensor_state_id,
      signal_type_moid: 32,
      value_for_till: 120,
    });
    const listed = await api.getSignalStates(auth, { ...PV, signal_type_moid: A_PLUS });
    expect(listed.flatMap((s) => s.signal_states.map((x) => x.signal_state_id))).toEqual([created.signal_state_id]);
  });
  it('refuses a second signal state for the same signal with 409', async () => {
    const auth = await signIn();
    const [first] = await api.getSensorStates(auth, MAIN);
    await expectHttpError(
      api.createSignalState(auth, first?.sensor_state_id ?? 0, { signal_type_moid: A_PLUS }),
      409,
      'already has a signal state',
    );
  });
  it('answers 404 for a signal state of an unknown state', async () => {
    await expectHttpError(api.createSignalState(await signIn(), 5, { signal_type_moid: A_PLUS }), 404, 'not found');
  });
  it('lists the states holding a signal, limited to that signal', async () => {
    const states = await api.getSignalStates(await signIn(), { ...MAIN, signal_type_moid: A_PLUS });
    expect(states).toHaveLength(2);
    for (const s of states) expect(s.signal_states.map((x) => x.signal_type_moid)).toEqual([A_PLUS]);
  });
  it('answers 404 for the signal states of an unknown sensor', async () => {
    await expectHttpError(
      api.getSignalStates(await signIn(), { ...UNKNOWN, signal_type_moid: A_PLUS }),
      404,
      'Sensor 1.99 not found',
    );
  });
  it('updates a signal state and reads it back', async () => {
    const auth = await signIn();
    const [first] = await api.getSignalStates(auth, { ...MAIN, signal_type_moid: A_PLUS });
    const id = first?.signal_states[0]?.signal_state_id ?? 0;
    await api.updateSignalState(auth, id, { value_for_since: 15000 });
    const [again] = await api.getSignalStates(auth, { ...MAIN, signal_type_moid: A_PLUS });
    expect(again?.signal_states[0]?.value_for_since).toBe(15000);
    expect(again?.signal_states[0]?.value_for_till).toBe(first?.signal_states[0]?.value_for_till);
  });
  it('refuses to update a signal state of a read-only sensor', async () => {
    const auth = await signIn();
    const [first] = await api.getSensorStates(auth, READ_ONLY);
    await expectHttpError(
      api.updateSignalState(auth, first?.signal_states[0]?.signal_state_id ?? 0, { info: '{}' }),
      403,
      'Forbidden',
    );
  });
  it('answers 404 when updating an unknown signal state', async () => {
    await expectHttpError(api.updateSignalState(await signIn(), 1, { info: '{}' }), 404, 'Signal state 1 not found');
  });
  it('deletes a signal state', async () => {
    const auth = await signIn();
    const [first] = await api.getSignalStates(auth, { ...MAIN, signal_type_moid: A_PLUS });
    await api.deleteSignalState(auth, first?.signal_states[0]?.signal_state_id ?? 0);
    expect(await api.getSignalStates(auth, { ...MAIN, signal_type_moid: A_PLUS })).toHaveLength(1);
  });
  it('answers 404 when deleting an unknown signal state', async () => {
    await expectHttpError(api.deleteSignalState(await signIn(), 1), 404, 'Signal state 1 not found');
  });
});

describe('signal data', () => {
  const A_PLUS_MAIN = { ...MAIN, signal_type_moid: A_PLUS };
  const POWER_MAIN = { ...MAIN, signal_type_moid: POWER };
  const day = { since: ANCHOR - 3 * DAY, till: ANCHOR - 2 * DAY };

  async function one(auth: api.BesmartAuth, ref: api.SignalRef, query: api.SignalDataQuery) {
    const [series] = await api.getSignalData(auth, ref, query);
    if (!series) throw new Error('no series');
    return series;
  }

  it('reads a day of 15-minute data: since inclusive, till exclusive, rising counter', async () => {
    const series = await one(await signIn(), A_PLUS_MAIN, day);
    expect(series.unit).toBe('kW.h');
    expect(series.signal_type_moid).toBe(A_PLUS);
    const { time, value, origin } = series.data;
    expect(time).toHaveLength(96);
    expect(time[0]).toBe(day.since);
    expect(time.at(-1)).toBe(day.till - 15 * 60_000);
    const numbers = value.filter((v): v is number => v !== null);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThan(numbers[i - 1] ?? Infinity);
    expect(new Set(origin).has(1)).toBe(true);
  });
  it('restarts the counter at the meter swap', async () => {
    const auth = await signIn();
    const [, current] = await api.getSensorStates(auth, MAIN);
    const swap = current?.since ?? 0;
    const { data } = await one(auth, A_PLUS_MAIN, { since: swap - HOUR, till: swap + HOUR });
    const beforeSwap = data.value[data.time.indexOf(swap - 15 * 60_000)] ?? 0;
    const afterSwap = data.value[data.time.indexOf(swap)] ?? Infinity;
    expect(beforeSwap).toBeGreaterThan(10_000);
    expect(afterSwap).toBeLessThan(5);
  });
  it('aggregates with delta_t: one point per hour, the last reading of an incremental signal', async () => {
    const auth = await signIn();
    const raw = await one(auth, A_PLUS_MAIN, day);
    const hourly = await one(auth, A_PLUS_MAIN, { ...day, delta_t: 60 });
    expect(hourly.data.time).toHaveLength(24);
    expect(hourly.data.time[1]).toBe(day.since + HOUR);
    expect(hourly.data.value[0]).toBe(raw.data.value[3]);
  });
  it('aggregates power with delta_t as the mean', async () => {
    const auth = await signIn();
    const raw = await one(auth, POWER_MAIN, day);
    const daily = await one(auth, POWER_MAIN, { ...day, delta_t: 1440 });
    const values = raw.data.value.filter((v): v is number => v !== null);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(daily.data.time).toEqual([day.since]);
    expect(daily.data.value[0]).toBeCloseTo(mean, 2);
  });
  it('serves the 1-minute signal at full resolution', async () => {
    const series = await one(
      await signIn(),
      { client_cid: 1, sensor_mid: 5, signal_type_moid: POWER },
      {
        since: ANCHOR - DAY,
        till: ANCHOR - DAY + HOUR,
      },
    );
    expect(series.data.time).toHaveLength(60);
  });
  it('refuses since ≥ till with 422', async () => {
    await expectHttpError(
      api.getSignalData(await signIn(), A_PLUS_MAIN, { since: day.till, till: day.since }),
      422,
      "'since' must be earlier than 'till'",
    );
  });
  it('answers 404 for an unknown sensor or signal', async () => {
    const auth = await signIn();
    await expectHttpError(api.getSignalData(auth, { ...UNKNOWN, signal_type_moid: A_PLUS }, day), 404, 'Sensor 1.99');
    await expectHttpError(
      api.getSignalData(auth, { ...MAIN, signal_type_moid: 999 }, day),
      404,
      'Signal 999 not found',
    );
  });
  it('answers 401 once the token has expired', async () => {
    const auth = await signIn();
    clock += 2 * HOUR;
    await expectHttpError(api.getSignalData(auth, A_PLUS_MAIN, day), 401, 'Token expired');
  });

  it('stores a PUT (204, no body) as a newer record that get_last returns', async () => {
    const auth = await signIn();
    const t = day.since + HOUR;
    await expect(
      api.putSignalData(auth, POWER_MAIN, { time: [t], value: [123.4], type: ['DBL'], origin: [2] }, { unit: 'kW' }),
    ).resolves.toBeUndefined();
    const range = { since: t, till: t + 15 * 60_000 };
    const latest = await one(auth, POWER_MAIN, { ...range, get_last: true });
    expect(latest.data).toEqual({ time: [t], value: [123.4], type: ['DBL'], origin: [2] });
    const all = await one(auth, POWER_MAIN, range);
    expect(all.data.time).toEqual([t, t]);
    expect(all.data.value[1]).toBe(123.4);
    expect(all.data.value[0]).not.toBe(123.4);
  });
  it('refuses a PUT to a read-only sensor with 403', async () => {
    await expectHttpError(
      api.putSignalData(await signIn(), { ...READ_ONLY, signal_type_moid: POWER }, { time: [day.since], value: [1] }),
      403,
      'Forbidden',
    );
  });
  it('refuses a PUT whose lists differ in length with 422', async () => {
    await expectHttpError(
      api.putSignalData(await signIn(), POWER_MAIN, { time: [day.since, day.since + 1], value: [1] }),
      422,
      /value/,
    );
  });

  it('reads several series in one call', async () => {
    const series = await api.getSignalsData(await signIn(), [
      { ...A_PLUS_MAIN, ...day, delta_t: 60 },
      { client_cid: 1, sensor_mid: 3, signal_type_moid: 200, ...day, get_last: true },
    ]);
    expect(series.map((s) => [s.sensor_mid, s.unit, s.data.time.length])).toEqual([
      [1, 'kW.h', 24],
      [3, '°C', 96],
    ]);
  });
  it('refuses a multi-get item with since ≥ till with 422 naming the item', async () => {
    await expectHttpError(
      api.getSignalsData(await signIn(), [
        { ...A_PLUS_MAIN, ...day },
        { ...A_PLUS_MAIN, since: day.till, till: day.since },
      ]),
      422,
      /Item 1: .*'since'/,
    );
  });
  it('stores a multi-put and reads it back', async () => {
    const auth = await signIn();
    const t = day.since;
    await api.putSignalsData(auth, [
      { ...POWER_MAIN, data: { time: [t], value: [1.5], type: ['DBL'], origin: [1] }, unit: 'kW' },
      { client_cid: 1, sensor_mid: 3, signal_type_moid: 200, data: { time: [t], value: [null] } },
    ]);
    const [power, temp] = await api.getSignalsData(auth, [
      { ...POWER_MAIN, since: t, till: t + 1, get_last: true },
      { client_cid: 1, sensor_mid: 3, signal_type_moid: 200, since: t, till: t + 1, get_last: true },
    ]);
    expect(power?.data.value).toEqual([1.5]);
    expect(temp?.data.value).toEqual([null]);
  });
  it('refuses a multi-put touching a read-only sensor and stores none of it', async () => {
    const auth = await signIn();
    const t = day.since;
    await expectHttpError(
      api.putSignalsData(auth, [
        { ...POWER_MAIN, data: { time: [t], value: [7] } },
        { ...READ_ONLY, signal_type_moid: POWER, data: { time: [t], value: [7] } },
      ]),
      403,
      'Forbidden',
    );
    const [power] = await api.getSignalsData(auth, [{ ...POWER_MAIN, since: t, till: t + 1, get_last: true }]);
    expect(power?.data.value).not.toEqual([7]);
  });
});

describe('tasks', () => {
  const GRAPH = { nodes: [{ function: 'estimation' }, { function: 'post_estimation' }], edges: [{ from: 0, to: 1 }] };

  it('runs a graph synchronously (201) and returns its series', async () => {
    const outcome = await api.runGraph(await signIn(), GRAPH, {
      since: ANCHOR,
      till: ANCHOR + 6 * HOUR,
      task_priority: 5,
    });
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.results[0]?.data.time).toHaveLength(6);
    expect(outcome.results[0]?.data.time[0]).toBe(ANCHOR);
  });
  it('answers "accepted" for an asynchronous graph', async () => {
    expect(await api.runGraph(await signIn(), JSON.stringify(GRAPH), { task_async: true })).toEqual({
      status: 'accepted',
    });
  });
  it('refuses a graph without nodes with 422 and the server’s words', async () => {
    await expectHttpError(api.runGraph(await signIn(), '{"edges": []}'), 422, 'nodes array');
  });
  it('answers 401 without a token', async () => {
    await expectHttpError(api.runGraph(NO_TOKEN, GRAPH), 401, 'No authorization token provided');
  });

  it('runs a graph by name and reads its Python-repr answer', async () => {
    const outcome = await api.runGraphByName(await signIn(), 'estimation', [{ client_cid: 1, sensor_mid: 2 }], {
      since: ANCHOR,
    });
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.text).toContain("'hook_from': 'output'");
    expect(outcome.results[0]).toMatchObject({ client_cid: 1, sensor_mid: 2, signal_type_moid: 32, unit: 'kW.h' });
    expect(outcome.results[0]?.data.time).toHaveLength(24);
  });
  it('answers "accepted" for an asynchronous graph by name', async () => {
    expect(await api.runGraphByName(await signIn(), 'pv_forecast', '[]', { task_async: true })).toEqual({
      status: 'accepted',
    });
  });
  it('answers 404 for an unknown graph name', async () => {
    await expectHttpError(api.runGraphByName(await signIn(), 'nope', []), 404, 'Resource not found');
  });
  it('refuses a missing graph name with 422', async () => {
    await expectHttpError(api.runGraphByName(await signIn(), '', []), 422, "'graph_name' is required");
  });
});
