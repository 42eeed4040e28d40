import { expect, test } from './fixtures.ts';

test('the served app loads with no console errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'SAURES' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'besmart.energy' })).toBeVisible();
  expect(problems).toEqual([]);
});

test(
  'the proxy answers through the preview server for both services',
  { tag: '@both-versions' },
  async ({ request }) => {
    const flats = await request.get('/saures/api/company/flats?sid=not-a-session');
    expect(flats.status()).toBe(200);
    expect(await flats.json()).toMatchObject({
      status: 'bad',
      errors: [expect.objectContaining({ name: 'WrongSIDException' })],
    });
    const types = await request.get('/besmart/sensors/types');
    expect(types.status()).toBe(401);
    const refused = await request.get('/besmart/..%2f..%2fetc/passwd');
    expect(refused.status()).toBe(400);
  },
);
