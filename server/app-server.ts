import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { createProxyMiddleware, redactUrl, refuseConnect } from './proxy.ts';
import { SECURITY_HEADERS, sendSecurityHeaders } from './security-headers.ts';
import { publicConfig, resolveUpstreams, type Upstreams } from './upstreams.ts';

/** One structured log entry; written as one JSON line. Never holds a password, token or sid. */
export type LogEntry = Record<string, string | number | boolean>;

export interface AppServerOptions {
  /** The built app (`npm run build` writes it to dist/). */
  distDir: string;
  /** Default 127.0.0.1: behind a reverse proxy on the same host; 0.0.0.0 to listen on every interface. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** SAURES_URL, BESMART_URL (unset: the built-in fakes), BESMART_API, MOCK_DATASET. */
  env?: NodeJS.ProcessEnv;
  log?: (entry: LogEntry) => void;
  /** How long in-flight requests may take to finish on close before their connections are cut (default 10 s). */
  shutdownGraceMs?: number;
}

export interface RunningAppServer {
  /** Where it listens, e.g. http://127.0.0.1:8080 (no trailing slash). */
  url: string;
  upstreams: Upstreams;
  /** Stops accepting, lets in-flight requests finish (up to the grace time), then stops the fakes. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
/** Types worth compressing (images and fonts other than SVG are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt']);
/** Vite names everything under /assets/ by its content hash: a changed file gets a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the files with fixed names: cached, but asked about again every time (ETag → 304). */
const REVALIDATE = 'no-cache';

interface StaticFile {
  type: string;
  /** The content hash; each encoding's ETag is made from it (etagOf). */
  hash: string;
  body: Buffer;
  /** Compressed once, on first request, then kept (the build is a few MB). */
  encoded: Partial<Record<'br' | 'gzip', Promise<Buffer>>>;
  compressible: boolean;
}

/**
 * The production server: one Node process serving the built app and the
 * same proxy and headers as the preview server (server/vite-plugin.ts), with
 * long caching of hashed assets, compression, the SPA fallback, /healthz and
 * a graceful close. node:http alone: what it needs is a file server of about
 * a hundred lines, so no framework is pulled in for it.
 */
export async function startAppServer(options: AppServerOptions): Promise<RunningAppServer> {
  const dist = resolve(options.distDir);
  const log = options.log ?? ((entry: LogEntry) => console.log(JSON.stringify(entry)));
  const grace = options.shutdownGraceMs ?? 10_000;
  // The build does not change while the server runs: its file list is read once, and a request for any
  // other path is never looked for on disk (nor remembered: a flood of made-up paths costs no memory).
  const listed = await listFiles(dist);
  const index = listed.has('/index.html') ? await loadFile(join(dist, 'index.html')) : null;
  if (!index) throw new Error(`No build at ${dist} (index.html is missing): run npm run build first.`);

  const upstreams = await resolveUpstreams(options.env ?? process.env);
  const proxy = createProxyMiddleware({
    targets: upstreams.targets,
    log: (line) => log({ time: new Date().toISOString(), level: 'info', msg: line }),
  });
  const files = new Map<string, Promise<StaticFile | null>>();
  const fileAt = (urlPath: string): Promise<StaticFile | null> | null => {
    if (!listed.has(urlPath)) return null;
    let file = files.get(urlPath);
    if (!file) {
      file = loadFile(join(dist, urlPath));
      files.set(urlPath, file);
    }
    return file;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://app.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === '/healthz') {
      send(res, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }, '{"status":"ok"}', method);
      return;
    }
    if (url.pathname === '/__meterdeck/config' && method === 'GET') {
      send(
        res,
        200,
        { 'content-type': 'application/json', 'cache-control': 'no-store' },
        JSON.stringify(publicConfig(upstreams)),
        method,
      );
      return;
    }
    // The proxy decides from the path alone, at once: it calls next() synchronously for a path that is
    // not /saures/… or /besmart/…, and otherwise answers by itself.
    let proxied = true;
    proxy(req, res, () => {
      proxied = false;
    });
    if (proxied) return;
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, 405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }, 'Method not allowed', method);
      return;
    }
    const path = decodedPath(url.pathname);
    const file = path === null ? null : await fileAt(path);
    if (file) {
      const immutable = url.pathname.startsWith('/assets/');
      await serveFile(req, res, file, immutable ? IMMUTABLE : REVALIDATE, method);
      return;
    }
    // A route of the app (/sensors/1.1, /flats?…): the page, which routes itself. A missing asset stays a 404.
    const accept = req.headers.accept ?? '*/*';
    if (!url.pathname.startsWith('/assets/') && (accept.includes('text/html') || accept.includes('*/*'))) {
      await serveFile(req, res, index, REVALIDATE, method);
      return;
    }
    send(res, 404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, 'Not found', method);
  };

  const server: Server = createServer((req, res) => {
    const started = Date.now();
    // 'close', not 'finish': a request the browser gave up on is logged too.
    res.on('close', () => {
      log({
        time: new Date().toISOString(),
        level: 'info',
        method: req.method ?? 'GET',
        path: redactUrl(req.url ?? '/'),
        status: res.statusCode,
        ms: Date.now() - started,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    });
    handle(req, res).catch((e: unknown) => {
      log({ time: new Date().toISOString(), level: 'error', msg: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) send(res, 500, { 'content-type': 'text/plain; charset=utf-8' }, 'Internal error', 'GET');
      else res.end();
    });
  });
  sendSecurityHeaders(server);
  refuseConnect(server, SECURITY_HEADERS);

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP port');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    upstreams,
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        // A keep-alive connection with no request under way would hold close() open until it times out:
        // each goes as soon as it is idle (now, or when its last answer has been sent).
        server.closeIdleConnections();
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => server.closeAllConnections(), grace);
        await stopped;
        clearInterval(sweep);
        clearTimeout(cut);
        await upstreams.close();
      })();
      return closing;
    },
  };
}

/** A URL path as the file path it names ("/assets/a.js"), or null when it cannot name a file. */
function decodedPath(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

/** Every file below dir, as URL paths ("/index.html", "/assets/a.js"). */
async function listFiles(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = new Set<string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const rel = relative(dir, join(entry.parentPath, entry.name));
    if (!rel.startsWith('..')) paths.add(`/${rel.split(sep).join('/')}`);
  }
  return paths;
}

async function loadFile(path: string): Promise<StaticFile | null> {
  try {
    const body = await readFile(path);
    const ext = extname(path);
    return {
      type: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      hash: createHash('sha1').update(body).digest('base64url'),
      body,
      encoded: {},
      compressible: COMPRESSIBLE.has(ext) && body.length > 1024,
    };
  } catch {
    return null;
  }
}

/** br when the browser takes it, else gzip, else none (q=0 means "not this one"). */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part !== '' && !/;\s*q=0(\.0+)?$/.test(part))
      .map((part) => part.split(';')[0]?.trim() ?? ''),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/**
 * If-None-Match against our ETag: a list, `*`, or a tag a cache in between
 * made weak (`W/"…"`) all count (RFC 9110 compares weakly here).
 */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: StaticFile,
  cache: string,
  method: string,
): Promise<void> {
  const encoding = file.compressible ? pickEncoding(req.headers['accept-encoding']) : null;
  // Each encoding is a different body, so it gets its own (strong) ETag.
  const etag = `"${file.hash}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = { 'content-type': file.type, 'cache-control': cache, etag };
  if (file.compressible) headers.vary = 'Accept-Encoding';
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    send(res, 304, headers, undefined, method);
    return;
  }
  let body = file.body;
  if (encoding) {
    // Off the event loop (zlib's thread pool), once per file. Brotli at quality 9: nearly all of 11's
    // gain at a fraction of its time.
    body = await (file.encoded[encoding] ??=
      encoding === 'br'
        ? brotli(file.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } })
        : gzipped(file.body, { level: 9 }));
    headers['content-encoding'] = encoding;
  }
  headers['content-length'] = String(body.length);
  send(res, 200, headers, body, method);
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  method: string,
): void {
  res.writeHead(status, headers);
  res.end(method === 'HEAD' ? undefined : body);
}
