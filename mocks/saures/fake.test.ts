import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envelopeSchema, flatsDataSchema, loginDataSchema, metersDataSchema } from '../../src/api/saures/schemas.ts';
import type { FakeRequest } from '../types.ts';
import { buildSauresDataset, renderSensor } from './data.ts';
import { createSauresFake } from './fake.ts';

const NOW = Date.UTC(2025, 0, 15, 9, 0);
const DAY = 24 * 60 * 60_000;

function get(path: string, query: Record<string, string> = {}): FakeRequest {
  return { method: 'GET', path, query: new URLSearchParams(query), headers: {}, body: '' };
}

function envelope(body: string) {
  return envelopeSchema.parse(JSON.parse(body.replace(/^\uFEFF/, '')));
}

describe('default dataset', () => {
  const data = buildSauresDataset();
  const sensors = metersDataSchema.parse({ sensors: data.controllers.map((c) => renderSensor(c, NOW)) });
  const meters = sensors.flatMap((s) => s.meters);

  it('has ≥ 3 flats, one disabled and one without a personal account', () => {
    const flats = flatsDataSchema.parse({ flats: data.flats });
    expect(flats.length).toBeGreaterThanOrEqual(3);
    expect(flats.filter((f) => !f.enabled)).toHaveLength(1);
    expect(flats.some((f) => f.personalAccount === '')).toBe(true);
  });

  it('has ≥ 6 controllers spread over the flats, battery 5–100 %, rssi −45 to −95 dB', () => {
    expect(sensors.length).toBeGreaterThanOrEqual(6);
    expect(new Set(data.controllers.map((c) => c.flatId)).size).toBe(data.flats.length);
    const bats = sensors.flatMap((s) => (s.batteryPercent === null ? [] : [s.batteryPercent]));
    expect([Math.min(...bats), Math.max(...bats)]).toEqual([5, 100]);
    const rssi = sensors.flatMap((s) => (s.rssiDb === null ? [] : [s.rssiDb]));
    expect([Math.min(...rssi), Math.max(...rssi)]).toEqual([-95, -45]);
  });

  it('has one controller last seen 3 days before the clock, whatever the clock says', () => {
    for (const now of [NOW, NOW + 17 * DAY + 12_345]) {
      const seen = metersDataSchema
        .parse({ sensors: data.controllers.map((c) => renderSensor(c, now)) })
        .map((s) => s.lastConnection?.epochMs ?? 0);
      expect(seen.filter((t) => now - t >= 3 * DAY - 60_000)).toHaveLength(1);
    }
  });

  it('has meters of every type 1–10 plus unknown ones', () => {
    const types = new Set(meters.map((m) => m.type.number));
    for (let t = 1; t <= 10; t++) expect(types).toContain(t);
    expect([...types].some((t) => t !== null && t > 10)).toBe(true);
  });

  it('sends valve control (6) only as a command, 0 open or 1 close, and valve state (10) as 0–3', () => {
    for (const set of [data, buildSauresDataset(1, 'large')]) {
      const all = metersDataSchema
        .parse({ sensors: set.controllers.map((c) => renderSensor(c, NOW)) })
        .flatMap((s) => s.meters);
      const values = (type: number) => [...new Set(all.filter((m) => m.type.number === type).map((m) => m.value))];
      expect(values(6).every((v) => v === 0 || v === 1)).toBe(true);
      expect(values(10).every((v) => v !== null && [0, 1, 2, 3].includes(v))).toBe(true);
    }
    expect(meters.find((m) => m.sn === '692084-6')?.value).toBe(0);
  });

  it('has the known quirks: tariffs as objects and as "a/b", a reading only in vals, a leak, a "Протечка" contact, an error state, empty names, both date styles', () => {
    const wire = data.controllers.flatMap((c) => c.meters);
    expect(wire.some((m) => m.type?.number === 8 && Array.isArray(m.vals) && typeof m.vals[0] === 'object')).toBe(true);
    expect(wire.some((m) => m.type?.number === 8 && typeof m.vals === 'string' && m.vals.includes('/'))).toBe(true);
    expect(wire.some((m) => m.value === '' && Array.isArray(m.vals) && m.vals.length > 1)).toBe(true);
    expect(meters.some((m) => m.type.number === 4 && m.value === 1)).toBe(true);
    expect(meters.some((m) => m.type.number === 9 && m.name === 'Протечка')).toBe(true);
    expect(meters.some((m) => m.state !== null && m.state.number !== 0)).toBe(true);
    expect(meters.some((m) => m.name === '')).toBe(true);
    expect(new Set(data.controllers.map((c) => c.dateStyle))).toEqual(new Set(['dmy', 'iso']));
  });
});

describe('large dataset', () => {
  const data = buildSauresDataset(1, 'large');

  it('has ≥ 300 flats, ≥ 600 controllers and ≥ 3000 meters, all readable', () => {
    expect(data.flats.length).toBeGreaterThanOrEqual(300);
    expect(data.controllers.length).toBeGreaterThanOrEqual(600);
    const sensors = metersDataSchema.parse({ sensors: data.controllers.map((c) => renderSensor(c, NOW)) });
    expect(sensors.flatMap((s) => s.meters).length).toBeGreaterThanOrEqual(3000);
    expect(flatsDataSchema.parse({ flats: data.flats })).toHaveLength(data.flats.length);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(JSON.stringify(buildSauresDataset(1, 'large'))).toBe(JSON.stringify(data));
    expect(JSON.stringify(buildSauresDataset(2, 'large'))).not.toBe(JSON.stringify(data));
  });
});

describe('fake SAURES', () => {
  let clock = NOW;
  const fake = createSauresFake({ now: () => clock });
  afterEach(() => {
    fake.reset();
    clock = NOW;
  });

  async function signIn(): Promise<string> {
    const res = await fake.handle({
      method: 'POST',
      path: '/api/auth/login',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=demo%40saures.ru&password=demo',
    });
    clock += 1000;
    return loginDataSchema.parse(envelope(res.body).data).sid;
  }

  it('accepts a multipart login, as Python requests sends with files', async () => {
    const form = new FormData();
    form.append('email', 'demo@saures.ru');
    form.append('password', 'demo');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const res = await fake.handle({
      method: 'POST',
      path: '/api/auth/login',
      query: new URLSearchParams(),
      headers: { 'content-type': req.headers.get('content-type') ?? '' },
      body: await req.text(),
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(envelope(res.body).status).toBe('ok');
  });

  it('answers errors with HTTP 200 and status "bad"', async () => {
    const res = await fake.handle(get('/api/company/flats', { sid: 'nope' }));
    expect(res.status).toBe(200);
    expect(envelope(res.body)).toMatchObject({ status: 'bad', errors: [{ code: 'WrongSIDException' }] });
  });

  it('answers 404 for unknown paths, the meters path without its slash included, and 405 for a wrong method', async () => {
    expect((await fake.handle(get('/api/unknown'))).status).toBe(404);
    expect((await fake.handle(get('/api/meter/meters', { flat_id: '106' }))).status).toBe(404);
    expect((await fake.handle(get('/api/auth/login'))).status).toBe(405);
  });

  it('starts the meters answer of flat 119 with a BOM and no other', async () => {
    const sid = await signIn();
    const bom = await fake.handle(get('/api/meter/meters/', { sid, flat_id: '119' }));
    const plain = await fake.handle(get('/api/meter/meters/', { sid, flat_id: '106' }));
    expect(bom.body.charCodeAt(0)).toBe(0xfeff);
    expect(plain.body.charCodeAt(0)).toBe('{'.charCodeAt(0));
  });

  it('forgets sessions and duplicates on reset, and answers 404 to an unknown control', async () => {
    const sid = await signIn();
    expect(envelope((await fake.handle(get('/api/company/flats', { sid }))).body).status).toBe('ok');
    fake.control('reset', new URLSearchParams());
    expect(envelope((await fake.handle(get('/api/company/flats', { sid }))).body).errors[0]?.code).toBe(
      'WrongSIDException',
    );
    expect(fake.control('explode', new URLSearchParams()).status).toBe(404);
  });

  it('counts login attempts and logs requests without secrets', async () => {
    const sid = await signIn();
    await fake.handle(get('/api/company/flats', { sid }));
    await fake.handle(get('/api/company/flats', { sid }));
    expect(fake.loginCount()).toBe(1);
    expect(fake.requestLog().map((e) => [e.path, e.outcome])).toEqual([
      ['/api/auth/login', 'ok'],
      ['/api/company/flats', 'ok'],
      ['/api/company/flats', 'DuplicateRequestException'],
    ]);
    expect(JSON.stringify(fake.requestLog())).not.toContain(sid);
  });

  it('reads flat_id strictly: missing is an error, a foreign id is a string error', async () => {
    const sid = await signIn();
    expect(envelope((await fake.handle(get('/api/meter/meters/', { sid }))).body).errors[0]?.code).toBe(
      'AbstractException',
    );
    const foreign: unknown = JSON.parse((await fake.handle(get('/api/meter/meters/', { sid, flat_id: '999' }))).body);
    expect(foreign).toEqual({ status: 'bad', errors: ['Недостаточно прав!'], data: {} });
  });
});

describe('advance-clock control', () => {
  it('lets time pass for the fake: a repeat is no longer a duplicate, and reset puts the clock back', async () => {
    const fake = createSauresFake({ now: () => 1_700_000_000_000 });
    const login = (password = 'demo') => ({
      method: 'POST',
      path: '/api/auth/login',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=demo%40saures.ru&password=${password}`,
    });
    const first = z
      .object({ data: z.object({ sid: z.string() }) })
      .parse(JSON.parse((await fake.handle(login())).body));
    const flats = {
      method: 'GET',
      path: '/api/company/flats',
      query: new URLSearchParams({ sid: first.data.sid }),
      headers: {},
      body: '',
    };
    expect((await fake.handle(flats)).body).toContain('"status":"ok"');
    expect((await fake.handle(flats)).body).toContain('DuplicateRequestException');
    expect(fake.control('advance-clock', new URLSearchParams({ ms: '1000' })).status).toBe(200);
    expect((await fake.handle(flats)).body).toContain('"status":"ok"');
    expect(fake.control('advance-clock', new URLSearchParams({ ms: String(15 * 60_000) })).status).toBe(200);
    expect((await fake.handle(flats)).body).toContain('WrongSIDException');
    expect(fake.control('advance-clock', new URLSearchParams({ ms: '-5' })).status).toBe(422);
  });
});

describe('fail-meters control', () => {
  it('makes one flat’s meters fail with a 502 page while the others answer', async () => {
    const fake = createSauresFake({ now: () => 1_700_000_000_000 });
    const sid = z.object({ data: z.object({ sid: z.string() }) }).parse(
      JSON.parse(
        (
          await fake.handle({
            method: 'POST',
            path: '/api/auth/login',
            query: new URLSearchParams(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'email=demo%40saures.ru&password=demo',
          })
        ).body,
      ),
    ).data.sid;
    const meters = (flat: number) =>
      fake.handle({
        method: 'GET',
        path: '/api/meter/meters/',
        query: new URLSearchParams({ sid, flat_id: String(flat) }),
        headers: {},
        body: '',
      });
    expect(fake.control('fail-meters', new URLSearchParams({ flat: '39' })).status).toBe(200);
    expect((await meters(39)).status).toBe(502);
    expect((await meters(106)).status).toBe(200);
    expect(fake.control('fail-meters', new URLSearchParams({ flat: '39', on: '0' })).status).toBe(200);
    expect((await meters(39)).status).toBe(200);
  });
});
