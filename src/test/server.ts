import type { RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { besmartFakesOfBothVersions } from '../../mocks/besmart/both.ts';
import type { BesmartFake } from '../../mocks/besmart/fake.ts';
import { createHandlers } from '../../mocks/handlers.ts';
import { createSauresFake, type SauresFake } from '../../mocks/saures/fake.ts';
import type { FakeResponse } from '../../mocks/types.ts';
import type { Dialect } from '../api/besmart/schemas.ts';
import type { ControlStep, FakedService, Scenario } from './scenarios.ts';

/*
 * The fakes of both services behind one msw server, for a test file:
 *
 *   const fakes = setupFakeServices();          // at the top of the file (or of a describe)
 *   fakes.besmart.use('v0.1.5');                // which besmart version answers (current by default)
 *   fakes.apply(sauresSessionExpired());        // a named scenario (src/test/scenarios.ts)
 *   fakes.server.use(http.get(fakes.url('besmart', '/sensors/1.1'), …));   // a one-off answer
 *
 * It listens before the first test, and after each test drops one-off
 * handlers and puts every fake back to its seed (data, sessions, clock, no
 * fault) and besmart to the chosen version.
 */

/** The besmart fake answering now, plus the version switch (both versions are built; `use` picks one). */
export interface SwitchableBesmart extends BesmartFake {
  /** Answers with this version's fake from now on (until the end of the test). */
  use(version: Dialect): void;
  /** The fake answering now. */
  readonly active: BesmartFake;
  /** Each version's own fake. */
  readonly fakes: Readonly<Record<Dialect, BesmartFake>>;
}

export interface FakeServices {
  readonly saures: SauresFake;
  readonly besmart: SwitchableBesmart;
  /** The msw server, for one-off answers (`server.use`, dropped after each test) and its events. */
  readonly server: SetupServer;
  /** Switches the fakes into scenarios, directly (no request); throws when a fake refuses a step. */
  apply(...scenarios: Scenario[]): void;
  /** One control action, as POST /<service>/__control/<action> would do it. */
  control(service: FakedService, action: string, params?: Record<string, string>): FakeResponse;
  /** The same-origin URL the app calls for a service path, e.g. url('besmart', '/sensors/1.1'). */
  url(service: FakedService, path: string): string;
}

export interface FakeServicesOptions {
  /** The fakes' clock (ms since epoch); tests that move time pass their own. */
  now?: () => number;
  /** The besmart version answering at the start of each test (default current). */
  besmart?: Dialect;
  /** Handlers that answer before the fakes in every test (e.g. the property tests' generated answers). */
  handlers?: RequestHandler[];
}

/** The origin the app's requests go to (src/api/http.ts): jsdom's page, or http://localhost under node. */
export function testOrigin(): string {
  const loc = (globalThis as { location?: { origin?: string } }).location;
  return loc?.origin && loc.origin !== 'null' ? loc.origin : 'http://localhost';
}

function switchable(both: ReturnType<typeof besmartFakesOfBothVersions>): SwitchableBesmart {
  return {
    get version() {
      return both.active.version;
    },
    get active() {
      return both.active;
    },
    fakes: both.fakes,
    use: (version) => both.use(version),
    handle: (req) => both.active.handle(req),
    control: (action, params) => both.active.control(action, params),
    reset: () => both.active.reset(),
    tokenRefreshCount: () => both.active.tokenRefreshCount(),
    loginCount: () => both.active.loginCount(),
    requestLog: () => both.active.requestLog(),
    issueToken: (login) => both.active.issueToken(login),
  };
}

/** Creates the fakes and their msw server for this file (or describe block), with the hooks that reset them. */
export function setupFakeServices(options: FakeServicesOptions = {}): FakeServices {
  const fakeOptions = options.now ? { now: options.now } : {};
  const saures = createSauresFake(fakeOptions);
  const both = besmartFakesOfBothVersions(fakeOptions);
  const besmart = switchable(both);
  const version = options.besmart ?? 'current';
  both.use(version);
  const origin = testOrigin();
  const server = setupServer(...(options.handlers ?? []), ...createHandlers({ saures, besmart: both.service }, origin));

  const control = (service: FakedService, action: string, params: Record<string, string> = {}) =>
    (service === 'saures' ? saures : besmart).control(action, new URLSearchParams(params));

  function applyStep(step: ControlStep): void {
    const res = control(step.service, step.action, step.params);
    if (res.status >= 400) throw new Error(`${step.service} __control/${step.action}: ${res.status} ${res.body}`);
  }

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    saures.control('reset', new URLSearchParams());
    for (const fake of Object.values(both.fakes)) fake.control('reset', new URLSearchParams());
    both.use(version);
  });
  afterAll(() => server.close());

  return {
    saures,
    besmart,
    server,
    apply: (...scenarios) => scenarios.flat().forEach(applyStep),
    control,
    url: (service, path) => `${origin}/${service}${path}`,
  };
}
