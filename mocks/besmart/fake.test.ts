import { z } from 'zod';
import { DIALECTS, seriesListSchema, sensorStatesSchema, type Dialect } from '../../src/api/besmart/schemas.ts';
import type { FakeResponse } from '../types.ts';
import { BESMART_MINUTE_SIGNAL, createBesmartSeed } from './data.ts';
import { besmartApiFromEnv, createBesmartFake, TOKEN_LIFETIME_MS } from './fake.ts';
import { DAY, HOUR, generate } from './series.ts';

const T0 = Date.UTC(2025, 5, 15, 12);
const ANCHOR = Date.UTC(2025, 5, 15);

function setupOf(dataset: 'default' | 'large' = 'default', version: Dialect = 'v0.1.5') {
  let clock = T0;
  const fake = createBesmartFake({ now: () => clock, dataset, version });
  const token = fake.issueToken().token;
  const request = (
    method: string,
    path: string,
    query: Record<string, string> = {},
    body = '',
    auth = token,
    headers: Record<string, string> = {},
  ) =>
    fake.handle({
      method,
      path,
      query: new URLSearchParams(query),
      headers: { ...headers, ...(auth === '' ? {} : { authorization: `Bearer ${auth}` }) },
      body,
    });
  const series = async (path: string, query: Record<string, string>) => {
    const res = await request('GET', path, query);
    expect(res.status).toBe(200);
    const [first] = seriesListSchema.parse(JSON.parse(res.body));
    if (!first) throw new Error('no series');
    return first.data;
  };
  return { fake, token, request, series, advance: (ms: number) => (clock += ms) };
}

const range = (since: number, till: number) => ({ since: String(since), till: String(till) });

describe.each(DIALECTS)('series (%s)', (version) => {
  const setup = (dataset: 'default' | 'large' = 'default') => setupOf(dataset, version);

  it('reaches back more than 400 days, one day in 61 missing', async () => {
    const { series } = setup();
    const daily = await series('/sensors/1.1/signals/64/data', {
      ...range(ANCHOR - 420 * DAY, ANCHOR),
      delta_t: '1440',
    });
    expect(daily.time[0]).toBe(ANCHOR - 420 * DAY);
    expect(daily.time.length).toBeGreaterThanOrEqual(412);
    expect(daily.time.length).toBeLessThanOrEqual(414);
  });
  it('keeps cumulative counters rising within a state over months', async () => {
    const { series } = setup();
    const data = await series('/sensors/1.1/signals/32/data', range(ANCHOR - 110 * DAY, ANCHOR));
    const values = data.value.filter((v): v is number => v !== null);
    expect(values.length).toBeGreaterThan(9000);
    expect(values.every((v, i) => i === 0 || v > (values[i - 1] ?? Infinity))).toBe(true);
  });
  it('has a few null values and some estimated points', async () => {
    const { series } = setup();
    const data = await series('/sensors/1.1/signals/64/data', range(ANCHOR - 365 * DAY, ANCHOR));
    const nulls = data.value.filter((v) => v === null).length;
    const estimated = data.origin.filter((o) => o === 4).length;
    expect(nulls).toBeGreaterThan(0);
    expect(nulls).toBeLessThan(100);
    expect(estimated / data.origin.length).toBeGreaterThan(0.005);
    expect(estimated / data.origin.length).toBeLessThan(0.05);
  });
  it('shapes power by the time of day and temperature by the season', async () => {
    const { series } = setup();
    const pv = await series('/sensors/1.2/signals/64/data', range(ANCHOR - 2 * DAY, ANCHOR - DAY));
    expect(pv.value[pv.time.indexOf(ANCHOR - 2 * DAY + 2 * HOUR)]).toBe(0);
    expect(pv.value[pv.time.indexOf(ANCHOR - 2 * DAY + 12 * HOUR)]).toBeGreaterThan(3);
    const temp = await series('/sensors/1.3/signals/200/data', {
      ...range(ANCHOR - 400 * DAY, ANCHOR),
      delta_t: '1440',
    });
    const winter = temp.value[temp.time.indexOf(Date.UTC(2025, 0, 20))] ?? NaN;
    const summer = temp.value[temp.time.indexOf(Date.UTC(2024, 6, 20))] ?? NaN;
    expect(summer - winter).toBeGreaterThan(10);
  });
  it('ends at the clock and grows as it advances', async () => {
    const { series, advance } = setup();
    const q = range(T0 - HOUR, T0 + 2 * HOUR);
    expect((await series('/sensors/1.1/signals/64/data', q)).time.at(-1)).toBe(T0);
    advance(HOUR);
    expect((await series('/sensors/1.1/signals/64/data', q)).time.at(-1)).toBe(T0 + HOUR);
  });
  it('gives the 1-minute signal 525,600 points in 365 days', () => {
    const seed = createBesmartSeed({ anchor: ANCHOR, dataset: 'default', seed: 1 });
    const plan = seed.plans.find(
      (p) =>
        p.client_cid === BESMART_MINUTE_SIGNAL.client_cid &&
        p.sensor_mid === BESMART_MINUTE_SIGNAL.sensor_mid &&
        p.signal_type_moid === BESMART_MINUTE_SIGNAL.signal_type_moid,
    );
    if (!plan) throw new Error('no minute plan');
    expect(plan.stepMinutes).toBe(1);
    expect(plan.gaps).toBe(false);
    expect(generate(plan, ANCHOR - 2 * DAY, ANCHOR, T0).time).toHaveLength(2880);
    expect(plan.segments[0]?.since).toBeLessThanOrEqual(ANCHOR - 365 * DAY);
  });
  it('matches the seeded value_for_till at the end of the old state', async () => {
    const { request, series } = setup();
    const states = sensorStatesSchema.parse(
      JSON.parse((await request('GET', '/sensors/states', { client_cid: '1', sensor_mid: '1' })).body),
    );
    const old = states[0];
    const till = old?.till ?? 0;
    const data = await series('/sensors/1.1/signals/32/data', range(till - HOUR, till));
    const last = data.value.at(-1) ?? 0;
    const expected = old?.signal_states.find((s) => s.signal_type_moid === 32)?.value_for_till ?? 0;
    expect(expected - last).toBeGreaterThan(0);
    expect(expected - last).toBeLessThan(2);
  });
  it('is deterministic', async () => {
    const a = setup();
    const b = setup();
    const q = range(ANCHOR - 7 * DAY, ANCHOR);
    expect(await a.series('/sensors/1.3/signals/200/data', q)).toEqual(
      await b.series('/sensors/1.3/signals/200/data', q),
    );
  });
  it('filters by signal_origin_id', async () => {
    const { series } = setup();
    const data = await series('/sensors/1.1/signals/64/data', {
      ...range(ANCHOR - 60 * DAY, ANCHOR),
      signal_origin_id: '4',
    });
    expect(data.time.length).toBeGreaterThan(0);
    expect(new Set(data.origin)).toEqual(new Set([4]));
  });
  it('keeps every record without get_last and the newest with it, edits included', async () => {
    const { request, series } = setup();
    const t = ANCHOR - DAY;
    const put = (v: number) =>
      request(
        'PUT',
        '/sensors/1.1/signals/64/data',
        {},
        JSON.stringify({ time: [t], value: [v], type: ['DBL'], origin: [1] }),
      );
    // v0.1.5 answers "OK", current servers 204 with no body.
    expect((await put(1)).status).toBe(version === 'v0.1.5' ? 200 : 204);
    expect((await put(2)).body).toBe(version === 'v0.1.5' ? '"OK"' : '');
    expect((await series('/sensors/1.1/signals/64/data', range(t, t + 1))).value.slice(1)).toEqual([1, 2]);
    expect((await series('/sensors/1.1/signals/64/data', { ...range(t, t + 1), get_last: 'true' })).value).toEqual([2]);
  });
});

const setup = (dataset: 'default' | 'large' = 'default') => setupOf(dataset, 'v0.1.5');

describe('protocol (v0.1.5)', () => {
  const problem = (res: FakeResponse) => ({
    status: res.status,
    type: res.headers['content-type'],
    body: JSON.parse(res.body) as unknown,
  });

  it('accepts a login body sent as a JSON-encoded string', async () => {
    const { fake } = setup();
    const res = await fake.handle({
      method: 'POST',
      path: '/users/token',
      query: new URLSearchParams(),
      headers: { 'x-auth': 'demo-workspace' },
      body: JSON.stringify(JSON.stringify({ login: 'operator', password: 'operator' })),
    });
    expect(res.status).toBe(200);
    expect(fake.loginCount()).toBe(1);
  });
  it('answers problem+json on some errors and a plain JSON string on others', async () => {
    const { request } = setup();
    expect(problem(await request('GET', '/sensors/1.99'))).toMatchObject({
      status: 404,
      type: 'application/problem+json',
      body: { status: 404, title: 'Not Found', detail: 'Sensor 1.99 not found' },
    });
    expect(problem(await request('GET', '/sensors/types', {}, '', ''))).toEqual({
      status: 401,
      type: 'application/json',
      body: 'No authorization token provided',
    });
  });
  it('keeps a token valid until exactly 2 hours after issue', async () => {
    const { request, advance } = setup();
    advance(TOKEN_LIFETIME_MS - 1);
    expect((await request('GET', '/sensors/types')).status).toBe(200);
    advance(1);
    expect((await request('GET', '/sensors/types')).status).toBe(401);
  });
  it('answers 404 for unknown paths and 405 for unknown methods', async () => {
    const { request } = setup();
    expect((await request('GET', '/nope')).status).toBe(404);
    expect((await request('PATCH', '/sensors/1.1')).status).toBe(405);
    expect((await request('GET', '/sensors/abc')).status).toBe(404);
  });
  it('logs requests and counts refreshes', async () => {
    const { fake, request } = setup();
    await request('GET', '/users/token');
    await request('GET', '/users/token');
    expect(fake.tokenRefreshCount()).toBe(2);
    expect(fake.requestLog().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /users/token', 'GET /users/token']);
  });
});

describe('control', () => {
  it('expires every token', async () => {
    const { fake, request } = setup();
    expect(fake.control('expire-tokens', new URLSearchParams()).status).toBe(200);
    expect(JSON.parse((await request('GET', '/sensors/1.1')).body)).toMatchObject({
      status: 401,
      detail: 'Token expired',
    });
    expect(JSON.parse((await request('GET', '/sensors/types')).body)).toBe('Token expired');
  });
  it('resets to the seed: edits, tokens and counters are gone', async () => {
    const { fake, request, token } = setup();
    await request('PUT', '/sensors/1.1', { name: 'Renamed' });
    await request('GET', '/users/token');
    expect(fake.control('reset', new URLSearchParams()).status).toBe(200);
    expect(fake.tokenRefreshCount()).toBe(0);
    expect((await request('GET', '/sensors/1.1', {}, '', token)).status).toBe(401);
    const fresh = fake.issueToken().token;
    expect(JSON.parse((await request('GET', '/sensors/1.1', {}, '', fresh)).body)).toMatchObject({
      name: 'Main switchboard meter',
    });
  });
  it('advances its clock: a token runs out once its two hours have passed, and reset puts the clock back', async () => {
    const { fake, request } = setup();
    expect(fake.control('advance-clock', new URLSearchParams({ ms: String(TOKEN_LIFETIME_MS - 1_000) })).status).toBe(
      200,
    );
    expect((await request('GET', '/sensors/1.1')).status).toBe(200);
    expect(fake.control('advance-clock', new URLSearchParams({ ms: '1000' })).status).toBe(200);
    expect((await request('GET', '/sensors/1.1')).status).toBe(401);
    expect(fake.control('advance-clock', new URLSearchParams({ ms: 'soon' })).status).toBe(422);
  });
  it('answers 404 for an unknown action', () => {
    expect(setup().fake.control('explode', new URLSearchParams()).status).toBe(404);
  });
});

describe('datasets', () => {
  it('adds sensors in the large dataset', async () => {
    const small = setup();
    const large = setup('large');
    expect((await small.request('GET', '/sensors/1.20')).status).toBe(404);
    expect((await large.request('GET', '/sensors/1.20')).status).toBe(200);
    expect((await large.request('GET', '/sensors/1.35')).status).toBe(200);
  });
});

describe('choosing the version', () => {
  it('reads BESMART_API, current by default', () => {
    expect(besmartApiFromEnv(undefined)).toBe('current');
    expect(besmartApiFromEnv('')).toBe('current');
    expect(besmartApiFromEnv('v0.1.5')).toBe('v0.1.5');
    expect(besmartApiFromEnv('0.1.5')).toBe('v0.1.5');
    expect(besmartApiFromEnv('current')).toBe('current');
    expect(() => besmartApiFromEnv('v2')).toThrow(/BESMART_API must be one of v0\.1\.5, current/);
    expect(createBesmartFake().version).toBe('current');
  });
});

describe('each version on the wire', () => {
  const body = (res: FakeResponse): unknown => (res.body === '' ? undefined : JSON.parse(res.body));
  const login = (version: Dialect, contentType: string, xAuth?: string) =>
    setupOf('default', version).fake.handle({
      method: 'POST',
      path: '/users/token',
      query: new URLSearchParams(),
      headers: { 'content-type': contentType, ...(xAuth === undefined ? {} : { 'x-auth': xAuth }) },
      body: JSON.stringify({ login: 'operator', password: 'operator' }),
    });

  it('signs in: v0.1.5 takes text/plain with X-Auth and answers ms; current takes JSON without it and answers seconds', async () => {
    const legacyJson = await login('v0.1.5', 'application/json', 'demo-workspace');
    expect(legacyJson.status).toBe(415);
    expect(legacyJson.headers['content-type']).toBe('application/problem+json');
    expect((await login('v0.1.5', 'text/plain')).status).toBe(401);
    const legacy = await login('v0.1.5', 'text/plain', 'demo-workspace');
    expect(body(legacy)).toMatchObject({ expiration: T0 + TOKEN_LIFETIME_MS, user_id: 1 });

    const currentText = await login('current', 'text/plain');
    expect(currentText.status).toBe(422);
    expect(body(currentText)).toMatchObject({ detail: [{ loc: ['body'] }] });
    const current = await login('current', 'application/json');
    expect(body(current)).toMatchObject({ expiration: (T0 + TOKEN_LIFETIME_MS) / 1000, user_id: 1 });
    expect(body(current)).toHaveProperty('account_status');
    // A workspace key does no harm today.
    expect((await login('current', 'application/json', 'anything')).status).toBe(200);
  });

  it('GET /users/token extends a v0.1.5 token and only reports a current one', async () => {
    const legacy = setupOf('default', 'v0.1.5');
    legacy.advance(HOUR);
    expect(body(await legacy.request('GET', '/users/token'))).toMatchObject({
      expiration: T0 + HOUR + TOKEN_LIFETIME_MS,
    });
    const current = setupOf('default', 'current');
    current.advance(HOUR);
    expect(body(await current.request('GET', '/users/token'))).toMatchObject({
      token: current.token,
      expiration: (T0 + TOKEN_LIFETIME_MS) / 1000,
    });
    current.advance(HOUR);
    expect((await current.request('GET', '/sensors/types')).status).toBe(401);
  });

  it('reads sensors, states and signal types in each version’s shape', async () => {
    const legacy = setupOf('default', 'v0.1.5');
    const current = setupOf('default', 'current');
    expect(body(await legacy.request('GET', '/sensors/1.1'))).toMatchObject({ info: expect.any(String) });
    expect(body(await legacy.request('GET', '/sensors/1.1'))).not.toHaveProperty('balance_calculation');
    expect(body(await current.request('GET', '/sensors/1.1'))).toMatchObject({
      info: { tariff: 'C12A' },
      balance_calculation: true,
      read: true,
      acq_min: 15,
    });
    const q = { client_cid: '1', sensor_mid: '1' };
    const [oldState] = z
      .array(z.record(z.string(), z.unknown()))
      .parse(body(await legacy.request('GET', '/sensors/states', q)));
    const [newState] = z
      .array(z.record(z.string(), z.unknown()))
      .parse(body(await current.request('GET', '/sensors/states', q)));
    expect(typeof oldState?.since).toBe('number');
    expect(newState?.since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(newState).toMatchObject({ meter_type_id: 1, meter_type_name: 'CX2000-9', meter_type_is_dcu: false });
    const oldTypes = JSON.stringify(body(await legacy.request('GET', '/sensors/signals/types')));
    const newTypes = JSON.stringify(body(await current.request('GET', '/sensors/signals/types')));
    expect(oldTypes).toContain('"is_incremental":true');
    expect(newTypes).not.toContain('is_incremental');
    expect(newTypes).toContain('"is_measurement":true');
  });

  it('answers a single series as a list (v0.1.5) or one object without data when empty (current)', async () => {
    const q = range(ANCHOR - DAY, ANCHOR);
    expect(
      Array.isArray(body(await setupOf('default', 'v0.1.5').request('GET', '/sensors/1.1/signals/64/data', q))),
    ).toBe(true);
    const current = setupOf('default', 'current');
    expect(body(await current.request('GET', '/sensors/1.1/signals/64/data', q))).toMatchObject({
      signal_type_moid: 64,
      data: { time: expect.any(Array) },
      time_tstorage: expect.any(Number),
    });
    const empty = body(
      await current.request('GET', '/sensors/1.1/signals/64/data', range(ANCHOR + DAY, ANCHOR + 2 * DAY)),
    );
    expect(empty).not.toHaveProperty('data');
    const fraction = await current.request('GET', '/sensors/1.1/signals/64/data', { since: '1.5', till: '3' });
    expect(body(fraction)).toMatchObject({ detail: [{ loc: ['query', 'since'], type: 'int_from_float' }] });
  });

  it('keeps meter types under /sensors (v0.1.5) or /clients (current); the other path is a missing route', async () => {
    const legacy = setupOf('default', 'v0.1.5');
    const current = setupOf('default', 'current');
    expect(body(await legacy.request('GET', '/clients/1/meters'))).toMatchObject({ status: 404, title: 'Not Found' });
    expect(body(await current.request('GET', '/sensors/1/meters'))).toEqual({ detail: 'Not Found' });
    const created = await current.request(
      'POST',
      '/clients/1/meters',
      {},
      JSON.stringify({ name: 'PAFAL', number_of_phases: 1, is_remote: true }),
      current.token,
      { 'content-type': 'application/json' },
    );
    expect(created.status).toBe(201);
    expect(body(created)).toMatchObject({ id: 4, name: 'PAFAL', client_cid: 1, is_remote: true });
    const updated = await current.request('PUT', '/clients/1/meters/4', { name: 'PAFAL 2', number_of_phases: '3' });
    expect(updated.status).toBe(204);
    expect((await current.request('DELETE', '/clients/1/meters/4')).status).toBe(204);
    const legacyCreated = await legacy.request('POST', '/sensors/1/meters', {
      meter_type_id: '9',
      meter_type_name: 'PAFAL',
      number_of_phases: '1',
    });
    expect([legacyCreated.status, body(legacyCreated)]).toEqual([201, 'Created']);
  });

  it('changes a sensor by query (v0.1.5) or by a whole JSON body (current), refusing the other form', async () => {
    const legacy = setupOf('default', 'v0.1.5');
    expect(body(await legacy.request('PUT', '/sensors/1.1', { name: 'Renamed' }))).toBe('OK');
    const current = setupOf('default', 'current');
    const queryOnly = await current.request('PUT', '/sensors/1.1', { name: 'Renamed' });
    expect([queryOnly.status, body(queryOnly)]).toEqual([
      422,
      { detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }] },
    ]);
    const partial = await current.request(
      'PUT',
      '/sensors/1.1',
      {},
      JSON.stringify({ name: 'Renamed' }),
      current.token,
      {
        'content-type': 'application/json',
      },
    );
    expect(body(partial)).toEqual({
      detail: [{ loc: ['body', 'sensor_type_id'], msg: 'Field required', type: 'missing' }],
    });
    const whole = await current.request(
      'PUT',
      '/sensors/1.1',
      {},
      JSON.stringify({ name: 'Renamed', sensor_type_id: 3, info: '{"tariff": "G11"}' }),
      current.token,
      { 'content-type': 'application/json' },
    );
    expect([whole.status, whole.body]).toEqual([204, '']);
    expect(body(await current.request('GET', '/sensors/1.1'))).toMatchObject({
      name: 'Renamed',
      info: { tariff: 'G11' },
      lat: null,
    });
  });

  it('updates signal states by PUT (both) or PATCH (current only)', async () => {
    const legacy = setupOf('default', 'v0.1.5');
    expect(body(await legacy.request('PATCH', '/sensors/states/signals/798600'))).toMatchObject({ status: 405 });
    expect(body(await legacy.request('PUT', '/sensors/states/signals/798600', { value_for_since: '1' }))).toBe('OK');
    const current = setupOf('default', 'current');
    const patched = await current.request(
      'PATCH',
      '/sensors/states/signals/798600',
      {},
      JSON.stringify({ value_for_since: 7 }),
      current.token,
      { 'content-type': 'application/json' },
    );
    expect(patched.status).toBe(204);
    expect((await current.request('PUT', '/sensors/states/signals/798600', { value_for_till: '9' })).status).toBe(204);
  });

  it('reads the multi-get options under each version’s names', async () => {
    const item = { client_cid: 1, sensor_mid: 1, signal_type_moid: 64, since: ANCHOR - 60 * DAY, till: ANCHOR };
    const origins = async (version: Dialect, path: string, extra: Record<string, unknown>) => {
      const f = setupOf('default', version);
      const [first] = seriesListSchema.parse(
        body(await f.request('POST', path, {}, JSON.stringify([{ ...item, ...extra }]))),
      );
      return new Set(first?.data.origin);
    };
    expect(await origins('v0.1.5', '/sensors/signals/data', { signal_origin_id: 4 })).toEqual(new Set([4]));
    expect(await origins('v0.1.5', '/sensors/signals/data', { origin_id: 4 })).toEqual(new Set([1, 4]));
    expect(await origins('current', '/sensors/signals/data', { origin_id: 4 })).toEqual(new Set([4]));
    expect(await origins('current', '/sensors/signals/data', { signal_origin_id: 4 })).toEqual(new Set([1, 4]));
    expect(await origins('current', '/sensors/signals/data/v2', { signal_origin_id: 4 })).toEqual(new Set([4]));
  });

  it.each(DIALECTS)(
    'deletes a point with type "RM" at its time and origin (%s); a later write shows again',
    async (version) => {
      const f = setupOf('default', version);
      const t = ANCHOR - DAY;
      const q = { ...range(t, t + 1), get_last: 'true' };
      const put = (value: number, type: string, origin = 1) =>
        f.request(
          'PUT',
          '/sensors/1.1/signals/64/data',
          {},
          JSON.stringify({ time: [t], value: [value], type: [type], origin: [origin] }),
        );
      expect((await f.series('/sensors/1.1/signals/64/data', q)).time).toEqual([t]);
      await put(0, 'RM', 2);
      expect((await f.series('/sensors/1.1/signals/64/data', q)).time).toEqual([t]);
      await put(0, 'RM');
      expect((await f.series('/sensors/1.1/signals/64/data', q)).time).toEqual([]);
      expect((await f.series('/sensors/1.1/signals/64/data', range(t, t + 1))).time).toEqual([]);
      await put(5, 'DBL');
      expect((await f.series('/sensors/1.1/signals/64/data', q)).value).toEqual([5]);
    },
  );

  it('has the raw-graph task only in v0.1.5; run by name answers a Python repr (v0.1.5) or JSON (current)', async () => {
    const legacy = setupOf('default', 'v0.1.5');
    const current = setupOf('default', 'current');
    expect(body(await current.request('POST', '/tasks/graphs/run', {}, '{"nodes": []}'))).toEqual({
      detail: 'Not Found',
    });
    const byName = (f: ReturnType<typeof setupOf>, type: string) =>
      f.request('POST', '/tasks/graphs/run/name', { graph_name: 'estimation' }, '[]', f.token, {
        'content-type': type,
      });
    expect((await byName(legacy, 'application/json')).status).toBe(415);
    expect(body(await byName(legacy, 'text/plain'))).toEqual(expect.stringContaining("'hook_from': 'output'"));
    expect((await byName(current, 'text/plain')).status).toBe(422);
    expect(body(await byName(current, 'application/json'))).toMatchObject([{ signal_type_moid: 32, unit: 'kW.h' }]);
  });

  it('answers errors as problem+json or plain strings (v0.1.5) and as {"detail"} (current)', async () => {
    const legacy = setupOf('default', 'v0.1.5');
    const current = setupOf('default', 'current');
    expect(body(await current.request('GET', '/sensors/1.99'))).toEqual({ detail: 'Sensor 1.99 not found' });
    expect(body(await current.request('GET', '/sensors/3.1'))).toEqual({ detail: 'Forbidden' });
    expect(body(await current.request('GET', '/sensors/types', {}, '', ''))).toEqual({ detail: 'Not authenticated' });
    expect(body(await current.request('GET', '/nope'))).toEqual({ detail: 'Not Found' });
    expect(body(await current.request('PATCH', '/sensors/1.1'))).toEqual({ detail: 'Method Not Allowed' });
    expect(body(await current.request('POST', '/sensors', { client_cid: '1' }))).toEqual({
      detail: [{ loc: ['query', 'name'], msg: 'Field required', type: 'missing' }],
    });
    expect(body(await legacy.request('GET', '/sensors/3.1'))).toBe('Forbidden');
    expect(body(await legacy.request('GET', '/nope'))).toMatchObject({
      detail: expect.stringMatching(/^The requested URL was not found/),
    });
  });
});
