import { besmartTokensExpired } from '../../test/scenarios.ts';
import { setupFakeServices } from '../../test/server.ts';
import { ApiError } from '../errors.ts';
import * as api from './client.ts';
import { DIALECTS, parseCustomFields, REMOVE_TYPE, type Dialect } from './schemas.ts';

/*
 * The contract of every client function, run against the fake speaking each
 * besmart version (v0.1.5 and current). Where the versions differ on the
 * wire the expectations say how; what the caller gets back is the same.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 5, 15, 12);
/** The fake seeds relative to midnight UTC of its start day. */
const ANCHOR = Date.UTC(2025, 5, 15);
let clock = T0;

/** The fake answering now: each describe.each block points it at its version. */
const { besmart: fake, apply } = setupFakeServices({ now: () => clock });
afterEach(() => {
  clock = T0;
});

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

const requests = (method: string, path: string) =>
  fake.requestLog().filter((r) => r.method === method && r.path === path);

function lastQuery(path: string): URLSearchParams {
  const entry = fake
    .requestLog()
    .filter((r) => r.path === path)
    .at(-1);
  return new URLSearchParams(entry?.query ?? '');
}

describe.each(DIALECTS)('besmart %s', (version) => {
  const legacy = version === 'v0.1.5';
  beforeEach(() => fake.use(version));

  /**
   * A refused input: v0.1.5 words it in a sentence naming the parameter; a
   * current server lists it as `{loc, msg}`, which the client turns into a
   * message at the field.
   */
  async function expectInvalid(promise: Promise<unknown>, field: string, legacyWords: string | RegExp, msg?: RegExp) {
    const err = await failure(promise);
    expect(err.status).toBe(422);
    if (legacy) expect(err.message).toMatch(legacyWords);
    else {
      expect(err.fields.map((f) => f.field)).toContain(field);
      if (msg) expect(err.fields.find((f) => f.field === field)?.message).toMatch(msg);
      expect(err.message).not.toMatch(/[[{]/);
    }
    return err;
  }

  const noTokenWords = legacy ? 'No authorization token provided' : 'Not authenticated';

  describe('users/token', () => {
    it('signs in, learns the version and reads the expiration as ms: the token lasts 2 hours', async () => {
      const token = await api.login(OPERATOR);
      expect(token.user_id).toBe(1);
      expect(token.token).toMatch(/^[0-9a-f]{32}$/);
      expect(token.expiration).toBe(T0 + 2 * HOUR);
      expect(token.dialect).toBe(version);
      // v0.1.5 refuses the JSON body with 415 first; the text/plain retry is the same bytes.
      expect(requests('POST', '/users/token')).toHaveLength(legacy ? 2 : 1);
    });
    it('signs in with one request when the version is known from before', async () => {
      await api.login({ ...OPERATOR, dialect: version });
      expect(requests('POST', '/users/token')).toHaveLength(1);
    });
    it('rejects a wrong password with 401 and the server’s words', async () => {
      const err = await expectHttpError(api.login({ ...OPERATOR, password: 'nope' }), 401, 'Invalid login or password');
      expect(err.message).toMatch(/^Signing in to besmart failed: besmart answered 401/);
    });
    it('needs the workspace key on v0.1.5 only', async () => {
      const without = api.login({ login: 'operator', password: 'operator' });
      if (legacy) {
        const err = await expectHttpError(without, 401, /workspace key/);
        expect(err.code).toBe('WorkspaceKeyMayBeNeeded');
        await expectHttpError(api.login({ ...OPERATOR, workspaceKey: 'other' }), 401, /workspace key/);
      } else {
        await expect(without).resolves.toMatchObject({ user_id: 1, dialect: 'current' });
        await expect(api.login({ ...OPERATOR, workspaceKey: 'other' })).resolves.toMatchObject({ user_id: 1 });
      }
    });
    it('GET /users/token extends the token on v0.1.5 and only reports it on current servers', async () => {
      const auth = await signIn();
      clock += 30 * 60_000;
      const info = await api.refreshToken(auth);
      expect(fake.tokenRefreshCount()).toBe(1);
      if (legacy) {
        expect(info.token).not.toBe(auth.token);
        expect(info.expiration).toBe(clock + 2 * HOUR);
      } else {
        expect(info.token).toBe(auth.token);
        expect(info.expiration).toBe(T0 + 2 * HOUR);
      }
      await expect(api.getSensorTypes({ token: info.token })).resolves.not.toHaveLength(0);
    });
    it('refuses a refresh without a token', async () => {
      await expectHttpError(api.refreshToken(NO_TOKEN), 401, noTokenWords);
    });
    it('refuses a refresh of an expired token', async () => {
      const auth = await signIn();
      clock += 2 * HOUR;
      await expectHttpError(api.refreshToken(auth), 401, 'Token expired');
      expect(fake.tokenRefreshCount()).toBe(0);
    });
  });

  describe('sensors', () => {
    it('reads a sensor with its type, position, permissions and info as JSON text', async () => {
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
      // Fields only current servers send.
      expect(sensor).toMatchObject(
        legacy
          ? { balance_calculation: null, read: null, acq_min: null }
          : { balance_calculation: true, read: true, acq_min: 15, existing_sensor_state: true },
      );
    });
    it('reports a read-only sensor as write: false', async () => {
      expect((await api.getSensor(await signIn(), READ_ONLY)).write).toBe(false);
    });
    it('answers 404 for an unknown sensor', async () => {
      const err = await expectHttpError(api.getSensor(await signIn(), UNKNOWN), 404, 'Sensor 1.99 not found');
      expect(err.message).toMatch(/^Loading sensor 1\.99 failed/);
      expect(err.routeMissing).toBe(false);
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
      expect(await api.getSensor(auth, id)).toMatchObject({
        name: 'New meter',
        sensor_eid: 'X-1',
        lat: 50.1,
        uncertain: true,
        negligible: false,
      });
    });
    it('refuses a sensor without a name with 422 at the field', async () => {
      await expectInvalid(
        api.createSensor(await signIn(), { name: '', sensor_type_id: 3, client_cid: 1 }),
        'name',
        "Parameter 'name' is required",
        /Field required/,
      );
    });
    it('refuses to create a sensor for a read-only user', async () => {
      await expectHttpError(
        api.createSensor(await signIn(VIEWER), { name: 'x', sensor_type_id: 3, client_cid: 1 }),
        403,
        'Forbidden',
      );
    });

    it('changes only the given fields: query parameters (v0.1.5) or read → merge → whole body (current)', async () => {
      const auth = await signIn();
      await api.updateSensor(auth, MAIN, { name: 'Renamed' });
      const put = requests('PUT', '/sensors/1.1');
      expect(put).toHaveLength(1);
      if (legacy) expect([...lastQuery('/sensors/1.1').keys()]).toEqual(['name']);
      else {
        expect(put[0]?.query).toBe('');
        expect(requests('GET', '/sensors/1.1')).toHaveLength(1);
      }
      const sensor = await api.getSensor(auth, MAIN);
      expect(sensor).toMatchObject({ name: 'Renamed', sensor_eid: '48003752B205900000', lat: 54.38, lon: 18.634 });
      expect(sensor.comments).toBe('Meter swapped after a fault.');
      expect(JSON.parse(sensor.info ?? '')).toMatchObject({ tariff: 'C12A', meter_max_digits: 6 });
    });
    it('with the version unknown, sends both forms in one request and each server takes its own', async () => {
      const { token } = await signIn();
      await api.updateSensor({ token }, MAIN, { comments: 'Checked' });
      expect(requests('PUT', '/sensors/1.1')).toHaveLength(1);
      expect((await api.getSensor({ token }, MAIN)).comments).toBe('Checked');
    });
    it('refuses to update a read-only sensor with 403', async () => {
      const auth = await signIn();
      await expectHttpError(api.updateSensor(auth, READ_ONLY, { name: 'x' }), 403, 'Forbidden');
      expect((await api.getSensor(auth, READ_ONLY)).name).not.toBe('x');
    });
    it('refuses invalid info JSON with 422 at the field', async () => {
      await expectInvalid(api.updateSensor(await signIn(), MAIN, { info: '{oops' }), 'info', "Parameter 'info'");
    });
    it('answers 404 when updating an unknown sensor', async () => {
      await expectHttpError(api.updateSensor(await signIn(), UNKNOWN, { name: 'x' }), 404, 'not found');
    });

    it('deletes a sensor ("OK" or 204)', async () => {
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
      expect(meter?.is_unchangeable).toBe(legacy ? null : false);
    });
    it('refuses sensor types without a token', async () => {
      await expectHttpError(api.getSensorTypes(NO_TOKEN), 401, noTokenWords);
    });
  });

  describe('meter types', () => {
    const NEW = { meter_type_id: 7, meter_type_name: 'PAFAL', number_of_phases: 1, is_ami: false, is_dcu: true };

    it('lists the client’s meter types, named by meter_type_name or name', async () => {
      const types = await api.getMeterTypes(await signIn(), 1);
      expect(types.map((t) => t.meter_type_name)).toEqual(['CX2000-9', 'ZMG310', 'Virtual']);
      expect(types[0]).toMatchObject({ number_of_phases: 3, is_ami: true, is_dcu: false });
      expect(types[0]).toMatchObject(
        legacy
          ? { is_remote: null, prefix_name: null }
          : { is_remote: true, prefix_name: 'CX', default_cap_period: 15 },
      );
    });
    it('finds the path of an unknown server by "route missing" once, and remembers it', async () => {
      const { token } = await signIn();
      const learned: Dialect[] = [];
      const auth: api.BesmartAuth = { token, learn: (d) => learned.push(d) };
      await api.getMeterTypes(auth, 1);
      await api.getMeterTypes(auth, 1);
      expect(auth.dialect).toBe(version);
      expect(learned).toEqual([version]);
      expect(requests('GET', '/clients/1/meters')).toHaveLength(legacy ? 1 : 2);
      expect(requests('GET', '/sensors/1/meters')).toHaveLength(legacy ? 2 : 0);
    });
    it('answers 403 for another client’s meter types', async () => {
      await expectHttpError(api.getMeterTypes(await signIn(), 3), 403, 'Forbidden');
    });
    it('answers 401 without a token', async () => {
      await expectHttpError(api.getMeterTypes({ ...NO_TOKEN, dialect: version }, 1), 401, noTokenWords);
    });
    it('creates a meter type: v0.1.5 with the caller’s id, current with the id the server picks', async () => {
      const auth = await signIn();
      const created = await api.createMeterType(auth, 1, legacy ? NEW : { ...NEW, meter_type_id: undefined });
      const id = legacy ? 7 : 4;
      expect(created).toEqual(legacy ? null : expect.objectContaining({ id, meter_type_name: 'PAFAL', client_cid: 1 }));
      expect((await api.getMeterTypes(auth, 1)).find((t) => t.id === id)).toMatchObject({
        meter_type_name: 'PAFAL',
        is_dcu: true,
        description: null,
      });
    });
    it('says a v0.1.5 server needs the id before sending anything', async () => {
      const auth = await signIn();
      const sent = fake.requestLog().length;
      const attempt = api.createMeterType(auth, 1, { ...NEW, meter_type_id: undefined });
      if (legacy) {
        const err = await failure(attempt);
        expect(err.code).toBe('MeterTypeIdRequired');
        expect(err.fields.map((f) => f.field)).toEqual(['meter_type_id']);
        expect(fake.requestLog()).toHaveLength(sent);
      } else await expect(attempt).resolves.toMatchObject({ id: 4 });
    });
    it('refuses a duplicate with 409', async () => {
      const auth = await signIn();
      await expectHttpError(
        api.createMeterType(auth, 1, legacy ? { ...NEW, meter_type_id: 1 } : { ...NEW, meter_type_name: 'ZMG310' }),
        409,
        'already exists',
      );
    });
    it('refuses a meter type without a name with 422 at the field', async () => {
      await expectInvalid(
        api.createMeterType(await signIn(), 1, { ...NEW, meter_type_name: '' }),
        'name',
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
      expect(requests('PUT', legacy ? '/sensors/1/meters' : '/clients/1/meters/3')).toHaveLength(1);
    });
    it('answers 404 when updating an unknown meter type', async () => {
      await expectHttpError(api.updateMeterType(await signIn(), 1, NEW), 404, /not found/i);
    });
    it('deletes a meter type, named by meter_type_id (v0.1.5) or in the path (current)', async () => {
      const auth = await signIn();
      await api.deleteMeterType(auth, 1, 3);
      if (legacy) expect(lastQuery('/sensors/1/meters').get('meter_type_id')).toBe('3');
      else expect(requests('DELETE', '/clients/1/meters/3')).toHaveLength(1);
      expect((await api.getMeterTypes(auth, 1)).map((t) => t.id)).toEqual([1, 2]);
    });
    it('answers 404 when deleting an unknown meter type, and tries no other path', async () => {
      await expectHttpError(api.deleteMeterType(await signIn(), 1, 77), 404, /not found/i);
      expect(requests('DELETE', legacy ? '/clients/1/meters/77' : '/sensors/1/meters')).toHaveLength(0);
    });
  });

  describe('signal types', () => {
    it('lists signal types with numeric moids, is_incremental where the server has it', async () => {
      const types = await api.getSignalTypes(await signIn());
      const bySymbol = new Map(types.map((t) => [t.symbol, t]));
      expect(bySymbol.get('A+')).toMatchObject({ signal_type_moid: 32, unit_symbol: 'kW.h' });
      expect(bySymbol.get('A-')).toMatchObject({ signal_type_moid: 33 });
      expect(bySymbol.get('T')?.unit_symbol).toBe('°C');
      if (legacy) {
        expect(bySymbol.get('A+')).toMatchObject({ is_incremental: true, is_measurement: null, draw_chart: null });
        expect(bySymbol.get('P')).toMatchObject({ is_incremental: false, unit_symbol: 'kW' });
      } else {
        expect(bySymbol.get('A+')).toMatchObject({ is_incremental: null, is_measurement: true, draw_chart: true });
        expect(bySymbol.get('P')).toMatchObject({ is_incremental: null, unit_symbol: 'kW' });
      }
    });
    it('refuses an expired token', async () => {
      const auth = await signIn();
      apply(besmartTokensExpired());
      await expectHttpError(api.getSignalTypes(auth), 401, 'Token expired');
    });
  });

  describe('sensor states', () => {
    it('lists a meter swap as two consecutive states with times in ms, the counter restarting', async () => {
      const states = await api.getSensorStates(await signIn(), MAIN);
      expect(states).toHaveLength(2);
      const [old, current] = states;
      expect(old?.till).toBe(current?.since);
      expect(current?.since).toBe(ANCHOR - 120 * DAY + 10 * HOUR);
      expect(current?.till).toBeNull();
      expect(old?.meter_eid).toBe('135620');
      expect(current?.meter_eid).toBe('ZE-00481');
      expect(current).toMatchObject({ meter_type_name: 'ZMG310', meter_type_id: legacy ? null : 2 });
      const oldAPlus = old?.signal_states.find((s) => s.signal_type_moid === A_PLUS);
      const newAPlus = current?.signal_states.find((s) => s.signal_type_moid === A_PLUS);
      expect(oldAPlus?.value_for_till).toBeGreaterThan(oldAPlus?.value_for_since ?? Infinity);
      expect(newAPlus?.value_for_since).toBe(0);
      expect(newAPlus?.info).toBe(legacy ? '{"TARIFF_NAME": "C11"}' : null);
    });
    it('answers 404 for the states of an unknown sensor', async () => {
      await expectHttpError(api.getSensorStates(await signIn(), UNKNOWN), 404, 'Sensor 1.99 not found');
    });
    it('answers 401 without a token', async () => {
      await expectHttpError(api.getSensorStates(NO_TOKEN, MAIN), 401, noTokenWords);
    });

    const before = { ...PV, since: ANCHOR - 600 * DAY, till: ANCHOR - 500 * DAY };

    it('creates a state (201) with its meter type by name and id, and lists it with the same times', async () => {
      const auth = await signIn();
      const created = await api.createSensorState(auth, {
        ...before,
        meter_eid: '42',
        meter_type_name: 'Virtual',
        meter_type_id: 3,
      });
      expect(created).toMatchObject({
        since: before.since,
        till: before.till,
        meter_eid: '42',
        meter_type_name: 'Virtual',
        signal_states: [],
      });
      const states = await api.getSensorStates(auth, PV);
      expect(states[0]).toMatchObject({
        sensor_state_id: created.sensor_state_id,
        since: before.since,
        till: before.till,
        meter_type_name: 'Virtual',
      });
    });
    it('refuses an overlapping state with 409 naming the other period', async () => {
      const err = await expectHttpError(
        api.createSensorState(await signIn(), { ...PV, since: ANCHOR - 10 * DAY }),
        409,
        /another state/,
      );
      expect(err.serverMessage).toContain(new Date(ANCHOR - 450 * DAY).toISOString());
    });
    it('refuses since ≥ till with 422 at since', async () => {
      await expectInvalid(
        api.createSensorState(await signIn(), { ...before, till: before.since }),
        'since',
        "'since' must be earlier than 'till'",
        /since is same or greater than date till/,
      );
    });
    it('refuses a state on a read-only sensor with 403', async () => {
      await expectHttpError(
        api.createSensorState(await signIn(), { ...READ_ONLY, since: ANCHOR - 900 * DAY, till: ANCHOR - 800 * DAY }),
        403,
        'Forbidden',
      );
    });
    it('refuses an unknown meter type with 422 at the field the server reads', async () => {
      await expectInvalid(
        api.createSensorState(await signIn(), { ...before, meter_type_name: 'Nope', meter_type_id: 99 }),
        'meter_type_id',
        "'meter_type_name'",
      );
    });

    it('updates a state and reads it back', async () => {
      const auth = await signIn();
      const created = await api.createSensorState(auth, before);
      await api.updateSensorState(auth, created.sensor_state_id, { till: before.till + DAY, info: '{"a":1}' });
      expect(lastQuery(`/sensors/states/${created.sensor_state_id}`).has('since')).toBe(false);
      const saved = (await api.getSensorStates(auth, PV)).find((s) => s.sensor_state_id === created.sensor_state_id);
      expect(saved).toMatchObject({ till: before.till + DAY });
      expect(JSON.parse(saved?.info ?? '')).toEqual({ a: 1 });
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
      await expectInvalid(
        api.updateSensorState(auth, created.sensor_state_id, { since: before.till }),
        'since',
        "'since'",
      );
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
    it('adds a signal state to a state (201); info only where the server keeps it', async () => {
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
        info: legacy ? '{"TARIFF_NAME": "C12A"}' : null,
      });
      expect(lastQuery(`/sensors/states/${state.sensor_state_id}/signals`).has('info')).toBe(legacy);
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
    it('updates a signal state by PUT (v0.1.5) or PATCH (current) and reads it back', async () => {
      const auth = await signIn();
      const [first] = await api.getSignalStates(auth, { ...MAIN, signal_type_moid: A_PLUS });
      const id = first?.signal_states[0]?.signal_state_id ?? 0;
      await api.updateSignalState(auth, id, { value_for_since: 15000 });
      const path = `/sensors/states/signals/${id}`;
      expect([requests('PUT', path).length, requests('PATCH', path).length]).toEqual(legacy ? [1, 0] : [0, 1]);
      const [again] = await api.getSignalStates(auth, { ...MAIN, signal_type_moid: A_PLUS });
      expect(again?.signal_states[0]?.value_for_since).toBe(15000);
      expect(again?.signal_states[0]?.value_for_till).toBe(first?.signal_states[0]?.value_for_till);
    });
    it('with the version unknown, a PATCH that v0.1.5 does not route is followed by one PUT: written once', async () => {
      const { token } = await signIn();
      const [first] = await api.getSignalStates({ token }, { ...MAIN, signal_type_moid: A_PLUS });
      const id = first?.signal_states[0]?.signal_state_id ?? 0;
      await api.updateSignalState({ token }, id, { value_for_till: 99 });
      const path = `/sensors/states/signals/${id}`;
      expect(requests('PUT', path)).toHaveLength(legacy ? 1 : 0);
      expect(requests('PATCH', path)).toHaveLength(1);
    });
    it('refuses to update a signal state of a read-only sensor', async () => {
      const auth = await signIn();
      const [first] = await api.getSensorStates(auth, READ_ONLY);
      await expectHttpError(
        api.updateSignalState(auth, first?.signal_states[0]?.signal_state_id ?? 0, { value_for_since: 1 }),
        403,
        'Forbidden',
      );
    });
    it('answers 404 when updating an unknown signal state', async () => {
      await expectHttpError(
        api.updateSignalState(await signIn(), 1, { value_for_since: 1 }),
        404,
        'Signal state 1 not found',
      );
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
    it('reads a range without points as an empty series', async () => {
      const series = await one(await signIn(), A_PLUS_MAIN, { since: ANCHOR + 2 * DAY, till: ANCHOR + 3 * DAY });
      expect(series.data).toEqual({ time: [], value: [], type: [], origin: [] });
    });
    it('sends times as integers even when given fractions', async () => {
      await one(await signIn(), A_PLUS_MAIN, { since: day.since + 0.4, till: day.till + 0.6 });
      expect(lastQuery('/sensors/1.1/signals/32/data').get('since')).toBe(String(day.since));
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
    it('keeps only the asked origin', async () => {
      const auth = await signIn();
      const range = { since: ANCHOR - 60 * DAY, till: ANCHOR };
      const single = await one(auth, POWER_MAIN, { ...range, signal_origin_id: 4 });
      const [multi] = await api.getSignalsData(auth, [{ ...POWER_MAIN, ...range, signal_origin_id: 4 }]);
      expect(single.data.time.length).toBeGreaterThan(0);
      expect(new Set(single.data.origin)).toEqual(new Set([4]));
      expect(multi?.data.time).toEqual(single.data.time);
    });
    it('serves the 1-minute signal at full resolution', async () => {
      const series = await one(
        await signIn(),
        { client_cid: 1, sensor_mid: 5, signal_type_moid: POWER },
        { since: ANCHOR - DAY, till: ANCHOR - DAY + HOUR },
      );
      expect(series.data.time).toHaveLength(60);
    });
    it('refuses since ≥ till with 422', async () => {
      await expectInvalid(
        api.getSignalData(await signIn(), A_PLUS_MAIN, { since: day.till, till: day.since }),
        'since',
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

    it('stores a PUT as a newer record that get_last returns', async () => {
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
    it('deletes a point with type "RM": it is gone from every read', async () => {
      const auth = await signIn();
      const t = day.since + HOUR;
      const range = { since: t, till: t + 1 };
      const [before] = (await one(auth, POWER_MAIN, { ...range, get_last: true })).data.origin;
      await api.putSignalData(auth, POWER_MAIN, { time: [t], value: [0], type: [REMOVE_TYPE], origin: [before ?? 1] });
      expect((await one(auth, POWER_MAIN, { ...range, get_last: true })).data.time).toEqual([]);
      const [multi] = await api.getSignalsData(auth, [{ ...POWER_MAIN, ...range }]);
      expect(multi?.data.time).toEqual([]);
    });
    it('refuses a PUT to a read-only sensor with 403', async () => {
      await expectHttpError(
        api.putSignalData(await signIn(), { ...READ_ONLY, signal_type_moid: POWER }, { time: [day.since], value: [1] }),
        403,
        'Forbidden',
      );
    });
    it('refuses a PUT whose lists differ in length with 422', async () => {
      await expectInvalid(
        api.putSignalData(await signIn(), POWER_MAIN, { time: [day.since, day.since + 1], value: [1] }),
        'value',
        /value/,
      );
    });

    it('reads several series in one call, matched to their requests', async () => {
      const series = await api.getSignalsData(await signIn(), [
        { ...A_PLUS_MAIN, ...day, delta_t: 60 },
        { client_cid: 1, sensor_mid: 3, signal_type_moid: 200, ...day, get_last: true },
      ]);
      expect(series.map((s) => [s.sensor_mid, s.unit, s.data.time.length])).toEqual([
        [1, 'kW.h', 24],
        [3, '°C', 96],
      ]);
    });
    it('refuses a multi-get item with since ≥ till with 422 naming it', async () => {
      await expectInvalid(
        api.getSignalsData(await signIn(), [
          { ...A_PLUS_MAIN, ...day },
          { ...A_PLUS_MAIN, since: day.till, till: day.since },
        ]),
        'since',
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

    it('runs a raw graph on v0.1.5 (201) and says a current server does not offer it', async () => {
      const auth = await signIn();
      const run = api.runGraph(auth, GRAPH, { since: ANCHOR, till: ANCHOR + 6 * HOUR, task_priority: 5 });
      expect(api.offersRawGraphs(version)).toBe(legacy);
      if (!legacy) {
        const err = await failure(run);
        expect(err.code).toBe('NotOffered');
        expect(err.message).toMatch(/does not offer running a graph/);
        return;
      }
      const outcome = await run;
      expect(outcome.status).toBe('done');
      if (outcome.status !== 'done') return;
      expect(outcome.results[0]?.data.time).toHaveLength(6);
      expect(outcome.results[0]?.data.time[0]).toBe(ANCHOR);
    });
    it('answers "accepted" for an asynchronous raw graph (v0.1.5)', async () => {
      if (!legacy) return;
      expect(await api.runGraph(await signIn(), JSON.stringify(GRAPH), { task_async: true })).toEqual({
        status: 'accepted',
      });
    });
    it('refuses a raw graph without nodes with 422 and the server’s words (v0.1.5)', async () => {
      if (!legacy) return;
      await expectHttpError(api.runGraph(await signIn(), '{"edges": []}'), 422, 'nodes array');
    });

    it('runs a graph by name and reads its answer (a Python repr on v0.1.5, JSON today)', async () => {
      const outcome = await api.runGraphByName(await signIn(), 'estimation', [{ client_cid: 1, sensor_mid: 2 }], {
        since: ANCHOR,
      });
      expect(outcome.status).toBe('done');
      if (outcome.status !== 'done') return;
      if (legacy) expect(outcome.text).toContain("'hook_from': 'output'");
      expect(outcome.results[0]).toMatchObject({ client_cid: 1, sensor_mid: 2, signal_type_moid: 32, unit: 'kW.h' });
      expect(outcome.results[0]?.data.time).toHaveLength(24);
    });
    it('sends priority and "in the background" only to v0.1.5; current servers run at once', async () => {
      const outcome = await api.runGraphByName(await signIn(), 'pv_forecast', '[]', {
        task_async: true,
        task_priority: 3,
      });
      expect(lastQuery('/tasks/graphs/run/name').has('task_priority')).toBe(legacy);
      expect(api.ignoredTaskOptions(version)).toEqual(legacy ? [] : ['task_priority', 'task_async']);
      expect(outcome.status).toBe(legacy ? 'accepted' : 'done');
    });
    it('answers 404 for an unknown graph name', async () => {
      await expectHttpError(api.runGraphByName(await signIn(), 'nope', []), 404, /not found/i);
    });
    it('refuses a missing graph name with 422', async () => {
      await expectInvalid(api.runGraphByName(await signIn(), '', []), 'graph_name', "'graph_name' is required");
    });
  });
});
