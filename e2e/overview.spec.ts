import { expect, fakeControl, signInSaures, test } from './fixtures.ts';

test.describe('residents’ overview', () => {
  test.beforeEach(async ({ page, signedIn }) => {
    await signedIn('saures');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Flats' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '4 flats shown of 4' })).toBeVisible();
  });

  test('the summary counts match the seeded data', async ({ page }) => {
    const summary = page.getByRole('region', { name: 'Across all flats' });
    await expect(summary.getByRole('button')).toHaveText([
      '2 active leaks',
      '1 meter in error',
      '2 critical batteries',
      '1 stale controller',
      '2 weak signals',
    ]);
  });

  test('the stale controller and the critical battery are flagged with words, not colour alone', async ({ page }) => {
    const office = page.getByRole('article', { name: /Партизанская.*офис 25/ });
    await expect(office.getByText('stale: last seen 3 days ago')).toBeVisible();
    await expect(office.getByText('5 % · critical')).toBeVisible();
    await expect(office.getByText('−95 dB · poor')).toBeVisible();
    await expect(office.getByRole('cell', { name: 'open circuit' })).toBeVisible();
  });

  test('values are shown in readable units', async ({ page }) => {
    const flat = page.getByRole('article', { name: /Черёмушкинская/ });
    const cold = flat.getByRole('row', { name: /13-04-26051-AB/ });
    await expect(cold.getByText('135.494 m³')).toBeVisible();
    await expect(cold.getByText('135.494 m³')).toHaveAttribute('title', '135,494 L');
    await expect(flat.getByRole('row', { name: /AA123-88/ })).toContainText('kWh');
    await expect(flat.getByRole('row', { name: /227714-4|Температура/ }).first()).toContainText('°C');
  });

  test('the leak banner names the flat and the meter, on every page', async ({ page }) => {
    const banner = page.getByRole('alert').filter({ hasText: 'Water leak' });
    await expect(banner).toContainText(
      'Протечка / Кухня in Город Москва, улица Партизанская, дом 51 корпус 2, офис 25',
    );
    await page.goto('/this-page-does-not-exist');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(banner).toBeVisible();
  });

  test('clicking a summary count filters the list, and clicking it again clears the filter', async ({ page }) => {
    const stale = page.getByRole('button', { name: '1 stale controller' });
    await stale.click();
    await expect(stale).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status').filter({ hasText: '1 flat shown of 4' })).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(1);
    await expect(page.getByRole('article', { name: /офис 25/ })).toBeVisible();
    await expect(page).toHaveURL(/health=stale/);
    await stale.click();
    await expect(page.getByRole('status').filter({ hasText: '4 flats shown of 4' })).toBeVisible();
  });

  test('search finds a flat by meter serial, and the URL keeps it', async ({ page }) => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('CW-33001');
    await expect(page.getByRole('status').filter({ hasText: '1 flat shown of 4' })).toBeVisible();
    await expect(page).toHaveURL(/q=CW-33001/);
    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('CW-33001');
    await expect(page.getByRole('status').filter({ hasText: '1 flat shown of 4' })).toBeVisible();
  });

  test('a deep link restores the view', async ({ page }) => {
    await page.goto('/flats?health=battery&sort=health');
    await expect(page.getByRole('button', { name: '2 critical batteries' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByLabel('Sort by')).toHaveValue('health');
    await expect(page.getByRole('status').filter({ hasText: '2 flats shown of 4' })).toBeVisible();
    await expect(page.getByRole('article').first()).toHaveAccessibleName(/офис 25/);
  });

  test('the staleness threshold can be changed and is remembered', async ({ page }) => {
    const threshold = page.getByLabel('Stale after (hours)');
    await threshold.fill('100');
    await expect(page.getByRole('button', { name: '0 stale controllers' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Stale after (hours)')).toHaveValue('100');
    await expect(page.getByRole('button', { name: '0 stale controllers' })).toBeVisible();
  });

  test('the language switches to Russian', async ({ page }) => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await expect(page.getByRole('heading', { level: 1, name: 'Квартиры' })).toBeVisible();
    await expect(page.getByRole('button', { name: '2 активные протечки' })).toBeVisible();
    await expect(page.getByRole('button', { name: '1 контроллер без связи' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    const cold = page.getByRole('row', { name: /13-04-26051-AB/ });
    await expect(cold.getByText('135,494 m³')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Квартиры' })).toBeVisible();
  });

  test('works on a 375 px phone screen', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(page.getByRole('heading', { level: 1, name: 'Flats' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath('overview-375.png'), fullPage: false });
  });
});

test('a flat whose meters fail shows its own error and retry; the other flats stay', async ({ page }) => {
  await fakeControl(page, 'saures', 'fail-meters?flat=39');
  await page.goto('/');
  await signInSaures(page);
  const office = page.getByRole('article', { name: /офис 25/ });
  await expect(office.getByRole('alert')).toContainText('Meters of this flat could not be loaded.');
  await expect(office.getByRole('alert')).toContainText('SAURES answered 502');
  await expect(
    page.getByRole('article', { name: /Невский проспект/ }).getByRole('heading', { name: 'Controller 227714' }),
  ).toBeVisible();
  await fakeControl(page, 'saures', 'fail-meters?flat=39&on=0');
  await office.getByRole('button', { name: 'Try again' }).click();
  await expect(office.getByRole('heading', { name: 'Controller 10-123456' })).toBeVisible();
  await expect(office.getByRole('alert')).toHaveCount(0);
});
