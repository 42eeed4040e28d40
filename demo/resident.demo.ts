import { expect, test } from './fixtures.ts';

test('resident journey (SAURES)', async ({ page, shot }) => {
  await test.step('sign in with the demo account', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Sign in to SAURES' });
    await form.getByRole('button', { name: /^Use .*demo@saures\.ru/ }).click();
    await expect(form.getByLabel('E-mail')).toHaveValue('demo@saures.ru');
    await shot('sign-in');
    await form.getByRole('button', { name: 'Sign in to SAURES' }).click();
  });

  const status = page.getByRole('status').filter({ hasText: /flats? shown of/ });

  await test.step('overview: flats, controllers (battery, signal) and meters', async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Flats' })).toBeVisible();
    await expect(status).toHaveText('4 flats shown of 4');
    await expect(page.getByRole('region', { name: 'Across all flats' }).getByRole('button')).toHaveCount(5);
    await expect(page.getByRole('heading', { name: /^Controller / }).first()).toBeVisible();
    await shot('flats-overview');
  });

  await test.step('filter by health: critical batteries', async () => {
    const critical = page.getByRole('button', { name: '2 critical batteries' });
    await critical.click();
    await expect(critical).toHaveAttribute('aria-pressed', 'true');
    await expect(status).toHaveText('2 flats shown of 4');
    await shot('filter-critical-batteries');
    await critical.click();
    await expect(status).toHaveText('4 flats shown of 4');
  });

  await test.step('search by address', async () => {
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('Невский');
    await expect(status).toHaveText('1 flat shown of 4');
    await expect(page).toHaveURL(/q=/);
    await expect(page.getByRole('article', { name: /Невский проспект/ })).toBeVisible();
    await shot('search-by-address');
    await search.fill('');
    await search.blur();
    await expect(status).toHaveText('4 flats shown of 4');
  });

  await test.step('open one flat’s details', async () => {
    const flat = page.getByLabel('Flat', { exact: true });
    const office = await flat.getByRole('option', { name: /офис 25/ }).getAttribute('value');
    expect(office).toBeTruthy();
    await flat.selectOption(office ?? '');
    await expect(status).toHaveText('1 flat shown of 4');
    const card = page.getByRole('article', { name: /офис 25/ });
    await expect(card.getByText('5 % · critical')).toBeVisible();
    await expect(card.getByText('stale: last seen 3 days ago')).toBeVisible();
    // Scroll the flat to the top, so its first controller's meters are on screen.
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expect(card.getByRole('cell', { name: 'open circuit' })).toBeInViewport();
    await shot('flat-details');
  });

  await test.step('sign out', async () => {
    await page.getByRole('button', { name: 'Sign out of SAURES' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Sign in to SAURES' }).getByLabel('E-mail')).toBeVisible();
    await shot('signed-out');
  });
});
