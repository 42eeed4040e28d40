import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { createProxyMiddleware, refuseConnect } from './proxy.ts';
import { SECURITY_HEADERS, sendSecurityHeaders } from './security-headers.ts';
import { publicConfig, resolveUpstreams, type Upstreams } from './upstreams.ts';

/**
 * Mounts the same-origin proxy on Vite's dev server (npm start) and preview
 * server (npm run preview), with the built-in fakes as upstreams unless SAURES_URL /
 * BESMART_URL are set.
 */
export function meterdeckProxy(): Plugin {
  let upstreams: Promise<Upstreams> | undefined;

  function mount(server: ViteDevServer | PreviewServer): void {
    upstreams ??= resolveUpstreams(process.env).then((u) => {
      const describe = (name: string, url: string, faked: boolean, api?: string) =>
        `  ${name.padEnd(8)} → ${faked ? `built-in fake${api ? ` of API ${api}` : ''} (${url})` : url}`;
      server.config.logger.info(
        [
          'meterdeck proxy:',
          describe('/saures', u.targets.saures, u.faked.saures),
          describe('/besmart', u.targets.besmart, u.faked.besmart, u.besmartApi ?? undefined),
        ].join('\n'),
      );
      return u;
    });
    // Through Vite's logger, so its log level (e.g. the e2e servers' 'warn') also governs the proxy's lines.
    const log = (line: string) => server.config.logger.info(line);
    const ready = upstreams.then((u) => createProxyMiddleware({ targets: u.targets, log }));
    server.middlewares.use('/__meterdeck/config', (req, res, next) => {
      if (req.method !== 'GET') return next();
      upstreams?.then((u) => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(publicConfig(u)));
      }, next);
    });
    server.middlewares.use((req, res, next) => {
      ready.then((mw) => mw(req, res, next)).catch(next);
    });
    server.httpServer?.on('close', () => {
      void upstreams?.then((u) => u.close());
    });
  }

  return {
    name: 'meterdeck-proxy',
    // No CSP on the dev server: React Fast Refresh injects an inline preamble
    // script and Vite's client injects <style> elements for CSS hot reload.
    configureServer(server) {
      if (server.httpServer) refuseConnect(server.httpServer);
      mount(server);
    },
    // The preview server serves the build as the production server does
    // (server/app-server.ts, npm run serve): every response gets the CSP and
    // the other hardening headers (server/security-headers.ts).
    configurePreviewServer(server) {
      sendSecurityHeaders(server.httpServer);
      refuseConnect(server.httpServer, SECURITY_HEADERS);
      mount(server);
    },
  };
}
