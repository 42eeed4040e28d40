/*
 * Named scenarios over the fakes' control actions (POST /<service>/__control/<action>),
 * one vocabulary for Vitest and Playwright. A scenario is data: the control
 * steps that switch a fake into it. How the steps reach the fake is the
 * transport's business:
 *
 *   Vitest:      fakes.apply(sauresSessionExpired())            (src/test/server.ts: fake.control directly)
 *   Playwright:  await applyScenario(httpControl(page.request), besmartDown())
 *
 * Plain TypeScript with no test-runner imports, so e2e/ (a Node project) can import it too.
 * Every fake goes back to its seed, with no fault, on `reset()` (each test starts there).
 */

export type FakedService = 'saures' | 'besmart';

/** One control action: POST /<service>/__control/<action>?<params>. */
export interface ControlStep {
  readonly service: FakedService;
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
}

/** The control steps that switch the fakes into one situation, applied in order. */
export type Scenario = readonly ControlStep[];

/** Sends one step to its fake; throws when the fake refuses it. */
export type ControlTransport = (step: ControlStep) => void | Promise<void>;

/** Applies scenarios one after another over a transport. */
export async function applyScenario(transport: ControlTransport, ...scenarios: Scenario[]): Promise<void> {
  for (const step of scenarios.flat()) await transport(step);
}

/** The same-origin URL path of a step (through the proxy, or the msw handlers). */
export function controlPath(step: ControlStep): string {
  const query = new URLSearchParams(step.params).toString();
  return `/${step.service}/__control/${step.action}${query === '' ? '' : `?${query}`}`;
}

/** What httpControl needs of a request client: Playwright's `page.request` / `request` fixture fits. */
export interface PostsRequests {
  post(url: string): Promise<{ ok(): boolean; status(): number; text(): Promise<string> }>;
}

/** A transport over HTTP (Playwright: `httpControl(page.request)`); `base` is prepended to the path. */
export function httpControl(request: PostsRequests, base = ''): ControlTransport {
  return async (step) => {
    const res = await request.post(`${base}${controlPath(step)}`);
    if (!res.ok()) throw new Error(`${controlPath(step)} answered ${res.status()}: ${await res.text()}`);
  };
}

const step = (service: FakedService, action: string, params: Record<string, string> = {}): Scenario => [
  { service, action, params },
];

// ---- The generic fault switch (mocks/faults.ts), both services ----

/** latency, html, bad-json, or an HTTP status (401 = the service's own "session no longer valid"). */
export type FaultKind = 'latency' | 'html' | 'bad-json' | number;

/** Which requests a fault hits, and how. Without `path` every request but the login one. */
export interface FaultOptions {
  /** Only paths below the service root starting with this; `*` stands for one path segment. */
  path?: string;
  /** Only this HTTP method. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Only the next N matching requests. */
  times?: number;
  /** Delay before the answer (for latency: the delay itself, default 3000). */
  ms?: number;
}

/** The service answers matching requests with a fault of this kind (replacing any fault it had). */
export function faultOn(service: FakedService, kind: FaultKind, options: FaultOptions = {}): Scenario {
  const params: Record<string, string> = { kind: String(kind) };
  if (options.ms !== undefined) params.ms = String(options.ms);
  if (options.path !== undefined) params.path = options.path;
  if (options.method !== undefined) params.method = options.method;
  if (options.times !== undefined) params.times = String(options.times);
  return step(service, 'fault', params);
}

/** The service's fault is switched off (its data and sessions stay as they are). */
export const faultOff = (service: FakedService): Scenario => step(service, 'fault', { kind: 'off' });

/** Both fakes back to their seed, sessions and clock, with no fault. */
export const fakesReset = (): Scenario => [...step('saures', 'reset'), ...step('besmart', 'reset')];

/** Both fakes' clocks move on by `ms` (sessions and tokens age, nothing waits). */
export const clockAdvanced = (ms: number): Scenario => [
  ...step('saures', 'advance-clock', { ms: String(ms) }),
  ...step('besmart', 'advance-clock', { ms: String(ms) }),
];

// ---- SAURES ----

/** Every sid SAURES gave out is no longer valid: the next request with one gets WrongSIDException. */
export const sauresSessionExpired = (): Scenario => step('saures', 'expire-sessions');

/** SAURES answers WrongSIDException (HTTP 200, as for an expired sid) even to a fresh sid. */
export const sauresRejectsSid = (options: FaultOptions = {}): Scenario => faultOn('saures', 401, options);

/** SAURES cannot be reached: the proxy's 502 for every request but the login. */
export const sauresDown = (options: FaultOptions = {}): Scenario => faultOn('saures', 502, options);

/** SAURES does not answer in time: the proxy's 504 for every request but the login. */
export const sauresTimesOut = (options: FaultOptions = {}): Scenario => faultOn('saures', 504, options);

/** SAURES answers an HTTP error status with nginx's page (500 unless given). */
export const sauresFails = (status = 500, options: FaultOptions = {}): Scenario => faultOn('saures', status, options);

/** SAURES answers `ms` late (default 3000). */
export const sauresSlow = (ms = 3000, options: FaultOptions = {}): Scenario =>
  faultOn('saures', 'latency', { ...options, ms });

/** SAURES answers its maintenance web page (HTTP 200) instead of JSON — to every request, sign-in included. */
export const sauresAnswersHtml = (options: FaultOptions = { path: '/' }): Scenario =>
  faultOn('saures', 'html', options);

/** SAURES answers JSON cut off midway, to every request but the login. */
export const sauresAnswersBadJson = (options: FaultOptions = {}): Scenario => faultOn('saures', 'bad-json', options);

/** The meters of one flat answer nginx's 502 page; the other flats answer as usual. */
export const sauresFlatMetersFail = (flat: number): Scenario => step('saures', 'fail-meters', { flat: String(flat) });

/** The meters of that flat answer again. */
export const sauresFlatMetersRecover = (flat: number): Scenario =>
  step('saures', 'fail-meters', { flat: String(flat), on: '0' });

/** SAURES' fault is switched off. */
export const sauresRecovers = (): Scenario => faultOff('saures');

// ---- besmart ----

/** Every besmart token is at its expiry: the app must renew (v0.1.5) or sign in again (current). */
export const besmartTokensExpired = (): Scenario => step('besmart', 'expire-tokens');

/** besmart refuses the token (its own 401) on every request but the login, as for a revoked one. */
export const besmartTokenRevoked = (options: FaultOptions = {}): Scenario => faultOn('besmart', 401, options);

/** besmart cannot be reached: the proxy's 502 for every request but the login. */
export const besmartDown = (options: FaultOptions = {}): Scenario => faultOn('besmart', 502, options);

/** besmart does not answer in time: the proxy's 504 for every request but the login. */
export const besmartTimesOut = (options: FaultOptions = {}): Scenario => faultOn('besmart', 504, options);

/** besmart answers an HTTP error status in its version's error shape (500 unless given). */
export const besmartFails = (status = 500, options: FaultOptions = {}): Scenario => faultOn('besmart', status, options);

/** besmart answers `ms` late (default 3000). */
export const besmartSlow = (ms = 3000, options: FaultOptions = {}): Scenario =>
  faultOn('besmart', 'latency', { ...options, ms });

/** besmart answers a web page (HTTP 200) instead of JSON, to every request but the login. */
export const besmartAnswersHtml = (options: FaultOptions = {}): Scenario => faultOn('besmart', 'html', options);

/** besmart answers JSON cut off midway, to every request but the login. */
export const besmartAnswersBadJson = (options: FaultOptions = {}): Scenario => faultOn('besmart', 'bad-json', options);

/** Path of one signal's data (read and write) on every sensor, as the fault switch matches it. */
export const BESMART_SIGNAL_DATA_PATH = '/sensors/*/signals/*/data';

/** Signal data requests (of every sensor and signal) answer 500; the rest of besmart works. */
export const besmartDataFails = (options: Omit<FaultOptions, 'path'> = {}): Scenario =>
  faultOn('besmart', 500, { ...options, path: BESMART_SIGNAL_DATA_PATH });

/** besmart's fault is switched off. */
export const besmartRecovers = (): Scenario => faultOff('besmart');
