import { test as base, expect, type Page } from '@playwright/test';

export const SAURES_DEMO = { email: 'demo@saures.ru', password: 'demo' };
export const BESMART_DEMO = { login: 'operator', password: 'operator', workspaceKey: 'demo-workspace' };

/** The besmart API version the project's server speaks (playwright.config.ts sets it per project). */
export interface BesmartApiOption {
  besmartApi: 'v0.1.5' | 'current';
}

/**
 * Each test starts from freshly seeded fakes (a server's fakes are shared, one
 * worker per server), after checking that the server's besmart fake speaks
 * the version the project is about.
 */
export const test = base.extend<{ resetFakes: undefined } & BesmartApiOption>({
  besmartApi: ['current', { option: true }],
  resetFakes: [
    async ({ request, besmartApi }, use) => {
      for (const service of ['saures', 'besmart']) {
        const res = await request.post(`/${service}/__control/reset`);
        expect(res.ok(), `reset the ${service} fake`).toBe(true);
      }
      const version = await request.post('/besmart/__control/version');
      expect(await version.json(), 'the besmart fake speaks the project’s version').toEqual({ version: besmartApi });
      await use(undefined);
    },
    { auto: true },
  ],
});
export { expect };

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
  await expect(page.getByRole('list', { name: 'Watched sensors' })).not.toContainText('Loading');
}

/** Every value in both storages, to check no secret was written. */
export async function storageDump(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage } }));
}

/**
 * Lets time pass for the browser and both fakes alike, without waiting.
 * The page's clock must have been installed (page.clock.install()) before it loaded.
 */
export async function passTime(page: Page, ms: number): Promise<void> {
  await fakeControl(page, 'saures', `advance-clock?ms=${ms}`);
  await fakeControl(page, 'besmart', `advance-clock?ms=${ms}`);
  await page.clock.fastForward(ms);
}
