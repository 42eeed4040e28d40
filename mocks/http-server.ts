import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { FakeRequest, FakeService } from './types.ts';

export interface RunningFake {
  /** Base URL to use as SAURES_URL or BESMART_URL. */
  url: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves one fake over real HTTP on loopback, under `basePath` (besmart's real
 * root is ".../api", so its fake is served under "/api" too). The proxy sits
 * in front of it exactly as it would sit in front of the real service.
 * POST <base>/__control/<action> drives the fake's test switches.
 */
export async function startFakeServer(fake: FakeService, basePath = ''): Promise<RunningFake> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://fake.invalid');
        if (!url.pathname.startsWith(`${basePath}/`)) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
          return;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === 'string') headers[k.toLowerCase()] = v;
        }
        const fakeReq: FakeRequest = {
          method: (req.method ?? 'GET').toUpperCase(),
          path: url.pathname.slice(basePath.length),
          query: url.searchParams,
          headers,
          body: await readBody(req),
        };
        const control = /^\/__control\/([a-z-]+)$/.exec(fakeReq.path);
        const out =
          control?.[1] && fakeReq.method === 'POST'
            ? fake.control(control[1], fakeReq.query)
            : await fake.handle(fakeReq);
        res.writeHead(out.status, out.headers).end(out.body);
      } catch (e) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`Fake failed: ${String(e)}`);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake server has no TCP port');
  const { port } = address;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
