import { expect, scrollToTop, test } from './fixtures.ts';

/** A CSV of half-hourly P readings (local times) with two broken rows, as a file to upload. */
function csvWithTwoBadRows(): Buffer {
  const start = Date.UTC(2025, 0, 1);
  const local = (i: number) => new Date(start + i * 1_800_000).toISOString().slice(0, 19).replace('T', ' ');
  const lines = ['time,value,origin'];
  for (let i = 0; i < 48; i++) lines.push(`${local(i)},${(20 + 8 * Math.sin(i / 4)).toFixed(2)},measured`);
  lines[11] = `${local(10)},n/a,measured`;
  lines[30] = `2025-13-01 00:00:00,12.5,measured`;
  return Buffer.from(lines.join('\n'));
}

test('operator journey (besmart)', async ({ page, shot }) => {
  await test.step('sign in with the operator account', async () => {
    await page.goto('/');
    const form = page.getByRole('form', { name: 'Sign in to besmart' });
    await form.getByRole('button', { name: /^Use operator/ }).click();
    await expect(form.getByLabel('Workspace key')).toHaveValue('demo-workspace');
    await shot('sign-in');
    await form.getByRole('button', { name: 'Sign in to besmart' }).click();
  });

  await test.step('sensors watch list', async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'besmart sensors' })).toBeVisible();
    const list = page.getByRole('list', { name: 'Watched sensors' });
    await expect(list.getByRole('listitem')).toHaveCount(5);
    await expect(list.getByRole('link', { name: 'Main switchboard meter' })).toBeVisible();
    await scrollToTop(list, 80);
    await shot('sensors-watch-list');
    await list.getByRole('link', { name: 'Main switchboard meter' }).click();
  });

  const chart = page.getByRole('img', { name: /Chart of A\+/ });
  const chartStatus = page.getByRole('status').filter({ hasText: 'points drawn from' });

  await test.step('a sensor: details, states, chart', async () => {
    await expect(page).toHaveURL(/\/sensors\/1\.1/);
    await expect(page.getByRole('heading', { level: 1, name: /Main switchboard meter/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'States (installed meters)' }).getByRole('row')).toHaveCount(3);
    await expect(chart).toBeVisible();
    await expect(chartStatus).toHaveAttribute('aria-busy', 'false');
    await shot('sensor-details');
    await scrollToTop(page.getByRole('region', { name: 'States (installed meters)' }));
    await shot('sensor-states-timeline');
    await scrollToTop(page.getByRole('group', { name: 'Signals to chart' }), 80);
    await expect(page.getByRole('button', { name: '7 days' })).toHaveAttribute('aria-pressed', 'true');
    await shot('sensor-chart-7-days');
  });

  await test.step('chart: range preset, zoom, tooltip', async () => {
    await page.getByRole('button', { name: '30 days' }).click();
    await expect(page.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/range=30d/);
    await expect(chartStatus).toHaveAttribute('aria-busy', 'false');
    await expect(chartStatus).toContainText(/\d+ points drawn from \d+/);
    await shot('chart-30-days');

    const box = await chart.boundingBox();
    if (!box) throw new Error('the chart has no box');
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/zf=\d+&zt=\d+/);
    await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
    await expect(chartStatus).toHaveAttribute('aria-busy', 'false');
    // Off the chart, so the zoomed view is shot without a tooltip.
    await page.mouse.move(box.x + box.width / 2, box.y - 50);
    await expect(page.getByRole('tooltip')).toBeHidden();
    await shot('chart-zoomed');

    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.getByRole('tooltip');
    await expect(tip).toContainText('A+ (measured)');
    await expect(tip).toContainText('kW.h per interval');
    await shot('chart-tooltip');

    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await expect(page).not.toHaveURL(/zf=/);
  });

  await test.step('edit the sensor: rename it', async () => {
    const edit = page.getByRole('form', { name: 'Edit sensor' });
    await edit.getByLabel('Name').fill('Main switchboard meter (hall B)');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByText('Saved.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: /Main switchboard meter \(hall B\)/ })).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('sensor-renamed');
  });

  const states = page.getByRole('region', { name: 'Edit states' });

  await test.step('add a state', async () => {
    const form = states.getByRole('form', { name: 'New state' });
    // Before the sensor's first state, so it overlaps nothing.
    await form.getByLabel('Since').fill('2020-01-01T00:00');
    await form.getByLabel('Till').fill('2020-06-01T00:00');
    await form.getByLabel('Meter type').selectOption({ label: 'CX2000-9' });
    await form.getByLabel('Meter external id').fill('M-2020');
    // This sensor's type requires METER_DEV in a state's info.
    await form.getByLabel('Info (JSON)').fill('{"METER_DEV": 2020}');
    await form.getByRole('button', { name: 'Add state' }).click();
    await expect(states.getByRole('cell', { name: 'M-2020' })).toBeVisible();
    await expect(states.getByRole('status')).toContainText('added');
    await scrollToTop(states);
    await shot('state-added');
  });

  await test.step('open a state’s signal states', async () => {
    await states
      .getByRole('row', { name: /ZE-00481/ })
      .getByRole('button', { name: /^Edit state / })
      .click();
    const signalStates = states.getByRole('region', { name: /^Signal states of / });
    await expect(signalStates).toBeVisible();
    await expect(signalStates.getByRole('button', { name: /^Edit signal state / }).first()).toBeVisible();
    await scrollToTop(signalStates);
    await shot('signal-states');
    await states.getByRole('form', { name: 'Edit state' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(signalStates).toHaveCount(0);
  });

  const editor = page.getByRole('region', { name: 'Edit data' });

  await test.step('edit data: change a point and save', async () => {
    await editor.getByRole('combobox', { name: 'Signal', exact: true }).selectOption({ label: 'P (kW)' });
    const table = editor.getByRole('table', { name: /^P: \d+ points from/ });
    const first = table.getByRole('textbox', { name: /^Value at / }).first();
    await expect(first).not.toHaveValue('');
    await first.fill('42.5');
    await expect(editor.getByText('1 unsaved change in 1 signal(s).')).toBeVisible();
    await scrollToTop(editor);
    await shot('edit-data-unsaved');
    await editor.getByRole('button', { name: 'Save data changes' }).click();
    await expect(editor.getByText('Saved 1 point in 1 signal(s).')).toBeVisible();
    await expect(first).toHaveValue('42.5');
    await shot('edit-data-saved');
  });

  await test.step('import a CSV: preview and report of bad rows', async () => {
    const region = editor.getByRole('region', { name: 'Import CSV into P' });
    await region.getByLabel('CSV file').setInputFiles({
      name: 'p-january.csv',
      mimeType: 'text/csv',
      buffer: csvWithTwoBadRows(),
    });
    await expect(region.getByText('48 lines read: 46 ready to import, 2 with problems.')).toBeVisible();
    await expect(region.getByRole('list', { name: '2 lines will not be imported' }).getByRole('listitem')).toHaveCount(
      2,
    );
    await scrollToTop(region);
    await shot('csv-import-preview');
    await region.getByRole('button', { name: 'Import 46 rows' }).click();
    await expect(region.getByRole('status').filter({ hasText: /^Saved 46 rows in \d+ request/ })).toBeVisible();
    await shot('csv-import-done');
  });

  await test.step('tasks: run the graph “estimation”', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    const form = page.getByRole('form', { name: 'Run a graph by name' });
    await form.getByLabel('Graph name').fill('estimation');
    await form.getByLabel('Template parameters (JSON)').fill('[{"client_cid": 1, "sensor_mid": 1}]');
    await form.getByRole('button', { name: 'Run task' }).click();
    await expect(page.getByRole('heading', { name: 'Done: 1 result' })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Result 1: signal 32, \d+ points/ })).toBeVisible();
    await scrollToTop(page.getByRole('heading', { name: 'Done: 1 result' }));
    await shot('task-estimation-result');
  });

  await test.step('meter types of client 1', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meter types' }).click();
    await page.getByLabel('Client CID').first().fill('1');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/cid=1/);
    await expect(page.getByRole('row', { name: /ZMG310/ })).toBeVisible();
    await shot('meter-types');
  });
});
