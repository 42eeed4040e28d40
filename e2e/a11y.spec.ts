import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, fakeControl, sensorsPageSettled, signInSaures, test, type SignedIn } from './fixtures.ts';

/**
 * axe on every page and significant state, in the light and the dark colour
 * scheme (the app follows prefers-color-scheme): no serious or critical
 * violation may remain.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The rules whose outcome depends on colours: all that can change when the scheme does. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * axe in both colour schemes on what the page shows now: every rule in the
 * light scheme; in the dark one only the colour rules, since switching the
 * scheme re-renders no content (and a full pass costs seconds).
 */
async function expectNoSeriousViolations(page: Page, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Legacy mode runs axe in the page itself; the default opens a new page for every scan to merge the
    // results of frames, and the app has no frames.
    const axe = new AxeBuilder({ page }).withTags(TAGS).setLegacyMode();
    const results = await (colorScheme === 'dark' ? axe.withRules(COLOUR_RULES) : axe).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = serious
      .map((v) => {
        const targets = v.nodes.map(
          (n) =>
            `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`,
        );
        return `  ${v.id} (${v.impact ?? '?'}): ${v.help}\n${targets.join('\n')}`;
      })
      .join('\n');
    expect(serious, `serious or critical axe violations on ${state}, ${colorScheme} theme:\n${report}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Signed in to besmart (without the sign-in page: a11y of that page is scanned on its own), at `path`. */
async function signedInBesmart(page: Page, signedIn: SignedIn, path = '/sensors'): Promise<void> {
  await signedIn('besmart');
  await page.goto(path);
}

test.describe('axe, light and dark themes', () => {
  // axe runs twice per state (light and dark) and takes seconds each on a busy 2-core machine: a larger budget, not a speed check.
  test.describe.configure({ timeout: 90_000 });

  test('home and sign-in, signed out', { tag: '@saures' }, async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole('form', { name: 'Sign in to SAURES' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Sign in to besmart' })).toBeVisible();
    await expectNoSeriousViolations(page, '/ (signed out)');

    await page.goto('/signin');
    await expect(page.getByRole('form', { name: 'Sign in to besmart' })).toBeVisible();
    await expectNoSeriousViolations(page, '/signin');

    // Field errors in one form and a failed sign-in in the other: both states in one scan.
    const besmart = page.getByRole('form', { name: 'Sign in to besmart' });
    await besmart.getByRole('button', { name: 'Sign in to besmart' }).click();
    await expect(besmart.getByLabel('Login')).toHaveAttribute('aria-invalid', 'true');
    const saures = page.getByRole('form', { name: 'Sign in to SAURES' });
    await signInSaures(page, { email: 'demo@saures.ru', password: 'wrong' });
    await expect(saures.getByRole('alert')).toBeVisible();
    await expectNoSeriousViolations(page, '/signin with field errors and a failed sign-in');
  });

  test('a page that does not exist', { tag: '@saures' }, async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expectNoSeriousViolations(page, 'not found (signed out)');
  });

  test(
    'flats: home signed in, the list, a flat with its controllers and meters',
    { tag: '@saures' },
    async ({ page, signedIn }) => {
      await signedIn('saures');
      await page.goto('/');
      await expect(page).toHaveURL(/\/flats/);
      await expect(page.getByRole('status').filter({ hasText: '4 flats shown of 4' })).toBeVisible();
      const flat = page.getByRole('article', { name: /Партизанская.*офис 25/ });
      await expect(flat.getByRole('heading', { level: 3 }).first()).toBeVisible();
      await expect(flat.getByRole('table').first()).toBeVisible();
      await expect(page.getByRole('alert').filter({ hasText: 'Water leak' })).toBeVisible();
      await expectNoSeriousViolations(page, '/flats');

      await page.getByRole('button', { name: '1 stale controller' }).click();
      await expect(page.getByRole('status').filter({ hasText: '1 flat shown of 4' })).toBeVisible();
      await expectNoSeriousViolations(page, '/flats filtered');

      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await expectNoSeriousViolations(page, 'not found (signed in)');
    },
  );

  test('sensors: the watch list, the new sensor form and its field errors', async ({ page, signedIn }) => {
    await signedInBesmart(page, signedIn);
    await expect(page.getByRole('table', { name: 'Watched sensors' }).getByRole('link').first()).toBeVisible();
    await expect(page.getByRole('cell', { name: 'A+', exact: true })).toBeVisible();
    const form = page.getByRole('form', { name: 'New sensor' });
    await expect(form.getByLabel('Sensor type')).toBeEnabled();
    await expectNoSeriousViolations(page, '/sensors');

    // The empty new sensor form's field errors stay while a sensor that does not exist is added: one scan.
    await form.getByRole('button', { name: 'Create sensor' }).click();
    await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Client CID').first().fill('1');
    await page.getByLabel('Sensor MID').fill('999');
    await page.getByRole('button', { name: 'Add sensor' }).click();
    await expect(page.getByText(/was not found/)).toBeVisible();
    await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousViolations(
      page,
      '/sensors with the new sensor form’s field errors and a sensor that does not exist',
    );
  });

  test('a sensor: details, chart, states and their signal states', async ({ page, signedIn }) => {
    await signedInBesmart(page, signedIn, '/sensors/1.1?signals=64&range=24h');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'points drawn from' })).toBeVisible();
    const states = page.getByRole('region', { name: 'Edit states' });
    await expect(states.getByRole('form', { name: 'New state' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Edit sensor' })).toBeVisible();
    await expectNoSeriousViolations(page, '/sensors/1.1');

    await states
      .getByRole('button', { name: /^Edit state / })
      .first()
      .click();
    await expect(states.getByRole('form', { name: 'Edit state' })).toBeVisible();
    await expect(states.getByRole('region', { name: /^Signal states of / })).toBeVisible();
    await expect(states.getByRole('form', { name: 'New signal state' })).toBeVisible();

    // The state's form stays open while the sensor's deletion is asked about: one scan for both.
    await page.getByRole('button', { name: 'Delete sensor' }).click();
    await expect(page.getByText(/Delete the sensor/)).toBeVisible();
    await expect(states.getByRole('form', { name: 'Edit state' })).toBeVisible();
    await expectNoSeriousViolations(
      page,
      '/sensors/1.1 editing a state with its signal states, asking to delete the sensor',
    );
  });

  test('a sensor: the data editor and the CSV import check', async ({ page, signedIn }) => {
    await signedInBesmart(page, signedIn, '/sensors/1.1?signals=64&range=24h&agg=raw');
    const editor = page.getByRole('region', { name: 'Edit data' });
    await editor.getByRole('combobox', { name: 'Signal', exact: true }).selectOption({ label: 'P (kW)' });
    const table = editor.getByRole('table', { name: /^P: \d+ points from/ });
    const first = table.getByRole('textbox', { name: /^Value at / }).first();
    await expect(first).not.toHaveValue('');
    await first.fill('12.5');
    await expect(editor.getByText('1 unsaved change in 1 signal(s).')).toBeVisible();

    const region = editor.getByRole('region', { name: 'Import CSV into P' });
    await region
      .getByLabel('Or paste the rows')
      .fill(
        [
          'time,value,origin',
          '2025-01-01 00:00:00,1.5,measured',
          '2025-01-01 00:01:00,oops',
          '2025-01-01 00:02:00,2',
        ].join('\n'),
      );
    await region.getByRole('button', { name: 'Check' }).click();
    await expect(region.getByRole('list', { name: /1 line will not be imported/ })).toBeVisible();
    await expect(region.getByRole('button', { name: 'Import 2 rows' })).toBeVisible();
    // The change waits in the save bar meanwhile: one scan for both.
    await expect(editor.getByText('1 unsaved change in 1 signal(s).')).toBeVisible();
    await expectNoSeriousViolations(page, '/sensors/1.1 data editor with a change, import panel after Check');

    // Many bad lines: the list of problems scrolls.
    const bad = Array.from({ length: 40 }, (_, i) => `2025-01-02 00:${String(i).padStart(2, '0')}:00,bad${i}`);
    await region.getByLabel('Or paste the rows').fill(['time,value', ...bad].join('\n'));
    await region.getByRole('button', { name: 'Check' }).click();
    await expect(region.getByRole('list', { name: /40 lines will not be imported/ })).toBeVisible();
    await expectNoSeriousViolations(page, '/sensors/1.1 import panel with a long list of problems');
  });

  test('a read-only sensor', async ({ page, signedIn }) => {
    await signedInBesmart(page, signedIn, '/sensors/1.4');
    await expect(page.getByRole('heading', { level: 1, name: /Substation T-12/ })).toBeVisible();
    await expect(page.getByRole('note').first()).toContainText('read-only');
    await expect(page.getByRole('status').filter({ hasText: /points drawn from|No points/ })).toBeVisible();
    await expectNoSeriousViolations(page, '/sensors/1.4');
  });

  test('meter types of a client', async ({ page, signedIn }) => {
    await signedInBesmart(page, signedIn, '/meter-types?cid=1');
    const form = page.getByRole('form', { name: 'New meter type' });
    await expect(form).toBeVisible();
    await expect(page.getByRole('row').nth(1)).toBeVisible();

    // The list and the form stay as they were beside the field errors: one scan.
    await form.getByRole('button', { name: 'Add meter type' }).click();
    await expect(form.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousViolations(page, '/meter-types?cid=1 with field errors');
  });

  test('tasks, after running the estimation graph', async ({ page, signedIn, besmartApi }) => {
    await signedInBesmart(page, signedIn, '/tasks');
    const form = page.getByRole('form', { name: 'Run a graph by name' });
    await expect(form).toBeVisible();

    // The form, the result's chart and its table (and v0.1.5's raw answer) are all on the page at the end: one scan.
    await form.getByLabel('Graph name').fill('estimation');
    await form.getByLabel('Template parameters (JSON)').fill('[{"client_cid": 1, "sensor_mid": 1}]');
    await form.getByRole('button', { name: 'Run task' }).click();
    await expect(page.getByRole('heading', { name: 'Done: 1 result' })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Result 1: / })).toBeVisible();

    await page.getByText('Points as a table').click();
    await expect(page.getByRole('table').first()).toBeVisible();
    await expect(page.getByRole('img', { name: /^Result 1: / })).toBeVisible();
    // Only v0.1.5 answers in words of its own (a Python repr), shown as the raw answer; today's API answers JSON.
    if (besmartApi === 'current') {
      await expectNoSeriousViolations(page, '/tasks with a result, its table open');
      return;
    }
    await page.getByText('The server’s raw answer').click();
    await expect(page.getByRole('group').filter({ hasText: 'The server’s raw answer' })).toHaveAttribute('open', '');
    await expectNoSeriousViolations(page, '/tasks with a result, its table and raw answer open');
  });

  test('the sign-in prompt over a page', async ({ page, signedIn }) => {
    // Signed in without the form, the page has no password in memory: a revoked token needs the prompt.
    await signedInBesmart(page, signedIn);
    // Everything on the page has loaded, so the click below is the request that meets the revoked token.
    await sensorsPageSettled(page);
    await expect(page.getByRole('table', { name: 'Watched sensors' }).getByRole('link')).toHaveCount(5);
    await fakeControl(page, 'besmart', 'expire-tokens');
    await page.getByRole('button', { name: 'Refresh signal types' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in to besmart again' });
    await expect(dialog).toBeVisible();
    await expectNoSeriousViolations(page, 'the besmart sign-in prompt');
  });
});
