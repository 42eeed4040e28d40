import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * Every form can be completed with the keyboard alone: these tests only
 * press keys and type (no clicks, no fill), and check that the focus can be
 * seen on the way.
 */

/** Presses Tab (or Shift+Tab) until the target has the focus. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 250 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reached by ${backwards ? 'Shift+Tab' : 'Tab'} within ${max} presses`).toBeFocused();
}

/** The focused element shows a focus indicator: it matches :focus-visible and has an outline. */
async function expectFocusVisible(page: Page): Promise<void> {
  const focused = page.locator(':focus');
  await expect(focused).toHaveCount(1);
  const style = await focused.evaluate((el) => {
    const css = getComputedStyle(el);
    return { focusVisible: el.matches(':focus-visible'), outline: css.outlineStyle, width: css.outlineWidth };
  });
  expect(style.focusVisible, 'the focused element matches :focus-visible').toBe(true);
  expect(style.outline, 'the focused element has an outline').not.toBe('none');
  expect(Number.parseFloat(style.width), 'the outline is wider than 0').toBeGreaterThan(0);
}

/** Presses an arrow key on a focused <select> until the chosen option's text matches. */
async function arrowToOption(page: Page, select: Locator, label: string, max = 50): Promise<void> {
  await expect(select).toBeFocused();
  for (let i = 0; i < max; i++) {
    const chosen = await select.evaluate((el) =>
      el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.textContent ?? '') : '',
    );
    if (chosen === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`option “${label}” not reached with the arrow keys`);
}

/**
 * Types a local date and time into a focused datetime-local input (Chromium,
 * en-US: month, day, year, then hour, minute, second with step=1, AM/PM). The
 * year takes up to six digits, so ArrowRight moves on to the hour.
 */
async function typeDateTime(page: Page, mmddyyyy: string, hhmmss: string, ampm: 'A' | 'P'): Promise<void> {
  await page.keyboard.type(mmddyyyy);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type(hhmmss);
  await page.keyboard.type(ampm);
}

async function keyboardSignInBesmart(page: Page): Promise<void> {
  await page.goto('/signin');
  const form = page.getByRole('form', { name: 'Sign in to besmart' });
  await tabTo(page, form.getByLabel('Login'));
  await page.keyboard.type('operator');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('operator');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Workspace key')).toBeFocused();
  await page.keyboard.type('demo-workspace');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'besmart sensors' })).toBeVisible();
}

test.use({ locale: 'en-US' });

test('the first Tab reaches “Skip to content”, and Enter moves the focus to the main content', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await expectFocusVisible(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // The next Tab continues inside the main content, not in the header.
  await page.keyboard.press('Tab');
  await expect(page.locator('main :focus')).toHaveCount(1);
});

test('SAURES sign-in with the keyboard alone', { tag: '@saures' }, async ({ page }) => {
  await page.goto('/signin');
  const form = page.getByRole('form', { name: 'Sign in to SAURES' });
  await tabTo(page, form.getByLabel('E-mail'));
  await expectFocusVisible(page);
  await page.keyboard.type('demo@saures.ru');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('demo');
  await page.keyboard.press('Tab');
  const submit = form.getByRole('button', { name: 'Sign in to SAURES' });
  await expect(submit).toBeFocused();
  await expectFocusVisible(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Flats' })).toBeVisible();
  await expect(page.getByLabel('Connected services')).toContainText('demo@saures.ru');
});

test('besmart sign-in with the keyboard alone (Shift+Tab back to fix a typo)', async ({ page }) => {
  await page.goto('/signin');
  const form = page.getByRole('form', { name: 'Sign in to besmart' });
  await tabTo(page, form.getByLabel('Login'));
  await expectFocusVisible(page);
  await page.keyboard.type('operatr');
  await page.keyboard.press('Tab');
  await page.keyboard.type('operator');
  await page.keyboard.press('Shift+Tab');
  await expect(form.getByLabel('Login')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('operator');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Workspace key')).toBeFocused();
  await page.keyboard.type('demo-workspace');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Sign in to besmart' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { level: 1, name: 'besmart sensors' })).toBeVisible();
  await expect(page.getByLabel('Connected services')).toContainText('operator');
});

test.describe('signed in to besmart', () => {
  test.beforeEach(async ({ page }) => {
    await keyboardSignInBesmart(page);
  });

  test('the New sensor form with the keyboard alone, type chosen with the arrow keys', async ({ page }) => {
    const form = page.getByRole('form', { name: 'New sensor' });
    const type = form.getByLabel('Sensor type');
    await expect(type.getByRole('option', { name: 'Licznik energii (energy_meter)' })).toBeAttached();
    await tabTo(page, form.getByLabel('Name'));
    await expectFocusVisible(page);
    await page.keyboard.type('Garage meter');
    await page.keyboard.press('Tab');
    await expect(type).toBeFocused();
    await expectFocusVisible(page);
    await arrowToOption(page, type, 'Licznik energii (energy_meter)');
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('Client CID')).toBeFocused();
    await page.keyboard.type('1');
    await tabTo(page, form.getByLabel('Info (JSON)'));
    await expect(form.getByText('tariff (required)')).toBeVisible();
    await page.keyboard.type('{"tariff": "G11"}');
    await tabTo(page, form.getByRole('checkbox', { name: 'Uncertain' }));
    await expectFocusVisible(page);
    await page.keyboard.press('Space');
    await expect(form.getByRole('checkbox', { name: 'Uncertain' })).toBeChecked();
    await tabTo(page, form.getByRole('button', { name: 'Create sensor' }));
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect(form.getByText(/Sensor 1\.\d+ created/)).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Watched sensors' }).getByRole('link', { name: 'Garage meter' }),
    ).toBeVisible();
  });

  test('a new state on a sensor with the keyboard alone', async ({ page }) => {
    await page.goto('/sensors/1.1');
    const states = page.getByRole('region', { name: 'Edit states' });
    const form = states.getByRole('form', { name: 'New state' });
    const since = form.getByLabel('Since');
    await tabTo(page, since);
    await expectFocusVisible(page);
    await typeDateTime(page, '01012020', '120000', 'A');
    await expect(since).toHaveValue(/^2020-01-01T00:00(:00)?$/);
    const till = form.getByLabel('Till');
    await tabTo(page, till);
    await typeDateTime(page, '06012020', '120000', 'A');
    await expect(till).toHaveValue(/^2020-06-01T00:00(:00)?$/);
    const meterType = form.getByLabel('Meter type');
    await tabTo(page, meterType);
    await expectFocusVisible(page);
    await arrowToOption(page, meterType, 'ZMG310');
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('Meter external id')).toBeFocused();
    await page.keyboard.type('M-KEYS');
    // This sensor's type requires METER_DEV in a state's info.
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('Info (JSON)')).toBeFocused();
    await page.keyboard.type('{"METER_DEV": 2020, "MM_NAME": "ZMG310"}');
    await tabTo(page, form.getByRole('button', { name: 'Add state' }));
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect(states.getByRole('cell', { name: 'M-KEYS' })).toBeVisible();
    await expect(states.getByRole('row', { name: /M-KEYS/ })).toContainText('ZMG310');
  });

  test('the Tasks page: run a graph by name with the keyboard alone', async ({ page }) => {
    await page.goto('/tasks');
    const form = page.getByRole('form', { name: 'Run a graph by name' });
    await tabTo(page, form.getByLabel('Graph name'));
    await expectFocusVisible(page);
    await page.keyboard.type('estimation');
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('Template parameters (JSON)')).toBeFocused();
    // It starts with an example: select it all and type over it.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('[{"client_cid": 1, "sensor_mid": 1}]');
    await tabTo(page, form.getByRole('button', { name: 'Run task' }));
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Done: 1 result' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Result 1: signal 32, 24 points in kW.h' })).toBeVisible();
  });
});
