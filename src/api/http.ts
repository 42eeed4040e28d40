import { z } from 'zod';
import { ApiError, type AnswerPart, type Service } from './errors.ts';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface HttpRequest {
  service: Service;
  /** Path below the service root, e.g. "/api/company/flats" or "/sensors/types". */
  path: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /** What the app is doing, for the error message ("Loading flats"). */
  what: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  contentType: string;
  /** Body as text with any UTF-8 BOM removed. */
  text: string;
}

/** Same-origin root of the proxy; the proxy forwards /saures/* and /besmart/*. */
function origin(): string {
  const loc = (globalThis as { location?: { origin?: string } }).location;
  return loc?.origin && loc.origin !== 'null' ? loc.origin : 'http://localhost';
}

/** Encodes one path segment so an id can never add a "/" or "..". */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}

export function buildUrl(service: Service, path: string, query?: Query): string {
  const url = new URL(`/${service}${path}`, origin());
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    url.searchParams.set(k, String(v));
  }
  return url.toString();
}

export async function send(req: HttpRequest): Promise<HttpResponse> {
  const url = buildUrl(req.service, req.path, req.query);
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method ?? 'GET',
      headers: { Accept: 'application/json', ...req.headers },
      body: req.body ?? null,
      signal: req.signal ?? null,
      credentials: 'omit',
    });
  } catch (cause) {
    if (req.signal?.aborted) throw cause;
    throw new ApiError({
      service: req.service,
      kind: 'network',
      what: req.what,
      serverMessage: cause instanceof Error ? cause.message : undefined,
    });
  }
  let raw: string;
  try {
    raw = await res.text();
  } catch (cause) {
    // The connection broke off in the middle of the body (proxy restart, dropped Wi-Fi…).
    if (req.signal?.aborted) throw cause;
    throw new ApiError({
      service: req.service,
      kind: 'network',
      what: req.what,
      status: res.status,
      serverMessage: 'the connection broke off before the whole answer arrived',
    });
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    text: raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw,
  };
}

/** True when the body is an HTML page (a login wall, a proxy error page…). */
export function looksLikeHtml(res: HttpResponse): boolean {
  return res.contentType.includes('text/html') || /^\s*</.test(res.text);
}

/** Parses JSON text; a failure is an ApiError of kind "parse". */
export function parseJsonText(service: Service, what: string, res: HttpResponse): unknown {
  if (looksLikeHtml(res)) {
    throw new ApiError({
      service,
      kind: 'parse',
      what,
      status: res.status,
      serverMessage: 'a web page came back instead of data',
    });
  }
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    throw new ApiError({
      service,
      kind: 'parse',
      what,
      status: res.status,
      serverMessage: res.text.trim() === '' ? 'the answer was empty' : 'the answer was not valid JSON',
    });
  }
}

/**
 * Validates with zod; a mismatch is an ApiError of kind "parse" naming the
 * first bad field, and `part` (what the value holds: "flats") when given.
 */
export function parseWith<S extends z.ZodType>(
  service: Service,
  what: string,
  schema: S,
  value: unknown,
  part?: AnswerPart,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at “${issue.path.join('.')}”` : '';
  throw new ApiError({
    service,
    kind: 'parse',
    what,
    serverMessage: `unexpected data${where}`,
    part,
  });
}
