import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesEtag, pickEncoding, startAppServer, type LogEntry, type RunningAppServer } from './app-server.ts';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head></html>';
const SCRIPT = `export const words = ${JSON.stringify('meterdeck '.repeat(500))};\n`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request (fetch would decompress the body and hide content-encoding). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let dist: string;
let server: RunningAppServer;
const logs: LogEntry[] = [];

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'meterdeck-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), INDEX);
  await writeFile(join(dist, 'assets', 'app-abc123.js'), SCRIPT);
  await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  server = await startAppServer({ distDir: dist, port: 0, env: {}, log: (e) => logs.push(e) });
});

afterAll(async () => {
  await server.close();
  await rm(dist, { recursive: true, force: true });
});

describe('the production server', () => {
  it('answers /healthz, with the security headers every response carries', async () => {
    const res = await get(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves hashed assets for a year, immutable, brotli or gzip as the browser takes them', async () => {
    const url = `${server.url}/assets/app-abc123.js`;
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('has index.html revalidated: no-cache with an ETag, and 304 when it has not changed', async () => {
    const first = await get(`${server.url}/`);
    expect(first.status).toBe(200);
    expect(first.body.toString()).toBe(INDEX);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag;
    expect(typeof etag).toBe('string');
    const again = await get(`${server.url}/`, { 'if-none-match': String(etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // As a cache in between may pass it on: weakened, or in a list.
    expect((await get(`${server.url}/`, { 'if-none-match': `"other", W/${String(etag)}` })).status).toBe(304);
    expect((await get(`${server.url}/`, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('gives each encoding of a file its own ETag', async () => {
    const url = `${server.url}/assets/app-abc123.js`;
    const tags = await Promise.all(
      ['br', 'gzip', 'identity'].map(async (e) => (await get(url, { 'accept-encoding': e })).headers.etag),
    );
    expect(new Set(tags).size).toBe(3);
  });

  it('answers a route of the app with the page (SPA fallback), but a missing asset with 404', async () => {
    const route = await get(`${server.url}/sensors/1.1?range=24h`, { accept: 'text/html' });
    expect(route.status).toBe(200);
    expect(route.body.toString()).toBe(INDEX);
    expect((await get(`${server.url}/assets/gone-123.js`)).status).toBe(404);
    expect((await get(`${server.url}/no-such.json`, { accept: 'application/json' })).status).toBe(404);
  });

  it('never serves a file outside the build, in any encoding of ..', async () => {
    for (const path of [
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%5c..%5cpackage.json',
    ]) {
      const res = await get(`${server.url}${path}`);
      expect(res.body.toString()).not.toContain('root:');
      expect([200, 400, 404]).toContain(res.status);
      if (res.status === 200) expect(res.body.toString()).toBe(INDEX);
    }
  });

  it('refuses writes to the static files', async () => {
    expect((await get(`${server.url}/index.html`, {}, 'POST')).status).toBe(405);
  });

  it('mounts the proxy, with the built-in fakes when no upstream is set, and the public config', async () => {
    expect((await get(`${server.url}/saures/__control/reset`, {}, 'POST')).status).toBe(200);
    const config = JSON.parse((await get(`${server.url}/__meterdeck/config`)).body.toString());
    expect(config.saures.faked).toBe(true);
    expect(config.besmart.faked).toBe(true);
  });

  it('logs one structured entry per request, with secrets redacted', async () => {
    await get(`${server.url}/saures/api/company/flats?sid=very-secret-sid`);
    const entry = logs.find((e) => typeof e.path === 'string' && e.path.startsWith('/saures/api/company/flats'));
    expect(entry).toMatchObject({ level: 'info', method: 'GET' });
    expect(JSON.stringify(logs)).not.toContain('very-secret-sid');
  });
});

describe('closing', () => {
  it('lets a request under way finish, then refuses new connections', async () => {
    // An upstream that holds its answer until told, so the request is surely under way when close() is called.
    let arrived!: () => void;
    const arrival = new Promise<void>((r) => (arrived = r));
    let answerNow!: () => void;
    const upstream = createServer((_req, res) => {
      answerNow = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"held":true}');
      arrived();
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const address = upstream.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const dir = await mkdtemp(join(tmpdir(), 'meterdeck-dist-'));
    await writeFile(join(dir, 'index.html'), INDEX);
    const own = await startAppServer({
      distDir: dir,
      port: 0,
      env: { SAURES_URL: `http://127.0.0.1:${address.port}` },
      log: () => {},
    });
    try {
      const slow = get(`${own.url}/saures/api/company/flats`);
      await arrival;
      let closedYet = false;
      const closed = own.close().then(() => (closedYet = true));
      // Closing waits for the request: nothing has finished while the upstream still holds its answer.
      await new Promise((r) => setImmediate(r));
      expect(closedYet).toBe(false);
      answerNow();
      const answer = await slow;
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe('{"held":true}');
      await closed;
      await expect(get(`${own.url}/healthz`)).rejects.toThrow();
    } finally {
      await own.close();
      upstream.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('matchesEtag', () => {
  it('matches a tag, a weakened tag, a tag in a list and *', () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('"b", "a"', '"a"')).toBe(true);
    expect(matchesEtag('*', '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag(undefined, '"a"')).toBe(false);
  });
});

describe('pickEncoding', () => {
  it('prefers brotli, falls back to gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});
