import { z } from 'zod';
import { jsonResponse, textResponse, type FakeRequest, type FakeResponse, type FakeService } from './types.ts';

/**
 * Switchable faults, shared by both fakes (demo, e2e and unit tests alike):
 *
 *   POST <root>/__control/fault?kind=<kind>[&ms=][&path=][&method=][&times=]
 *
 * kind:   latency (answer normally after `ms`, default 3000), html (a web page
 *         with 200), bad-json (a truncated JSON body), 401 (the service's own
 *         "session no longer valid" answer), 502 / 504 (exactly what our
 *         proxy answers when the upstream is down / too slow), any other
 *         400–599 status (the service's own error shape), or off.
 * ms:     extra delay before any faulty answer (latency: the delay itself).
 * path:   only requests whose path (below the service root, e.g.
 *         "/api/company/flats", "/sensors/1.1") starts with it; a segment
 *         that is just `*` stands for any one segment (every signal's data:
 *         sensors, `*`, signals, `*`, data). "/" hits every request, sign-in
 *         included. Without a path the login endpoint is left alone, so one
 *         can still sign in.
 * method: only this HTTP method (GET, PUT…).
 * times:  only the next N matching requests; then the fault ends by itself.
 *
 * `POST <root>/__control/fault-state` tells the current fault; `reset`
 * clears it. One fault per service at a time: a new one replaces the old.
 */

export type FaultKind = 'latency' | 'html' | 'bad-json' | 'status';

export interface Fault {
  kind: FaultKind;
  /** For kind "status": the HTTP status (401, 500, 502, 504…). */
  status: number | null;
  ms: number;
  path: string | null;
  method: string | null;
  /** Matching requests still to be hit; null = until switched off. */
  remaining: number | null;
}

/** How one service fails: the shapes the fault layer answers with. */
export interface FaultProfile {
  /** The service's own answer to a request whose session is no longer valid. */
  unauthorized(): FakeResponse;
  /** The service's own answer for an HTTP error status (not 401, 502, 504). */
  errorStatus(status: number): FakeResponse;
  /** A web page answered with 200 (a maintenance page or a login wall). */
  htmlPage: string;
  /** A JSON body cut off midway (a dropped connection, a crashed serializer). */
  truncatedJson: string;
  /** The login endpoint, left alone unless a path filter targets it. */
  isLogin(req: FakeRequest): boolean;
}

/** Kept equal to server/proxy.ts's answers (checked by faults.test.ts against the real proxy). */
export const PROXY_TIMEOUT_S = 30;
export function proxyProblem(status: 502 | 504): FakeResponse {
  const body =
    status === 502
      ? { type: 'about:blank', title: 'Bad Gateway', status, detail: 'The upstream service could not be reached.' }
      : {
          type: 'about:blank',
          title: 'Gateway Timeout',
          status,
          detail: `The upstream service did not answer within ${PROXY_TIMEOUT_S} s.`,
        };
  return jsonResponse(status, body, 'application/problem+json');
}

const DEFAULT_LATENCY_MS = 3000;
const MAX_MS = 120_000;

const intParam = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));

const faultParamsSchema = z.object({
  kind: z.union([z.enum(['latency', 'html', 'bad-json', 'off']), z.string().regex(/^[45]\d\d$/, 'unknown kind')]),
  ms: intParam(0, MAX_MS).optional(),
  path: z.string().startsWith('/', 'must start with “/”').optional(),
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, 'must be an HTTP method')
    .transform((m) => m.toUpperCase())
    .optional(),
  times: intParam(1, 1_000_000).optional(),
});

/** Reads the control parameters into a fault (null = off), or an error text. */
export function parseFault(params: URLSearchParams): Fault | null | string {
  const raw = Object.fromEntries([...params].filter(([, v]) => v !== ''));
  const parsed = faultParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `fault: ${issue?.path.join('.') || 'kind'} ${issue?.message ?? 'is invalid'}`;
  }
  const { kind, ms, path, method, times } = parsed.data;
  if (kind === 'off') return null;
  const status = /^\d+$/.test(kind) ? Number(kind) : null;
  return {
    kind: status === null ? (kind === 'latency' ? 'latency' : kind === 'html' ? 'html' : 'bad-json') : 'status',
    status,
    ms: ms ?? (kind === 'latency' ? DEFAULT_LATENCY_MS : 0),
    path: path ?? null,
    method: method ?? null,
    remaining: times ?? null,
  };
}

/** The path filter as a prefix pattern: `*` is one path segment, everything else literal. */
function pathPattern(path: string): RegExp {
  const literal = path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('[^/]+')}`);
}

function matches(fault: Fault, req: FakeRequest, profile: FaultProfile): boolean {
  if (fault.method !== null && req.method !== fault.method) return false;
  if (fault.path !== null) return pathPattern(fault.path).test(req.path);
  return !profile.isLogin(req);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Wraps a fake with the fault switch. The fake itself is untouched: a faulty
 * answer never reaches it (except "latency", which is the fake's answer, late).
 */
export function withFaults<F extends FakeService>(fake: F, profile: FaultProfile): F {
  let fault: Fault | null = null;

  function state(): FakeResponse {
    return jsonResponse(200, { ok: true, fault });
  }

  async function answer(f: Fault, req: FakeRequest): Promise<FakeResponse> {
    if (f.ms > 0) await sleep(f.ms);
    switch (f.kind) {
      case 'latency':
        return fake.handle(req);
      case 'html':
        return textResponse(200, profile.htmlPage, 'text/html; charset=utf-8');
      case 'bad-json':
        return textResponse(200, profile.truncatedJson, 'application/json; charset=utf-8');
      case 'status': {
        const status = f.status ?? 500;
        if (status === 401) return profile.unauthorized();
        if (status === 502 || status === 504) return proxyProblem(status);
        return profile.errorStatus(status);
      }
    }
  }

  return {
    ...fake,
    handle(req: FakeRequest): Promise<FakeResponse> {
      const f = fault;
      if (f === null || !matches(f, req, profile)) return fake.handle(req);
      if (f.remaining !== null) {
        f.remaining -= 1;
        if (f.remaining <= 0) fault = null;
      }
      return answer(f, req);
    },
    control(action: string, params: URLSearchParams): FakeResponse {
      if (action === 'fault') {
        const next = parseFault(params);
        if (typeof next === 'string') return textResponse(422, next);
        fault = next;
        return state();
      }
      if (action === 'fault-state') return state();
      if (action === 'reset') fault = null;
      return fake.control(action, params);
    },
    reset(): void {
      fault = null;
      fake.reset();
    },
  };
}
