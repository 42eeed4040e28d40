import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect } from 'node:net';
import { createProxyMiddleware, redactUrl, refuseConnect } from './proxy.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Upstream {
  server: Server;
  port: number;
  seen: Seen[];
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A real HTTP upstream on loopback that records what reached it. */
async function startUpstream(): Promise<Upstream> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const url = req.url ?? '';
      if (url.includes('/problem')) {
        res.writeHead(422, { 'content-type': 'application/problem+json', 'set-cookie': 'a=b' });
        res.end(JSON.stringify({ title: 'Unprocessable', status: 422, detail: 'since ≥ till' }));
      } else if (url.includes('/cached')) {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=600' });
        res.end('{"cached":true}');
      } else if (url.includes('/big')) {
        // 5,000 bytes in chunks, with no content-length: only counting while it streams finds the size.
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 5; i++) res.write('x'.repeat(1000));
        res.end();
      } else if (url.includes('/empty')) {
        res.writeHead(204).end();
      } else if (url.includes('/slow')) {
        setTimeout(() => res.writeHead(200).end('late'), 1_000);
      } else if (url.includes('/redirect')) {
        res.writeHead(302, { location: 'http://example.invalid/' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-upstream-secret': 'nope' });
        res.end(JSON.stringify({ echo: { method: req.method, url, body } }));
      }
    });
  });
  return { server, port: await listen(server), seen };
}

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends a request with the path exactly as given (fetch would normalise "..", raw http does not). */
function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * Writes one request head exactly as given on a fresh TCP connection (no
 * client-side checks at all) and resolves with everything the server sent
 * until it closed the connection.
 */
function tcp(port: number, requestLine: string, headers: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write([requestLine, `Host: 127.0.0.1:${port}`, 'Connection: close', ...headers, '', ''].join('\r\n'));
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

let saures: Upstream;
let besmart: Upstream;
let evil: Upstream;
let proxy: Server;
let proxyPort: number;
const logs: string[] = [];

beforeAll(async () => {
  saures = await startUpstream();
  besmart = await startUpstream();
  evil = await startUpstream();
  const mw = createProxyMiddleware({
    targets: { saures: `http://127.0.0.1:${saures.port}`, besmart: `http://127.0.0.1:${besmart.port}/api` },
    log: (line) => logs.push(line),
    maxBodyBytes: 64 * 1024,
    timeoutMs: 300,
  });
  proxy = createServer((req, res) =>
    mw(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('app page');
    }),
  );
  refuseConnect(proxy);
  proxyPort = await listen(proxy);
});

afterAll(async () => {
  for (const s of [proxy, saures.server, besmart.server, evil.server]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

beforeEach(() => {
  saures.seen.length = 0;
  besmart.seen.length = 0;
  evil.seen.length = 0;
  logs.length = 0;
});

describe('forwarding', () => {
  it('maps /saures/<path> to SAURES_URL/<path> with the query unchanged', async () => {
    const res = await raw(proxyPort, 'GET', '/saures/api/meter/meters/?sid=s3cr3t-sid&flat_id=7');
    expect(res.status).toBe(200);
    expect(saures.seen).toHaveLength(1);
    expect(saures.seen[0]).toMatchObject({ method: 'GET', url: '/api/meter/meters/?sid=s3cr3t-sid&flat_id=7' });
  });

  it('maps /besmart/<path> below BESMART_URL’s own path', async () => {
    await raw(proxyPort, 'GET', '/besmart/sensors/1.2/signals/32/data?since=1&till=2');
    expect(besmart.seen[0]?.url).toBe('/api/sensors/1.2/signals/32/data?since=1&till=2');
    expect(saures.seen).toHaveLength(0);
  });

  it('passes form data, JSON and plain-text bodies byte for byte, with their content type', async () => {
    const form = 'email=demo%40saures.ru&password=p%C3%A4ss';
    await raw(
      proxyPort,
      'POST',
      '/saures/api/auth/login',
      { 'content-type': 'application/x-www-form-urlencoded' },
      form,
    );
    const multipart = '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\ndemo@saures.ru\r\n--XYZ--\r\n';
    await raw(
      proxyPort,
      'POST',
      '/saures/api/auth/login',
      { 'content-type': 'multipart/form-data; boundary=XYZ' },
      multipart,
    );
    const json = JSON.stringify({ time: [1], value: [2.5] });
    await raw(proxyPort, 'PUT', '/besmart/sensors/1.2/signals/32/data', { 'content-type': 'application/json' }, json);
    const text = '{ "login": "operator", "password": "pw" }';
    await raw(proxyPort, 'POST', '/besmart/users/token', { 'content-type': 'text/plain' }, text);

    expect(saures.seen.map((s) => [s.body, s.headers['content-type']])).toEqual([
      [form, 'application/x-www-form-urlencoded'],
      [multipart, 'multipart/form-data; boundary=XYZ'],
    ]);
    expect(besmart.seen.map((s) => [s.method, s.body, s.headers['content-type']])).toEqual([
      ['PUT', json, 'application/json'],
      ['POST', text, 'text/plain'],
    ]);
  });

  it('forwards Authorization and X-Auth, and nothing else the browser sent', async () => {
    await raw(proxyPort, 'DELETE', '/besmart/sensors/1.2', {
      authorization: 'Bearer tok-123',
      'x-auth': 'workspace-key',
      cookie: 'session=abc',
      'x-forwarded-for': '10.0.0.1',
      'x-custom': 'leak',
      referer: 'http://127.0.0.1/secret-page',
    });
    const headers = besmart.seen[0]?.headers ?? {};
    expect(besmart.seen[0]?.method).toBe('DELETE');
    expect(headers.authorization).toBe('Bearer tok-123');
    expect(headers['x-auth']).toBe('workspace-key');
    expect(headers.cookie).toBeUndefined();
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect(headers['x-custom']).toBeUndefined();
    expect(headers.referer).toBeUndefined();
    expect(headers.host).toBe(`127.0.0.1:${besmart.port}`);
  });

  it('returns upstream status codes and bodies unchanged, without upstream cookies or extra headers', async () => {
    const problem = await raw(proxyPort, 'POST', '/besmart/sensors/states/problem');
    expect(problem.status).toBe(422);
    expect(problem.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(problem.body)).toEqual({ title: 'Unprocessable', status: 422, detail: 'since ≥ till' });
    expect(problem.headers['set-cookie']).toBeUndefined();

    const empty = await raw(proxyPort, 'PUT', '/besmart/empty', { 'content-type': 'application/json' }, '{}');
    expect(empty.status).toBe(204);
    expect(empty.body).toBe('');

    const ok = await raw(proxyPort, 'GET', '/saures/api/company/flats?sid=x');
    expect(ok.headers['x-upstream-secret']).toBeUndefined();
    expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('does not follow an upstream redirect to another host', async () => {
    const res = await raw(proxyPort, 'GET', '/saures/redirect');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBeUndefined();
  });
});

describe('not an open proxy', () => {
  /** Nothing reached any upstream: neither the configured ones nor the host named in the attack. */
  function expectNothingForwarded(): void {
    expect(evil.seen).toEqual([]);
    expect(saures.seen).toEqual([]);
    expect(besmart.seen).toEqual([]);
  }

  // EVIL is replaced by the port of a third loopback server that counts what reaches it.
  const attempts: [string, string][] = [
    ['another host after a double slash', '/saures//127.0.0.1:EVIL/steal'],
    ['a network-path target (//host/path)', '//127.0.0.1:EVIL/steal'],
    ['a network-path target to a proxy prefix', '//127.0.0.1:EVIL/saures/api/company/flats'],
    ['a backslash network-path target', '/\\127.0.0.1:EVIL/steal'],
    ['an absolute URL as request target', 'http://127.0.0.1:EVIL/steal'],
    ['an absolute URL with a proxy path', 'http://127.0.0.1:EVIL/saures/api/company/flats'],
    ['an authority-form (CONNECT-style) target on GET', '127.0.0.1:EVIL'],
    ['dot-dot traversal', '/besmart/../saures/x'],
    ['dot-dot deep traversal', '/besmart/sensors/../../../etc/passwd'],
    ['a dot segment', '/saures/./api/company/flats'],
    ['encoded dot-dot', '/besmart/%2e%2e/%2e%2e/x'],
    ['upper-case encoded dot-dot and slash', '/saures/%2E%2E%2Fx'],
    ['encoded traversal towards another host', '/saures/api/%2E%2E%2F%2E%2E%2F127.0.0.1:EVIL/steal'],
    ['half-encoded dot-dot', '/saures/.%2e/x'],
    ['double-encoded dot-dot', '/saures/%252e%252e/x'],
    ['double-encoded upper-case traversal', '/saures/%252E%252E%252Fx'],
    ['an encoded slash', '/saures/api%2f..%2fx'],
    ['an upper-case encoded slash to another host', '/saures/api%2F%2F127.0.0.1:EVIL'],
    ['an encoded backslash', '/saures/api%5c..%5cx'],
    ['an upper-case encoded backslash', '/besmart/x%5C127.0.0.1:EVIL'],
    ['a backslash', '/saures/..\\x'],
    ['an encoded NUL', '/saures/api%00/x'],
    ['malformed percent-encoding', '/saures/%zz/x'],
    ['a path parameter that makes a dot-dot upstream', '/besmart/..;/admin'],
    ['a path parameter', '/saures/api;jsessionid=x/company/flats'],
    ['an encoded semicolon', '/besmart/sensors%3B/types'],
    ['no upstream path', '/saures'],
    ['only a slash after the prefix', '/besmart/'],
  ];
  it.each(attempts)('refuses %s with a 4xx and forwards nothing', async (_name, target) => {
    const res = await raw(proxyPort, 'GET', target.replace('EVIL', String(evil.port)));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toBe('app page');
    expectNothingForwarded();
  });

  it.each([
    ['to another host', 'CONNECT 127.0.0.1:EVIL HTTP/1.1'],
    ['to a proxy path', 'CONNECT /saures/api/company/flats HTTP/1.1'],
  ])('answers CONNECT %s with 405 and forwards nothing', async (_name, line) => {
    const answer = await tcp(proxyPort, line.replace('EVIL', String(evil.port)));
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
    expectNothingForwarded();
  });

  it('leaves other prefixes to the app server (a 404 here) and forwards nothing', async () => {
    const others = [
      '/other/x',
      '/other/../saures/x',
      '/saures-evil/x',
      '/sauresx/api',
      '/besmart.evil/x',
      '/SAURES/api/company/flats',
      '/api/company/flats',
      `/127.0.0.1:${evil.port}/x`,
    ];
    for (const path of others) {
      const res = await raw(proxyPort, 'GET', path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 404, body: 'app page' });
    }
    expectNothingForwarded();
  });

  it('ignores a Host header naming another host: the request stays on the configured upstream', async () => {
    const res = await raw(proxyPort, 'GET', '/saures/api/company/flats', { host: `127.0.0.1:${evil.port}` });
    expect(res.status).toBe(200);
    expect(saures.seen.map((s) => s.headers.host)).toEqual([`127.0.0.1:${saures.port}`]);
    expect(evil.seen).toEqual([]);
  });

  it('refuses an oversized body with 413, streamed or declared', async () => {
    const streamed = await raw(
      proxyPort,
      'PUT',
      '/besmart/sensors/signals/data',
      { 'content-type': 'application/json' },
      Buffer.alloc(70 * 1024, 'a'),
    );
    expect(streamed.status).toBe(413);
    // Refused on the declared length alone, before any of the body arrives.
    const declared = await tcp(proxyPort, 'POST /saures/api/auth/login HTTP/1.1', [
      'Content-Type: application/x-www-form-urlencoded',
      `Content-Length: ${70 * 1024}`,
    ]);
    expect(declared).toMatch(/^HTTP\/1\.1 413 /);
    expectNothingForwarded();
  });
});

describe('upstream failures', () => {
  it('answers 504 when the upstream is too slow', async () => {
    const res = await raw(proxyPort, 'GET', '/saures/slow');
    expect(res.status).toBe(504);
    expect(JSON.parse(res.body)).toMatchObject({ status: 504 });
  });

  it('answers 502 when the upstream is down', async () => {
    const dead = createServer();
    const port = await listen(dead);
    await new Promise((r) => dead.close(r));
    const mw = createProxyMiddleware({
      targets: { saures: `http://127.0.0.1:${port}`, besmart: `http://127.0.0.1:${port}` },
      log: () => {},
    });
    const front = createServer((req, res) => mw(req, res, () => res.writeHead(404).end()));
    const frontPort = await listen(front);
    const res = await raw(frontPort, 'GET', '/saures/api/company/flats');
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body)).toMatchObject({ title: 'Bad Gateway', status: 502 });
    await new Promise((r) => front.close(r));
  });
});

describe('writes from another site', () => {
  it.each([
    ['a form POST from another site (Sec-Fetch-Site)', { 'sec-fetch-site': 'cross-site' }],
    ['a POST from a sibling subdomain (Sec-Fetch-Site: same-site)', { 'sec-fetch-site': 'same-site' }],
    ['a POST whose Origin is another host', { origin: 'http://evil.example' }],
    ['a POST from an opaque origin', { origin: 'null' }],
  ])('refuses %s with 403 and forwards nothing', async (_name, headers) => {
    const res = await raw(proxyPort, 'POST', '/saures/__control/reset', headers, '');
    expect(res.status).toBe(403);
    expect(saures.seen).toEqual([]);
  });

  it.each([
    ['the app’s own page (same origin)', { origin: `http://127.0.0.1:PORT`, 'sec-fetch-site': 'same-origin' }],
    [
      'the app behind a reverse proxy that rewrites Host (Sec-Fetch-Site decides)',
      { origin: 'https://meterdeck.example', host: '127.0.0.1:PORT', 'sec-fetch-site': 'same-origin' },
    ],
    [
      'an older browser behind a TLS reverse proxy (Origin only: https, same host)',
      { origin: `https://127.0.0.1:PORT` },
    ],
    ['a client that is no browser page (no Origin)', {}],
  ])('forwards a write from %s', async (_name, headers) => {
    const withPort = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', String(proxyPort))]),
    );
    const res = await raw(proxyPort, 'POST', '/saures/api/x', withPort, 'a=1');
    expect(res.status).toBe(200);
    expect(saures.seen).toHaveLength(1);
  });

  it('lets reads from elsewhere through (the browser keeps their answers from the other page)', async () => {
    const res = await raw(proxyPort, 'GET', '/saures/api/x', { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(200);
  });
});

describe('caching', () => {
  it('marks every proxied answer no-store, whatever the upstream said, and refusals too', async () => {
    const cached = await raw(proxyPort, 'GET', '/saures/cached');
    expect(cached.status).toBe(200);
    expect(cached.headers['cache-control']).toBe('no-store');
    const refused = await raw(proxyPort, 'GET', '/saures/../x');
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});

describe('logging', () => {
  it('never writes a password, token or sid', async () => {
    await raw(proxyPort, 'GET', '/saures/api/company/flats?sid=s3cr3t-sid&flat_id=1');
    await raw(
      proxyPort,
      'POST',
      '/saures/api/auth/login',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'email=a%40b.c&password=hunter2',
    );
    await raw(proxyPort, 'GET', '/besmart/users/token', { authorization: 'Bearer tok-secret' });
    await raw(
      proxyPort,
      'POST',
      '/besmart/users/token',
      { 'x-auth': 'ws-secret', 'content-type': 'text/plain' },
      '{"login":"op","password":"hunter2"}',
    );
    await raw(proxyPort, 'GET', '/besmart/x?token=tok-secret&password=hunter2');
    const all = logs.join('\n');
    expect(logs.length).toBeGreaterThanOrEqual(5);
    for (const secret of ['s3cr3t-sid', 'hunter2', 'tok-secret', 'ws-secret']) expect(all).not.toContain(secret);
    expect(all).toContain('sid=[redacted]&flat_id=1');
  });

  it('logs only known-harmless query values: any other key, access_token and api_key included, is redacted', () => {
    expect(
      redactUrl('/besmart/sensors?client_cid=1&sensor_mid=2&access_token=t0k&api_key=k3y&name=Boiler&since=1&till=2'),
    ).toBe(
      '/besmart/sensors?client_cid=1&sensor_mid=2&access_token=[redacted]&api_key=[redacted]&name=[redacted]&since=1&till=2',
    );
  });

  it('redacts sid, token and password query values however they are cased', () => {
    expect(redactUrl('/saures/api/meter/meters/?SID=abc&flat_id=2&Password=x')).toBe(
      '/saures/api/meter/meters/?SID=[redacted]&flat_id=2&Password=[redacted]',
    );
  });
});

describe('bounded resources', () => {
  let bounded: Server;
  let port: number;
  beforeAll(async () => {
    const mw = createProxyMiddleware({
      targets: { saures: `http://127.0.0.1:${saures.port}`, besmart: `http://127.0.0.1:${besmart.port}/api` },
      log: () => {},
      maxConcurrentBodies: 2,
      bodyTimeoutMs: 1500,
      maxResponseBytes: 1000,
    });
    bounded = createServer((req, res) => mw(req, res, () => res.writeHead(404).end()));
    port = await listen(bounded);
  });
  afterAll(async () => {
    bounded.closeAllConnections();
    await new Promise((r) => bounded.close(r));
  });

  /** A POST whose body has begun but not ended; `finish()` sends the rest and resolves with the answer. */
  function openUpload(path: string) {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      headers: { 'content-type': 'text/plain', 'content-length': '4' },
    });
    const answer = new Promise<RawAnswer>((resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('error', reject);
    });
    req.write('ab');
    return {
      answer,
      finish: () => {
        req.end('cd');
        return answer;
      },
    };
  }

  it('holds at most N bodies at once: one more gets 503 with Retry-After, and the slots come back', async () => {
    const first = openUpload('/saures/api/one');
    const second = openUpload('/saures/api/two');
    // Both are being read once a third is turned away; the answer to it says when to try again.
    await vi.waitFor(async () => {
      const third = await raw(port, 'POST', '/saures/api/three', { 'content-type': 'text/plain' }, 'x');
      expect(third.status).toBe(503);
      expect(third.headers['retry-after']).toBe('1');
    });
    expect((await first.finish()).status).toBe(200);
    expect((await second.finish()).status).toBe(200);
    expect((await raw(port, 'POST', '/saures/api/four', { 'content-type': 'text/plain' }, 'x')).status).toBe(200);
    expect(saures.seen.map((r) => r.url)).toEqual(['/api/one', '/api/two', '/api/four']);
  });

  it('drops a body that does not arrive in time, forwards nothing, and frees its slot', async () => {
    const slow = openUpload('/saures/api/slow-body');
    await expect(slow.answer).rejects.toThrow();
    expect(saures.seen).toEqual([]);
    const a = openUpload('/saures/api/a');
    const b = openUpload('/saures/api/b');
    expect((await a.finish()).status).toBe(200);
    expect((await b.finish()).status).toBe(200);
  });

  it('cuts off an upstream answer that grows past the limit while it streams', async () => {
    const res = await raw(port, 'GET', '/saures/big');
    expect(res.status).toBe(502);
    expect(res.body).toContain('too large');
  });
});
