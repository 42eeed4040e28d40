import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
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
  'the proxy answers through the production server for both services',
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

test('npm run serve: the bundled server starts from the build, serves the app and stops cleanly on SIGTERM', async ({
  request,
}) => {
  // The file `npm run serve` runs, as deployed: not the TypeScript the other tests' servers load.
  const child = spawn(process.execPath, [process.env.E2E_SERVE ?? 'dist-server/serve.mjs'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DIST_DIR: process.env.E2E_DIST ?? 'dist' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const logged: Record<string, unknown>[] = [];
  const listening = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        reject(new Error(`the server wrote a line that is not JSON: ${line}`));
        return;
      }
      if (typeof entry !== 'object' || entry === null) return;
      logged.push({ ...entry });
      const msg = 'msg' in entry && typeof entry.msg === 'string' ? entry.msg : '';
      const url = /^meterdeck listening on (\S+)$/.exec(msg)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  try {
    const url = await listening;
    expect((await request.get(`${url}/healthz`)).status()).toBe(200);
    const page = await request.get(`${url}/flats`, { headers: { accept: 'text/html' } });
    expect(page.headers()['cache-control']).toBe('no-cache');
    expect(await page.text()).toContain('<div id="root">');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(logged.map((e) => e.msg)).toContain('stopped');
    expect(logged.some((e) => e.path === '/healthz' && e.status === 200)).toBe(true);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
