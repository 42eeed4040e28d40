import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';

test.beforeEach(async ({ page, signedIn }) => {
  await signedIn('besmart');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'besmart sensors' })).toBeVisible();
});

test(
  'create a sensor: it joins the watch list; rename it: a reload shows the new name',
  { tag: '@both-versions' },
  async ({ page }) => {
    const form = page.getByRole('form', { name: 'New sensor' });
    await form.getByLabel('Name').fill('Garage meter');
    await form.getByLabel('Sensor type').selectOption({ label: 'Licznik energii (energy_meter)' });
    await form.getByLabel('Client CID').fill('1');
    await form.getByRole('button', { name: 'Create sensor' }).click();
    // The type requires "tariff" in info: the form says so and keeps what was typed.
    await expect(form.getByText(/tariff/).first()).toBeVisible();
    await expect(form.getByLabel('Name')).toHaveValue('Garage meter');
    await form.getByLabel('Info (JSON)').fill('{"tariff": "G11"}');
    await form.getByRole('button', { name: 'Create sensor' }).click();
    await expect(form.getByText(/Sensor 1\.\d+ created/)).toBeVisible();
    const list = page.getByRole('table', { name: 'Watched sensors' });
    await expect(list.getByRole('link', { name: 'Garage meter' })).toBeVisible();

    await list.getByRole('link', { name: 'Garage meter' }).click();
    const edit = page.getByRole('form', { name: 'Edit sensor' });
    await edit.getByLabel('Name').fill('Garage meter (renamed)');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByText('Saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: /Garage meter \(renamed\)/ })).toBeVisible();
  },
);

test('a read-only sensor offers no edit controls', async ({ page }) => {
  await page.getByRole('link', { name: /Substation T-12/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Substation T-12/ })).toBeVisible();
  await expect(page.getByRole('note').first()).toContainText('read-only');
  await expect(page.getByRole('button', { name: 'Add state' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Edit sensor' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete sensor' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Edit data' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: /^Value at / })).toHaveCount(0);
});

test('meter types of a client: add one and see it listed', { tag: '@both-versions' }, async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meter types' }).click();
  await page.getByLabel('Client CID').first().fill('1');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/cid=1/);
  const form = page.getByRole('form', { name: 'New meter type' });
  await form.getByLabel('Name', { exact: true }).fill('EMH eHZ');
  await form.getByLabel('Phases').selectOption('3');
  await form.getByRole('button', { name: 'Add meter type' }).click();
  await expect(page.getByRole('row', { name: /EMH eHZ/ })).toHaveCount(1);
  await expect(
    page
      .getByRole('row', { name: /EMH eHZ/ })
      .getByRole('cell')
      .nth(3),
  ).toHaveText('3');
});

test(
  'add a state; an overlapping one gets the conflict message and the form keeps its values',
  { tag: '@both-versions' },
  async ({ page }) => {
    await page.getByRole('link', { name: 'Rooftop PV inverter' }).click();
    const states = page.getByRole('region', { name: 'Edit states' });
    await expect(states).toBeVisible();
    const form = states.getByRole('form', { name: 'New state' });
    // Before the sensor's first (open-ended) state, so it overlaps nothing.
    await form.getByLabel('Since').fill('2020-01-01T00:00');
    await form.getByLabel('Till').fill('2020-06-01T00:00');
    await form.getByLabel('Meter external id').fill('M-2020');
    await form.getByRole('button', { name: /Add state|Create state|Save state/ }).click();
    await expect(states.getByRole('cell', { name: 'M-2020' })).toBeVisible();

    await form.getByLabel('Since').fill('2020-03-01T00:00');
    await form.getByLabel('Till').fill('2020-09-01T00:00');
    await form.getByLabel('Meter external id').fill('M-overlap');
    await form.getByRole('button', { name: /Add state|Create state|Save state/ }).click();
    await expect(form.getByText(/overlap/i).first()).toBeVisible();
    await expect(form.getByLabel('Meter external id')).toHaveValue('M-overlap');
    await expect(form.getByLabel('Since')).toHaveValue('2020-03-01T00:00');
  },
);

test('edit a data point: the chart shows the new value', { tag: '@both-versions' }, async ({ page }) => {
  await page.goto('/sensors/1.1?signals=64&range=24h&agg=raw');
  const editor = page.getByRole('region', { name: 'Edit data' });
  await editor.getByRole('combobox', { name: 'Signal', exact: true }).selectOption({ label: 'P (kW)' });
  const table = editor.getByRole('table', { name: /^P: \d+ points from/ });
  const first = table.getByRole('textbox', { name: /^Value at / }).first();
  await expect(first).not.toHaveValue('');
  await first.fill('98765.4');
  await expect(editor.getByText('1 unsaved change in 1 signal(s).')).toBeVisible();
  await editor.getByRole('button', { name: 'Save data changes' }).click();
  await expect(editor.getByText('Saved 1 point in 1 signal(s).')).toBeVisible();
  await expect(first).toHaveValue('98765.4');

  // The chart reloaded: what it shows (its CSV export) holds the new value.
  const status = page.getByRole('status').filter({ hasText: 'points drawn from' });
  await expect(status).toBeVisible();
  await expect(async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const text = await readFile(await (await download).path(), 'utf8');
    expect(text).toMatch(/,98765\.4,kW,measured\r\n/);
  }).toPass();
});

test('delete a data point: marked until saved, then gone from the table and the chart', async ({ page }) => {
  await page.goto('/sensors/1.1?signals=64&range=24h&agg=raw');
  const status = page.getByRole('status').filter({ hasText: 'points drawn from' });
  await expect(status).toContainText(/ points drawn from [\d,]+/);
  // Counts are shown as English numbers ("1,440").
  const read = (text: string | null, pattern: RegExp) =>
    Number((pattern.exec(text ?? '')?.[1] ?? '').replaceAll(',', ''));
  const shown = (n: number) => n.toLocaleString('en-US');
  const total = read(await status.textContent(), /points drawn from ([\d,]+)/);
  const editor = page.getByRole('region', { name: 'Edit data' });
  await editor.getByRole('combobox', { name: 'Signal', exact: true }).selectOption({ label: 'P (kW)' });
  const table = editor.getByRole('table', { name: /^P: [\d,]+ points from/ });
  const count = read(await table.locator('caption').textContent(), /^P: ([\d,]+) points/);
  const row = table.getByRole('row').nth(1);
  const at = ((await row.getByRole('rowheader').textContent()) ?? '').trim();
  const del = row.getByRole('button', { name: /^Delete the point at / });
  await del.click();
  await expect(row).toContainText('to be deleted');
  await expect(editor.getByText('1 unsaved change in 1 signal(s). 1 point to be deleted.')).toBeVisible();
  // The same button undoes it; delete again and save.
  await row.getByRole('button', { name: /^Undo deleting the point at / }).click();
  await expect(editor.getByText('No unsaved changes.')).toBeVisible();
  await row.getByRole('button', { name: /^Delete the point at / }).click();
  await editor.getByRole('button', { name: 'Save data changes' }).click();
  await expect(editor.getByText('Deleted 1 point in 1 signal(s).')).toBeVisible();
  await expect(editor.getByRole('table', { name: new RegExp(`^P: ${shown(count - 1)} points? from`) })).toBeVisible();
  await expect(editor.getByRole('rowheader', { name: at, exact: true })).toHaveCount(0);
  // The chart reloaded without it.
  await expect(status).toContainText(`points drawn from ${shown(total - 1)}`);
});

test('import a CSV of 10,000 rows with 3 bad rows: the 3 are reported by line, the rest are saved', async ({
  page,
}) => {
  await page.goto('/sensors/1.1?signals=64&range=24h');
  const editor = page.getByRole('region', { name: 'Edit data' });
  await editor.getByRole('combobox', { name: 'Signal', exact: true }).selectOption({ label: 'P (kW)' });
  // Local times (no zone) in January 2025, one a minute; lines 101, 5001 and 9001 are broken.
  const start = Date.UTC(2025, 0, 1);
  const local = (i: number) => new Date(start + i * 60_000).toISOString().slice(0, 19).replace('T', ' ');
  const lines = ['time,value,origin'];
  for (let i = 0; i < 10_000; i++) lines.push(`${local(i)},${(i % 500) / 10},measured`);
  lines[100] = `${local(99)}x,1`;
  lines[5000] = `${local(4999)},five`;
  lines[9000] = `${local(8999)},1,guessed`;
  const region = editor.getByRole('region', { name: 'Import CSV into P' });
  await region.getByLabel('CSV file').setInputFiles({
    name: 'p-january.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n')),
  });
  await expect(region.getByText('10,000 lines read: 9,997 ready to import, 3 with problems.')).toBeVisible();
  const problems = region.getByRole('list', { name: '3 lines will not be imported' });
  await expect(problems.getByRole('listitem')).toHaveText([
    /^Line 101: “2025-01-01 01:39:00x” is not a date and time\.$/,
    /^Line 5001: “five” is not a number\.$/,
    /^Line 9001: origin “guessed” is not measured, predicted, calculated, estimated, corrected or an id\.$/,
  ]);
  await region.getByRole('button', { name: 'Import 9,997 rows' }).click();
  await expect(region.getByRole('status').filter({ hasText: 'Saved 9,997 rows in 10 request(s)' })).toContainText(
    'lines 2–100, 102–5000, 5002–9000, 9002–10001',
  );

  // Read back: the first hour of the import, in local time.
  await editor.getByLabel('From', { exact: true }).fill('2025-01-01T00:00:00');
  await editor.getByLabel('To', { exact: true }).fill('2025-01-01T01:00:00');
  await editor.getByRole('button', { name: 'Show' }).click();
  const table = editor.getByRole('table', { name: /^P: 60 points from/ });
  await expect(table.getByRole('textbox', { name: /^Value at / }).nth(7)).toHaveValue('0.7');
});

test('run a task by name: its result shows as a chart', { tag: '@both-versions' }, async ({ page, besmartApi }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
  const form = page.getByRole('form', { name: 'Run a graph by name' });
  await form.getByLabel('Graph name').fill('estimation');
  await form.getByLabel('Template parameters (JSON)').fill('[{"client_cid": 1, "sensor_mid": 1}]');
  await form.getByRole('button', { name: 'Run task' }).click();
  await expect(page.getByRole('heading', { name: 'Done: 1 result' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Result 1: signal 32, 24 points in kW.h' })).toBeVisible();

  if (besmartApi === 'current') {
    // Today's API runs every task at once: the page says so instead of offering a background run.
    await expect(form.getByText(/ignores task priority and background runs/)).toBeVisible();
    await expect(form.getByLabel('Run in the background (asynchronous)')).toHaveCount(0);
    return;
  }
  await form.getByLabel('Run in the background (asynchronous)').check();
  await form.getByRole('button', { name: 'Run task' }).click();
  await expect(page.getByText(/^Accepted: the task runs in the background/)).toBeVisible();
});

test('leaving a form with unsaved changes asks first, by link or by Back; staying keeps the input', async ({
  page,
}) => {
  await page.getByRole('link', { name: 'Main switchboard meter' }).click();
  const edit = page.getByRole('form', { name: 'Edit sensor' });
  await edit.getByLabel('Name').fill('Typed, not saved');

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: '← All sensors' }).click();
  await expect(page).toHaveURL(/\/sensors\/1\.1/);
  await page.goBack();
  await expect(page).toHaveURL(/\/sensors\/1\.1/);
  await expect(edit.getByLabel('Name')).toHaveValue('Typed, not saved');
  expect(dialogs).toEqual([
    'You have unsaved changes. Leave and lose them?',
    'You have unsaved changes. Leave and lose them?',
  ]);
});
