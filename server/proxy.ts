import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';

export type ProxyService = 'saures' | 'besmart';

export interface ProxyOptions {
  /** Upstream base URL per service, e.g. { saures: 'https://lk.saures.ru', besmart: 'https://api.besmart.energy/api' }. */
  targets: Record<ProxyService, string>;
  /** Where log lines go (default console.log). Lines never hold a password, token or sid. */
  log?: (line: string) => void;
  /** Largest request body accepted, in bytes (default 16 MiB). */
  maxBodyBytes?: number;
  /** Upstream time limit in ms (default 30 s) before answering 504. */
  timeoutMs?: number;
  /** How many request bodies may be held at once (default 4: 64 MiB at most); beyond, 503 with Retry-After. */
  maxConcurrentBodies?: number;
  /** How long a request body may take to arrive, in ms (default 30 s), before 408. */
  bodyTimeoutMs?: number;
  /** Largest upstream answer passed on, in bytes (default 64 MiB); a larger one is cut off while it streams. */
  maxResponseBytes?: number;
}

type Next = (err?: unknown) => void;

/** Request headers that cross the proxy; nothing else is forwarded (no cookies, no host). */
const FORWARDED_REQUEST_HEADERS = ['authorization', 'x-auth', 'content-type', 'accept'] as const;
/** Response headers that come back; set-cookie, location, the upstream's caching rules and the like stay behind. */
const FORWARDED_RESPONSE_HEADERS = ['content-type'] as const;
/**
 * Every proxied answer (and every refusal) is the user's own data or about
 * their request: no browser or shared cache may keep it, whatever the
 * upstream said.
 */
const NO_STORE = { 'cache-control': 'no-store' } as const;
/** Largest upstream answer passed on by default (a year of one-minute data is ~15 MB). */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Query keys whose values are logged as they are: ids, times and switches
 * the app and the fakes' controls use. Every other value is `[redacted]`, so
 * a key nobody thought of (access_token, api_key, a sensor's name or info)
 * never reaches the log in clear.
 */
const LOGGED_QUERY_KEYS = new Set([
  'flat_id',
  'client_cid',
  'sensor_mid',
  'signal_type_moid',
  'meter_type_id',
  'since',
  'till',
  'agg',
  'aggregation',
  'unit',
  'origin',
  'graph_name',
  'date',
  'start',
  'finish',
  'absolute',
  'step',
  // the fakes' controls
  'ms',
  'kind',
  'path',
  'status',
  'flat',
  'on',
]);

class ProxyRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Replaces every query value but those of known-harmless keys (ids, times, switches) for logging. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        // keep the raw key
      }
      return LOGGED_QUERY_KEYS.has(name.toLowerCase()) ? pair : `${key}=[redacted]`;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/**
 * Works out the upstream URL for a same-origin request, or refuses it.
 * Returns null when the path is not ours (another prefix): the caller lets
 * the app server handle it. Never returns a URL outside the configured base.
 */
export function resolveTarget(rawUrl: string, targets: Record<ProxyService, string>): URL | null {
  if (!rawUrl.startsWith('/')) throw new ProxyRefusal(400, 'Only origin-form request targets are accepted.');
  // "//host/path" (and "/\host", which browsers read the same way) names a host, not a path.
  if (/^\/[/\\]/.test(rawUrl)) throw new ProxyRefusal(400, 'Request targets naming a host are not accepted.');
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const search = q < 0 ? '' : rawUrl.slice(q);
  const match = /^\/(saures|besmart)(\/.*)?$/.exec(path);
  if (!match) return null;
  const service = match[1] === 'saures' ? 'saures' : 'besmart';
  const rest = match[2];
  if (rest === undefined || rest === '/') throw new ProxyRefusal(404, 'No upstream path given.');
  if (/[\\\s]/.test(rest) || rest.includes('//')) throw new ProxyRefusal(400, 'Malformed path.');
  if (/%(2e|2f|5c|25|00)/i.test(rest))
    throw new ProxyRefusal(400, 'Encoded dots, slashes or percent signs are not allowed in the path.');
  for (const segment of rest.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new ProxyRefusal(400, 'Malformed percent-encoding in the path.');
    }
    if (decoded === '.' || decoded === '..') throw new ProxyRefusal(400, 'Path traversal is not allowed.');
    // "/..;/admin": servlet containers and some proxies read ";…" as a path parameter and drop it, so the
    // segment becomes ".." upstream. No path of either service has one.
    if (decoded.includes(';')) throw new ProxyRefusal(400, 'Path parameters (;) are not allowed.');
  }
  const base = new URL(targets[service]);
  const basePath = base.pathname.replace(/\/+$/, '');
  const target = new URL(`${base.origin}${basePath}${rest}${search}`);
  if (target.origin !== base.origin || !target.pathname.startsWith(`${basePath}/`)) {
    throw new ProxyRefusal(400, 'The path leaves the configured upstream.');
  }
  return target;
}

const METHOD_NOT_ALLOWED = [
  'HTTP/1.1 405 Method Not Allowed',
  `Allow: ${[...METHODS].join(', ')}`,
  'Content-Type: text/plain; charset=utf-8',
  'Connection: close',
];

/**
 * Answers CONNECT (tunnel) requests, e.g. `CONNECT evil.example:443`, with
 * 405. Node's HTTP server never hands them to middleware; with no 'connect'
 * listener it drops the connection without a word. `headers` are added to
 * the answer (the preview server's security headers).
 */
export function refuseConnect(server: EventEmitter, headers: Readonly<Record<string, string>> = {}): void {
  server.on('connect', (...args: unknown[]) => {
    const socket = args[1];
    if (!(socket instanceof Duplex)) return;
    const body = 'CONNECT is not forwarded by this server.\n';
    const lines = [
      ...METHOD_NOT_ALLOWED,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      `Content-Length: ${Buffer.byteLength(body)}`,
    ];
    socket.on('error', () => {});
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}

/**
 * Why a state-changing request must be refused as coming from another page
 * than the app's, or null. A page elsewhere can make the browser send a form
 * POST here (no CORS check applies to that). Browsers say where a request
 * comes from in Sec-Fetch-Site, which no page can set: when it is there,
 * only the app's own origin ("same-origin") or the user ("none") may write.
 * Older browsers send only Origin, checked against the Host header (so a
 * reverse proxy in front must pass the browser's Host on). A request with
 * neither comes from no browser page (curl, a test's API client) and passes.
 */
export function crossSiteWrite(req: IncomingMessage, method: string): string | null {
  if (method === 'GET' || method === 'HEAD') return null;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) {
    return site === 'same-origin' || site === 'none' ? null : 'Requests from another site may not change anything.';
  }
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let host: string | null = null;
  try {
    host = origin === 'null' ? null : new URL(origin).host;
  } catch {
    host = null;
  }
  // Compared by host: behind a TLS reverse proxy the page's origin is https while this server speaks http.
  return host !== null && host === req.headers.host ? null : 'Requests from another origin may not change anything.';
}

/** Reads a request body of at most `limit` bytes, arriving within `timeoutMs` (else 408 and the request is dropped). */
async function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer<ArrayBuffer>> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new ProxyRefusal(413, `Request body larger than ${limit} bytes.`);
  // With a declared length the body goes straight into one buffer of that size (no second copy to join
  // the chunks); without one, chunks are joined at the end.
  const whole = declared > 0 ? Buffer.allocUnsafe(declared) : null;
  const chunks: Buffer[] = [];
  let size = 0;
  /** Bytes written into `whole`: only these are ever used (allocUnsafe leaves the rest as it was). */
  let filled = 0;
  let late = false;
  // A slow body would otherwise hold its buffer and its connection for as long as the client likes.
  const timer = setTimeout(() => {
    late = true;
    req.destroy();
  }, timeoutMs);
  try {
    for await (const chunk of req) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      if (size + buf.length > limit) throw new ProxyRefusal(413, `Request body larger than ${limit} bytes.`);
      if (whole && chunks.length === 0 && filled + buf.length <= whole.length) {
        buf.copy(whole, filled);
        filled += buf.length;
      } else chunks.push(buf);
      size += buf.length;
    }
  } catch (e) {
    if (late) throw new ProxyRefusal(408, `The request body did not arrive within ${timeoutMs / 1000} s.`);
    throw e;
  } finally {
    clearTimeout(timer);
  }
  if (late) throw new ProxyRefusal(408, `The request body did not arrive within ${timeoutMs / 1000} s.`);
  if (whole && chunks.length === 0) return whole.subarray(0, filled);
  // No length declared, or more arrived than it said: the bytes in the order they came.
  return Buffer.concat(whole ? [whole.subarray(0, filled), ...chunks] : chunks);
}

/** Reads an upstream answer, cutting it off as soon as it passes `limit` bytes (the rest is never read). */
async function readAnswer(answer: Response, limit: number): Promise<Buffer> {
  const declared = Number(answer.headers.get('content-length') ?? '0');
  if (declared > limit) throw new ProxyRefusal(502, 'The upstream answer is too large.');
  if (!answer.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = answer.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ProxyRefusal(502, 'The upstream answer is too large.');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function sendProblem(res: ServerResponse, status: number, title: string, detail: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/problem+json', ...NO_STORE });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

/**
 * The thin same-origin proxy: /saures/<path> → ${SAURES_URL}/<path>,
 * /besmart/<path> → ${BESMART_URL}/<path>. Method, query, body and the
 * Authorization / X-Auth headers pass through; status and body come back
 * unchanged. Connect-style, so Vite's dev and preview servers both mount it.
 */
export function createProxyMiddleware(options: ProxyOptions) {
  const log = options.log ?? ((line: string) => console.log(line));
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodies = options.maxConcurrentBodies ?? 4;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000;
  const maxAnswer = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  /** Request bodies in memory now (read or being read): each may hold up to `limit` bytes, so they are counted. */
  let bodiesHeld = 0;
  for (const url of Object.values(options.targets)) new URL(url); // fail fast on a bad base URL

  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const rawUrl = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const started = Date.now();
    let target: URL | null;
    try {
      target = resolveTarget(rawUrl, options.targets);
    } catch (e) {
      if (e instanceof ProxyRefusal) {
        log(`[proxy] ${method} ${redactUrl(rawUrl)} refused ${e.status}: ${e.message}`);
        sendProblem(res, e.status, 'Request refused by the proxy', e.message);
        return;
      }
      throw e;
    }
    if (!target) {
      next();
      return;
    }
    const upstream = target;
    let holdsBody = false;
    void (async () => {
      try {
        if (!METHODS.has(method)) throw new ProxyRefusal(405, `Method ${method} is not forwarded.`);
        const crossSite = crossSiteWrite(req, method);
        if (crossSite) throw new ProxyRefusal(403, crossSite);
        let body: Buffer<ArrayBuffer> | undefined;
        if (method !== 'GET' && method !== 'HEAD') {
          if (bodiesHeld >= maxBodies) {
            res.setHeader('retry-after', '1');
            throw new ProxyRefusal(503, 'Too many requests with a body at once; try again in a moment.');
          }
          // The slot is held until the answer has gone back: the body stays in memory until then.
          bodiesHeld += 1;
          holdsBody = true;
          body = await readBody(req, limit, bodyTimeoutMs);
        }
        const headers: Record<string, string> = {};
        for (const name of FORWARDED_REQUEST_HEADERS) {
          const value = req.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        // The upstream call is abandoned when it takes too long or the browser goes away.
        const gone = new AbortController();
        res.on('close', () => {
          if (!res.writableFinished) gone.abort();
        });
        const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), gone.signal]);
        let answer: Response;
        let out: Buffer;
        try {
          answer = await fetch(upstream, {
            method,
            headers,
            // The Buffer itself (a Uint8Array over its own ArrayBuffer): no copy of a body of up to 16 MiB.
            body: body && body.length > 0 ? body : null,
            redirect: 'manual',
            signal,
          });
          out = await readAnswer(answer, maxAnswer);
        } catch (e) {
          if (e instanceof ProxyRefusal) throw e;
          if (gone.signal.aborted) {
            log(`[proxy] ${method} ${redactUrl(rawUrl)} → client went away (${Date.now() - started} ms)`);
            return;
          }
          const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
          log(`[proxy] ${method} ${redactUrl(rawUrl)} → ${timedOut ? 504 : 502} (${Date.now() - started} ms)`);
          if (timedOut)
            sendProblem(
              res,
              504,
              'Gateway Timeout',
              `The upstream service did not answer within ${timeoutMs / 1000} s.`,
            );
          else sendProblem(res, 502, 'Bad Gateway', 'The upstream service could not be reached.');
          return;
        }
        const outHeaders: Record<string, string> = {};
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = answer.headers.get(name);
          if (value !== null) outHeaders[name] = value;
        }
        res.writeHead(answer.status, { ...outHeaders, ...NO_STORE });
        res.end(method === 'HEAD' ? undefined : out);
        log(`[proxy] ${method} ${redactUrl(rawUrl)} → ${answer.status} (${Date.now() - started} ms)`);
      } catch (e) {
        if (e instanceof ProxyRefusal) {
          log(`[proxy] ${method} ${redactUrl(rawUrl)} refused ${e.status}: ${e.message}`);
          sendProblem(res, e.status, 'Request refused by the proxy', e.message);
        } else {
          log(`[proxy] ${method} ${redactUrl(rawUrl)} failed: ${e instanceof Error ? e.name : 'error'}`);
          sendProblem(res, 502, 'Bad Gateway', 'The proxy could not complete the request.');
        }
      } finally {
        if (holdsBody) bodiesHeld -= 1;
      }
    })();
  };
}
