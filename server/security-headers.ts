import type { EventEmitter } from 'node:events';

/**
 * The production Content-Security-Policy, directive by directive.
 *
 * - The built index.html has no inline script (Vite emits `<script type="module" src>`),
 *   so scripts are 'self' only: no 'unsafe-inline', no 'unsafe-eval'.
 * - The chart's series worker is a module worker loaded from /assets (worker-src 'self').
 * - Styles are 'self' only: the app's CSS is one file, React's `style` props and recharts'
 *   text-measuring span are set through the CSSOM (`element.style`), which CSP does not
 *   govern, and nothing injects `<style>` elements or `style=""` markup.
 * - The browser talks to our own origin only (the proxy), hence connect-src 'self'.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'worker-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Headers sent with every response of the production (preview) server. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

interface HeaderTarget {
  setHeader(name: string, value: string): unknown;
}

function isHeaderTarget(value: unknown): value is HeaderTarget {
  return typeof value === 'object' && value !== null && 'setHeader' in value && typeof value.setHeader === 'function';
}

/** Sets the security headers on a response that has not been sent yet. */
export function applySecurityHeaders(res: HeaderTarget): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/**
 * Puts the security headers on every response of an HTTP server — also the
 * ones answered before any plugin middleware runs (Vite's CORS preflight and
 * host check) — by listening to 'request' ahead of the app. Headers set later
 * with setHeader or writeHead are merged with these, not replaced.
 */
export function sendSecurityHeaders(server: EventEmitter): void {
  server.prependListener('request', (...args: unknown[]) => {
    const res = args[1];
    if (isHeaderTarget(res)) applySecurityHeaders(res);
  });
}
