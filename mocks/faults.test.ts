import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createProxyMiddleware } from '../server/proxy.ts';
import { createBesmartFake } from './besmart/fake.ts';
import { parseFault, proxyProblem } from './faults.ts';
import { createSauresFake } from './saures/fake.ts';
import type { FakeRequest, FakeResponse, FakeService } from './types.ts';

function req(method: string, path: string, query: Record<string, string> = {}, headers = {}, body = ''): FakeRequest {
  return { method, path, query: new URLSearchParams(query), headers, body };
}

const q = (s: string) => new URLSearchParams(s);

function setFault(fake: FakeService, params: string): FakeResponse {
  return fake.control('fault', q(params));
}

const sauresLogin = (email = 'demo%40saures.ru') =>
  req(
    'POST',
    '/api/auth/login',
    {},
    { 'content-type': 'application/x-www-form-urlencoded' },
    `email=${email}&password=demo`,
  );

const besmartLogin = () =>
  req(
    'POST',
    '/users/token',
    {},
    { 'x-auth': 'demo-workspace', 'content-type': 'text/plain' },
    JSON.stringify({ login: 'operator', password: 'operator' }),
  );

async function sauresSid(fake: FakeService, email?: string): Promise<string> {
  const res = await fake.handle(sauresLogin(email));
  return z.object({ data: z.object({ sid: z.string() }) }).parse(JSON.parse(res.body)).data.sid;
}

const problemSchema = z.object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string() });

describe('parseFault', () => {
  it('reads kind, ms, path, method and times', () => {
    expect(parseFault(q('kind=500&path=/sensors&method=put&times=2'))).toEqual({
      kind: 'status',
      status: 500,
      ms: 0,
      path: '/sensors',
      method: 'PUT',
      remaining: 2,
    });
    expect(parseFault(q('kind=latency'))).toMatchObject({ kind: 'latency', ms: 3000, path: null, remaining: null });
    expect(parseFault(q('kind=html&ms=250'))).toMatchObject({ kind: 'html', ms: 250 });
    expect(parseFault(q('kind=off'))).toBeNull();
  });

  it('refuses what it does not understand, with a reason', () => {
    for (const bad of ['', 'kind=teapot', 'kind=302', 'kind=500&ms=-1', 'kind=500&ms=1e9', 'kind=500&path=sensors']) {
      expect(typeof parseFault(q(bad)), bad).toBe('string');
    }
  });
});

describe('the fault switch on the SAURES fake', () => {
  it('answers 401 as SAURES does (HTTP 200, WrongSIDException), leaving login usable; off ends it', async () => {
    const fake = createSauresFake();
    const sid = await sauresSid(fake);
    expect(setFault(fake, 'kind=401').status).toBe(200);
    const failed = await fake.handle(req('GET', '/api/company/flats', { sid }));
    expect(failed.status).toBe(200);
    expect(JSON.parse(failed.body)).toMatchObject({ status: 'bad', errors: [{ name: 'WrongSIDException' }] });
    // (another account: SAURES refuses the same login twice within a second)
    const fresh = await sauresSid(fake, 'neighbour%40saures.ru');
    expect(fresh).not.toBe(sid);
    setFault(fake, 'kind=off');
    const ok = await fake.handle(req('GET', '/api/company/flats', { sid: fresh }));
    expect(JSON.parse(ok.body)).toMatchObject({ status: 'ok' });
  });

  it('answers 500 with an HTML error page, html with a 200 web page, bad-json with a cut-off body', async () => {
    const fake = createSauresFake();
    const sid = await sauresSid(fake);
    setFault(fake, 'kind=500');
    const e500 = await fake.handle(req('GET', '/api/company/flats', { sid }));
    expect(e500.status).toBe(500);
    expect(e500.headers['content-type']).toContain('text/html');
    setFault(fake, 'kind=html');
    const html = await fake.handle(req('GET', '/api/company/flats', { sid }));
    expect([html.status, html.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(html.body).toMatch(/^<!DOCTYPE html>/);
    setFault(fake, 'kind=bad-json');
    const bad = await fake.handle(req('GET', '/api/company/flats', { sid }));
    expect(bad.headers['content-type']).toContain('application/json');
    expect(() => JSON.parse(bad.body) as unknown).toThrow(SyntaxError);
  });

  it('a path filter limits the fault, and can target the login endpoint too', async () => {
    const fake = createSauresFake();
    const sid = await sauresSid(fake);
    setFault(fake, 'kind=500&path=/api/meter');
    expect((await fake.handle(req('GET', '/api/meter/meters/', { sid, flat_id: '39' }))).status).toBe(500);
    expect((await fake.handle(req('GET', '/api/company/flats', { sid }))).status).toBe(200);
    setFault(fake, 'kind=500&path=/api/auth/login');
    expect((await fake.handle(sauresLogin())).status).toBe(500);
  });

  it('path "/" hits every request, sign-in included: the maintenance page instead of any answer', async () => {
    const fake = createSauresFake();
    setFault(fake, 'kind=html&path=/');
    for (const res of [await fake.handle(sauresLogin()), await fake.handle(req('GET', '/api/company/flats'))]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toMatch(/^<!DOCTYPE html>/);
    }
    setFault(fake, 'kind=off');
    expect((await fake.handle(sauresLogin())).headers['content-type']).toContain('application/json');
  });

  it('a "*" in the path stands for one segment: every signal\'s data, and nothing else', async () => {
    const fake = createBesmartFake({ version: 'current' });
    const token = fake.issueToken().token;
    const get = (path: string) => fake.handle(req('GET', path, {}, { authorization: `Bearer ${token}` }));
    setFault(fake, 'kind=500&path=/sensors/*/signals/*/data');
    expect((await get('/sensors/1.1/signals/32/data')).status).toBe(500);
    expect((await get('/sensors/1.2/signals/64/data')).status).toBe(500);
    expect((await get('/sensors/1.1')).status).toBe(200);
    expect((await get('/sensors/signals/types')).status).toBe(200);
    expect((await get('/sensors/states/signals')).status).not.toBe(500);
  });

  it('reset clears the fault; the existing switches still work', async () => {
    const fake = createSauresFake();
    setFault(fake, 'kind=500');
    expect(fake.control('fail-meters', q('flat=39')).status).toBe(200);
    expect(fake.control('reset', q('')).status).toBe(200);
    const state = JSON.parse(fake.control('fault-state', q('')).body) as unknown;
    expect(state).toEqual({ ok: true, fault: null });
    expect((await fake.handle(sauresLogin())).headers['content-type']).toContain('application/json');
    expect(fake.control('expire-sessions', q('')).status).toBe(200);
    expect(fake.control('nonsense', q('')).status).toBe(404);
    expect(setFault(fake, 'kind=nonsense').status).toBe(422);
  });
});

describe('the fault switch on the besmart fake', () => {
  it('answers 401 with its own problem+json (v0.1.5), leaving login (POST /users/token) usable', async () => {
    const fake = createBesmartFake({ version: 'v0.1.5' });
    const token = fake.issueToken();
    setFault(fake, 'kind=401');
    const res = await fake.handle(req('GET', '/sensors/types', {}, { authorization: `Bearer ${token.token}` }));
    expect(res.status).toBe(401);
    expect(problemSchema.parse(JSON.parse(res.body))).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect((await fake.handle(besmartLogin())).status).toBe(200);
  });

  it('answers in each version’s error shape: {"detail"} today, problem+json in v0.1.5', async () => {
    const fake = createBesmartFake({ version: 'current' });
    const token = fake.issueToken();
    setFault(fake, 'kind=401');
    const res = await fake.handle(req('GET', '/sensors/types', {}, { authorization: `Bearer ${token.token}` }));
    expect([res.status, JSON.parse(res.body)]).toEqual([401, { detail: 'Invalid authorization token' }]);
    setFault(fake, 'kind=500');
    const e500 = await fake.handle(req('GET', '/sensors/types'));
    expect([e500.status, JSON.parse(e500.body)]).toEqual([500, { detail: 'The server met an unexpected condition.' }]);
    const login = req(
      'POST',
      '/users/token',
      {},
      { 'content-type': 'application/json' },
      JSON.stringify({ login: 'operator', password: 'operator' }),
    );
    expect((await fake.handle(login)).status).toBe(200);
  });

  it('answers other statuses as problem+json (v0.1.5), 502/504 exactly as the proxy does', async () => {
    const fake = createBesmartFake({ version: 'v0.1.5' });
    setFault(fake, 'kind=500');
    const e500 = await fake.handle(req('GET', '/sensors/types'));
    expect([e500.status, e500.headers['content-type']]).toEqual([500, 'application/problem+json']);
    expect(problemSchema.parse(JSON.parse(e500.body)).status).toBe(500);
    for (const status of [502, 504] as const) {
      setFault(fake, `kind=${status}`);
      expect(await fake.handle(req('GET', '/sensors/types'))).toEqual(proxyProblem(status));
    }
  });

  it('method and times narrow the fault; after `times` hits it ends by itself', async () => {
    const fake = createBesmartFake();
    const auth = { authorization: `Bearer ${fake.issueToken().token}` };
    setFault(fake, 'kind=500&method=PUT&times=1');
    expect((await fake.handle(req('GET', '/sensors/1.1', {}, auth))).status).toBe(200);
    expect((await fake.handle(req('PUT', '/sensors/1.1', {}, auth, '{}'))).status).toBe(500);
    expect(JSON.parse(fake.control('fault-state', q('')).body)).toEqual({ ok: true, fault: null });
    expect((await fake.handle(req('GET', '/sensors/1.1', {}, auth))).status).toBe(200);
  });

  it('latency answers normally, late', async () => {
    vi.useFakeTimers();
    try {
      const fake = createBesmartFake();
      const auth = { authorization: `Bearer ${fake.issueToken().token}` };
      setFault(fake, 'kind=latency&ms=2000');
      let done: FakeResponse | null = null;
      const pending = fake.handle(req('GET', '/sensors/1.1', {}, auth)).then((r) => (done = r));
      await vi.advanceTimersByTimeAsync(1999);
      expect(done).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('502 and 504 match the proxy’s own answers', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  async function viaProxy(target: string, timeoutMs?: number): Promise<{ status: number; type: string; body: string }> {
    const proxy = createProxyMiddleware({
      targets: { saures: target, besmart: target },
      log: () => {},
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    const server = createServer((rq, rs) => proxy(rq, rs, () => rs.writeHead(404).end()));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const res = await fetch(`http://127.0.0.1:${address.port}/besmart/sensors/types`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  }

  it('502: the upstream is down', async () => {
    const down = await viaProxy('http://127.0.0.1:9');
    const fake = proxyProblem(502);
    expect(down).toEqual({ status: fake.status, type: fake.headers['content-type'], body: fake.body });
  });

  it('504: the upstream is too slow (same shape; the fake names the default 30 s limit)', async () => {
    const hanging = createServer(() => {});
    servers.push(hanging);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const address = hanging.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const slow = await viaProxy(`http://127.0.0.1:${address.port}`, 30_000 / 1000);
    hanging.closeAllConnections();
    const fake = proxyProblem(504);
    expect([slow.status, slow.type]).toEqual([fake.status, fake.headers['content-type']]);
    const expected = problemSchema.parse(JSON.parse(fake.body));
    expect(problemSchema.parse(JSON.parse(slow.body))).toEqual({
      ...expected,
      detail: expected.detail.replace('30 s', '0.03 s'),
    });
  });
});
