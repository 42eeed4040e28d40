import { readFile } from 'node:fs/promises';
import { expect, fakeControl, test } from './fixtures.ts';

test.beforeEach(async ({ page, signedIn }) => {
  await signedIn('besmart');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'besmart sensors' })).toBeVisible();
});

test(
  'the watch list starts with the demo sensors; a sensor is added by id, with clear messages for unknown and forbidden ones',
  { tag: '@both-versions' },
  async ({ page }) => {
    const list = page.getByRole('table', { name: 'Watched sensors' });
    await expect(list.getByRole('rowheader')).toHaveCount(5);
    await list.getByRole('button', { name: 'Remove sensor 1.3' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await expect(list.getByRole('rowheader')).toHaveCount(4);

    const form = page.getByRole('form', { name: 'Add a sensor' });
    const add = async (cid: string, mid: string) => {
      await form.getByLabel('Client CID').fill(cid);
      await form.getByLabel('Sensor MID').fill(mid);
      await form.getByRole('button', { name: 'Add sensor' }).click();
    };
    await add('1', '99');
    await expect(form.getByRole('alert')).toHaveText('Sensor 1.99 was not found.');
    await add('3', '1');
    await expect(form.getByRole('alert')).toHaveText('You have no access to sensor 3.1.');
    await add('x', '1');
    await expect(form.getByRole('alert')).toHaveText('Client CID and sensor MID are whole numbers, like 1 and 2.');
    await add('1', '3');
    await expect(form.getByRole('status')).toContainText('Added');
    await expect(list.getByRole('rowheader')).toHaveCount(5);
    await expect(list.getByRole('link', { name: 'Weather station' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('table', { name: 'Watched sensors' }).getByRole('rowheader')).toHaveCount(5);
  },
);

test.describe('the chart', () => {
  test.beforeEach(async ({ page }) => {
    await page.getByRole('link', { name: 'Main switchboard meter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Main switchboard meter/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /Chart of A\+/ })).toBeVisible();
  });

  test('shows the sensor, its states and its signals', { tag: '@both-versions' }, async ({ page }) => {
    await expect(page.getByRole('table', { name: 'States (installed meters)' }).getByRole('row')).toHaveCount(3);
    const picker = page.getByRole('group', { name: 'Signals to chart' });
    await expect(picker.getByRole('checkbox')).toHaveCount(3);
    await expect(picker.getByRole('checkbox', { name: /A\+ Energia czynna pobrana/ })).toBeChecked();
    await expect(page.getByRole('status').filter({ hasText: 'points drawn from' })).toContainText('Raw data');
  });

  test('switches range and aggregation, and the URL keeps them', async ({ page }) => {
    await page.getByRole('button', { name: '30 days' }).click();
    await expect(page.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/range=30d/);
    await page.getByLabel('Aggregation').selectOption('1440');
    await expect(page).toHaveURL(/agg=1440/);
    const status = page.getByRole('status').filter({ hasText: 'points drawn from' });
    await expect(status).toContainText('Day');
    // One point a day over 30 days (fewer when the range starts or ends mid-day, or spans a gap day).
    await expect(status).toContainText(/\b(2[4-9]|3[01]) points drawn from (2[5-9]|3[01])\b/);
    await page.getByRole('button', { name: '12 months' }).click();
    await page.getByLabel('Aggregation').selectOption('auto');
    await expect(status).toContainText('Day');
    await expect(page.getByRole('img', { name: /Chart of A\+/ })).toBeVisible();
  });

  test('drag to zoom, then reset', async ({ page }) => {
    const plot = page.locator('.chart-overlay');
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    if (!box) throw new Error('no plot');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/zf=\d+&zt=\d+/);
    await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await expect(page).not.toHaveURL(/zf=/);
  });

  test('the tooltip shows local time, value and unit', async ({ page }) => {
    await page.locator('.chart-overlay').scrollIntoViewIfNeeded();
    const box = await page.locator('.chart-overlay').boundingBox();
    if (!box) throw new Error('no plot');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.getByRole('tooltip');
    // One row per signal, named by the origin of the point under the pointer.
    await expect(tip).toContainText(/A\+ \((measured|predicted|calculated|estimated|corrected)\)/);
    await expect(tip).toContainText('kW.h per interval');
  });

  test('exports exactly what is shown as CSV', async ({ page }) => {
    await page.getByRole('button', { name: '24 h' }).click();
    const status = page.getByRole('status').filter({ hasText: 'points drawn from' });
    const drawnNow = async () => Number(/(\d+) points drawn/.exec((await status.textContent()) ?? '')?.[1]);
    // The 7 days shown first (672 points) stay until the 24 h (at most 96 points of 15 min) are drawn.
    await expect.poll(drawnNow).toBeLessThanOrEqual(96);
    const drawn = await drawnNow();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^sensor-1\.1-A\+-.*\.csv$/);
    const text = await readFile(await file.path(), 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('time,value,unit,origin');
    expect(lines).toHaveLength(drawn + 1);
    expect(lines[1]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z,-?\d+(\.\d+)?,kW\.h,(measured|predicted|calculated|estimated|corrected)$/,
    );
  });

  test('a counter can be read as an instantaneous value; the choice survives a reload', async ({ page }) => {
    const legend = page.getByRole('list', { name: 'Signals to chart' });
    const kind = page.getByLabel('How to read A+');
    await expect(kind).toHaveValue('auto');
    await expect(kind.locator('option').first()).toHaveText(/^Automatic: counter \(from the (server|unit kW\.h)\)$/);
    await expect(legend).toContainText('kW.h per interval');
    await kind.selectOption({ label: 'Instantaneous value' });
    await expect(legend).not.toContainText('per interval');
    await expect(page.getByRole('checkbox', { name: 'Show the cumulative reading' })).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel('How to read A+')).toHaveValue('instant');
    await expect(page.getByRole('list', { name: 'Signals to chart' })).not.toContainText('per interval');
    await page.getByLabel('How to read A+').selectOption('auto');
    await expect(page.getByRole('list', { name: 'Signals to chart' })).toContainText('kW.h per interval');
  });

  test('a deep link restores signals, range, aggregation and view', async ({ page }) => {
    await page.goto('/sensors/1.1?signals=32,64&range=30d&agg=1440&cum=1&cmp=1');
    const picker = page.getByRole('group', { name: 'Signals to chart' });
    await expect(picker.getByRole('checkbox', { name: /A\+/ })).toBeChecked();
    await expect(picker.getByRole('checkbox', { name: /^P / })).toBeChecked();
    await expect(picker.getByRole('checkbox', { name: /A-/ })).not.toBeChecked();
    await expect(page.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByLabel('Aggregation')).toHaveValue('1440');
    await expect(page.getByRole('checkbox', { name: 'Show the cumulative reading' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Compare with the previous period' })).toBeChecked();
    await expect(page.getByRole('list', { name: 'Signals to chart' })).toContainText('A+ (previous period)');
    await expect(page.getByRole('img', { name: /Chart of A\+, P/ })).toBeVisible();
  });

  test('a custom range with from after to gets a message and sends no request', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/signals/')) requests.push(r.url());
    });
    const custom = page.getByRole('form', { name: 'Custom range' });
    await custom.getByLabel('From').fill('2026-05-10T12:00');
    await custom.getByLabel('To').fill('2026-05-01T12:00');
    await custom.getByRole('button', { name: 'Show range' }).click();
    await expect(custom.getByRole('alert')).toHaveText('“From” must be before “To”.');
    expect(requests).toEqual([]);
  });

  test('a range with no data gets an empty state', async ({ page }) => {
    const custom = page.getByRole('form', { name: 'Custom range' });
    await custom.getByLabel('From').fill('2035-01-01T00:00');
    await custom.getByLabel('To').fill('2035-01-02T00:00');
    await custom.getByRole('button', { name: 'Show range' }).click();
    await expect(page.getByText('No data in this range.')).toBeVisible();
  });
});

test('a failed data request keeps the previous chart on screen, with the error beside it', async ({ page }) => {
  await page.getByRole('link', { name: 'Main switchboard meter' }).click();
  await expect(page.getByRole('img', { name: /Chart of A\+/ })).toBeVisible();
  await fakeControl(page, 'besmart', 'fault?kind=500&path=/sensors/*/signals/*/data');
  await page.getByRole('button', { name: '24 h' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The data could not be loaded.' })).toContainText(
    'The server met an unexpected condition.',
    { timeout: 20_000 },
  );
  await expect(page.getByRole('img', { name: /Chart of A\+/ })).toBeVisible();
  await fakeControl(page, 'besmart', 'fault?kind=off');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The data could not be loaded.' })).toHaveCount(0);
  await expect(
    page.getByRole('img', { name: /Chart of A\+, 24/ }).or(page.getByRole('img', { name: /Chart of A\+/ })),
  ).toBeVisible();
});
