import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, sendSecurityHeaders } from './security-headers.ts';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('the Content-Security-Policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows scripts and workers from our own origin only, never inline or eval', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval|hashes)|strict-dynamic|\*/);
  });

  it('locks down everything else', () => {
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'worker-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'self'"],
    });
  });
});

describe('sendSecurityHeaders', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    // Answers the way the different middlewares of Vite's preview server do.
    server = createServer((req, res) => {
      if (req.method === 'OPTIONS') res.writeHead(204).end();
      else if (req.url === '/api') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else if (req.url === '/own-header') {
        res.setHeader('Cache-Control', 'no-store');
        res.end('x');
      } else res.writeHead(404).end();
    });
    sendSecurityHeaders(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    port = address.port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  function get(method: string, path: string): Promise<IncomingHttpHeaders> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it.each([
    ['GET', '/api', { 'content-type': 'application/json' }],
    ['GET', '/own-header', { 'cache-control': 'no-store' }],
    ['GET', '/missing', {}],
    ['OPTIONS', '/api', {}],
  ])('puts every header on %s %s, next to the response’s own', async (method, path, own) => {
    const headers = await get(method, path);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name.toLowerCase()]).toBe(value);
    expect(headers).toMatchObject(own);
  });
});
