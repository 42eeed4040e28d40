import { seriesListSchema, sensorStatesSchema } from '../../src/api/besmart/schemas.ts';
import type { FakeResponse } from '../types.ts';
import { BESMART_MINUTE_SIGNAL, createBesmartSeed } from './data.ts';
import { createBesmartFake, TOKEN_LIFETIME_MS } from './fake.ts';
import { DAY, HOUR, generate } from './series.ts';

const T0 = Date.UTC(2025, 5, 15, 12);
const ANCHOR = Date.UTC(2025, 5, 15);

function setup(dataset: 'default' | 'large' = 'default') {
  let clock = T0;
  const fake = createBesmartFake({ now: () => clock, dataset });
  const token = fake.issueToken().token;
  const request = (method: string, path: string, query: Record<string, string> = {}, body = '', auth = token) =>
    fake.handle({
      method,
      path,
      query: new URLSearchParams(query),
      headers: auth === '' ? {} : { authorization: `Bearer ${auth}` },
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

describe('series', () => {
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
    const estimated = data.origin.filter((o) => o === 2).length;
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
      signal_origin_id: '2',
    });
    expect(data.time.length).toBeGreaterThan(0);
    expect(new Set(data.origin)).toEqual(new Set([2]));
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
    expect((await put(1)).status).toBe(204);
    expect((await put(2)).body).toBe('');
    expect((await series('/sensors/1.1/signals/64/data', range(t, t + 1))).value.slice(1)).toEqual([1, 2]);
    expect((await series('/sensors/1.1/signals/64/data', { ...range(t, t + 1), get_last: 'true' })).value).toEqual([2]);
  });
});

describe('protocol', () => {
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

describe('fail-data control', () => {
  it('makes signal data reads answer 500 until switched off', async () => {
    const { fake, request } = setup();
    const path = '/sensors/1.1/signals/32/data';
    const q = range(ANCHOR - DAY, ANCHOR);
    expect(fake.control('fail-data', new URLSearchParams()).status).toBe(200);
    const failed = await request('GET', path, q);
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body)).toMatchObject({ detail: 'Time-series storage is not answering.' });
    expect((await request('GET', '/sensors/1.1')).status).toBe(200);
    expect(fake.control('fail-data', new URLSearchParams({ on: '0' })).status).toBe(200);
    expect((await request('GET', path, q)).status).toBe(200);
  });
});
