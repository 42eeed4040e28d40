import { expect, signInBesmart, test } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await signInBesmart(page);
  await expect(page.getByRole('heading', { level: 1, name: 'besmart sensors' })).toBeVisible();
});

test('create a sensor: it joins the watch list; rename it: a reload shows the new name', async ({ page }) => {
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
  const list = page.getByRole('list', { name: 'Watched sensors' });
  await expect(list.getByRole('link', { name: 'Garage meter' })).toBeVisible();

  await list.getByRole('link', { name: 'Garage meter' }).click();
  const edit = page.getByRole('form', { name: 'Edit sensor' });
  await edit.getByLabel('Name').fill('Garage meter (renamed)');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /Garage meter \(renamed\)/ })).toBeVisible();
});

test('a read-only sensor offers no edit controls', async ({ page }) => {
  await page.getByRole('link', { name: /Substation T-12/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Substation T-12/ })).toBeVisible();
  await expect(page.getByRole('note').first()).toContainText('read-only');
  await expect(page.getByRole('button', { name: 'Add state' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Edit sensor' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete sensor' })).toHaveCount(0);
});

test('meter types of a client: add one and see it listed', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meter types' }).click();
  await page.getByLabel('Client CID').first().fill('1');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/cid=1/);
  const form = page.getByRole('form', { name: 'New meter type' });
  await form.getByLabel('Name').fill('EMH eHZ');
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

test('add a state; an overlapping one gets the conflict message and the form keeps its values', async ({ page }) => {
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
});
