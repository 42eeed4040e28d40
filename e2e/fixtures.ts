import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page, type Request, type Route } from '@playwright/test';
import { startAppServer } from '../server/app-server.ts';
import { createSessions } from '../src/lib/session/sessions.ts';
import { memoryStorage } from '../src/lib/session/store.ts';
import { applyScenario, clockAdvanced, fakesReset, httpControl } from '../src/test/scenarios.ts';

export const SAURES_DEMO = { email: 'demo@saures.ru', password: 'demo' };
export const BESMART_DEMO = { login: 'operator', password: 'operator', workspaceKey: 'demo-workspace' };

/** The besmart API version the project's fakes speak (playwright.config.ts sets it per project). */
export interface BesmartApiOption {
  besmartApi: 'v0.1.5' | 'current';
}

interface WorkerFixtures extends BesmartApiOption {
  /** The base URL of this worker's own production server. */
  appServer: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** A request of the app to one of the services (through the proxy). */
const isServiceUrl = (url: URL) => /^\/(saures|besmart)\//.test(url.pathname);

/** The service requests of each page not yet answered (see passTime). */
const pendingRequests = new WeakMap<Page, Set<Request>>();

/**
 * Each worker starts its own production server (server/app-server.ts, as
 * `npm run serve` runs it: the built app, the proxy, the security headers) on
 * a free port, with its own fakes behind it, so workers share no state. Each
 * test then starts from freshly seeded fakes, after checking that the besmart
 * fake speaks the version the project is about.
 */
export const test = base.extend<{ resetFakes: undefined; signedIn: SignedIn }, WorkerFixtures>({
  besmartApi: ['current', { option: true, scope: 'worker' }],
  appServer: [
    async ({ besmartApi }, use) => {
      const server = await startAppServer({
        // The copy of the build e2e/global-setup.ts took (dist/ itself when run without it).
        distDir: process.env.E2E_DIST ?? `${root}dist`,
        port: 0,
        // A worker serves one project, so one besmart version; SAURES_URL/BESMART_URL unset: the fakes.
        env: { ...process.env, BESMART_API: besmartApi },
        log: () => {},
      });
      await use(server.url);
      await server.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  baseURL: async ({ appServer }, use) => {
    await use(appServer);
  },
  page: async ({ page }, use) => {
    const pending = new Set<Request>();
    page.on('request', (r) => {
      if (isServiceUrl(new URL(r.url()))) pending.add(r);
    });
    page.on('requestfinished', (r) => pending.delete(r));
    page.on('requestfailed', (r) => pending.delete(r));
    pendingRequests.set(page, pending);
    await use(page);
  },
  signedIn: async ({ page, appServer }, use) => {
    await use(async (...services) => {
      // The app's own session code, run here: it signs in through this worker's proxy (the clients
      // resolve their paths against location's origin) and writes what the app keeps in sessionStorage.
      Object.defineProperty(globalThis, 'location', { value: { origin: appServer }, configurable: true });
      const storage = memoryStorage();
      const sessions = createSessions(storage);
      if (services.includes('saures')) await sessions.saures.signIn(SAURES_DEMO);
      if (services.includes('besmart')) await sessions.besmart.signIn(BESMART_DEMO);
      // Init scripts run at every load: only the first may write (a marker says it has), or a reload would
      // put back the session as it was at sign-in, after a sign-out too, and forget what the app stored
      // since (such as when it last sent each request).
      await page.addInitScript((items) => {
        if (sessionStorage.getItem('e2e.signedIn') !== null) return;
        sessionStorage.setItem('e2e.signedIn', '1');
        for (const [key, value] of Object.entries(items)) sessionStorage.setItem(key, value);
      }, storage.dump());
    });
  },
  resetFakes: [
    async ({ request, besmartApi }, use) => {
      await applyScenario(httpControl(request), fakesReset());
      const version = await request.post('/besmart/__control/version');
      expect(await version.json(), 'the besmart fake speaks the project’s version').toEqual({ version: besmartApi });
      await use(undefined);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Signs in to the given services as the demo accounts without the sign-in
 * page, for tests that are not about signing in: the pages loaded afterwards
 * start with the session, as after a sign-in and a reload (so the password is
 * not in memory, and a session that ends asks for it). Call it before the
 * first page.goto; the resets of the test's fakes have run by then.
 */
export type SignedIn = (...services: ('saures' | 'besmart')[]) => Promise<void>;

export async function fakeControl(page: Page, service: 'saures' | 'besmart', action: string): Promise<void> {
  const res = await page.request.post(`/${service}/__control/${action}`);
  expect(res.ok(), `${service} control ${action}`).toBe(true);
}

export async function signInSaures(page: Page, creds = SAURES_DEMO): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in to SAURES' });
  await form.getByLabel('E-mail').fill(creds.email);
  await form.getByLabel('Password').fill(creds.password);
  await form.getByRole('button', { name: 'Sign in to SAURES' }).click();
}

export async function signInBesmart(page: Page, creds = BESMART_DEMO): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in to besmart' });
  await form.getByLabel('Login').fill(creds.login);
  await form.getByLabel('Password').fill(creds.password);
  await form.getByLabel('Workspace key').fill(creds.workspaceKey);
  await form.getByRole('button', { name: 'Sign in to besmart' }).click();
}

/**
 * The besmart sensors page with everything on it loaded (signal types, the
 * New sensor form's types, the watch list), so the next request is the one
 * the test makes.
 */
export async function sensorsPageSettled(page: Page): Promise<void> {
  await expect(page.getByRole('cell', { name: 'A+', exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: 'New sensor' }).getByLabel('Sensor type')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Watched sensors' })).not.toContainText('Loading');
}

/** Every value in both storages, to check no secret was written. */
export async function storageDump(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage } }));
}

/**
 * Lets time pass for the browser and both fakes alike, without waiting.
 * The page's clock must have been installed (page.clock.install()) before it loaded.
 *
 * The clocks move one after the other, so no request may cross the moment
 * between them: a request the fake stamps after its move but the page sees
 * answered before its own looks a minute older to the page than to the fake,
 * and the page's next identical request is then, to the fake, a repeat within
 * SAURES' one second (DuplicateRequestException, a 10 s back-off). So the
 * service requests already under way finish first, and any the page starts
 * meanwhile wait until both clocks have moved.
 */
export async function passTime(page: Page, ms: number): Promise<void> {
  const pending = pendingRequests.get(page);
  if (!pending) throw new Error('passTime needs the page fixture of e2e/fixtures.ts');
  const held: Route[] = [];
  let moving = true;
  const hold = async (route: Route) => {
    if (moving) held.push(route);
    else await route.fallback();
  };
  await page.route(isServiceUrl, hold);
  try {
    await expect
      .poll(() => [...pending].filter((r) => !held.some((h) => h.request() === r)).length, {
        message: 'the service requests under way finish before the clocks move',
      })
      .toBe(0);
    await applyScenario(httpControl(page.request), clockAdvanced(ms));
    await page.clock.fastForward(ms);
  } finally {
    moving = false;
    for (const route of held) await route.fallback();
    await page.unroute(isServiceUrl, hold);
  }
}
