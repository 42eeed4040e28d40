// besmart chart cases: (a) data ready → chart painted, (b) the same series
// handed raw to recharts, (c) the M4 reduction alone — at 35,040 and 525,600
// points — and (d) the initial JS of the sign-in route, gzip.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { median, round, RUNS, report, serve } from './lib.mjs';

const SIZES = [35_040, 525_600];

export async function benchChart(browser) {
  execSync('npx vite build --config bench/vite.bench.config.ts', { stdio: 'inherit' });
  const server = await serve({
    port: Number(process.env.BENCH_CHART_PORT ?? 4392),
    args: ['--config', 'bench/vite.bench.config.ts'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${server.url}/chart.html`);
    await page.waitForFunction(() => document.title === 'ready');
    for (const n of SIZES) {
      const reduced = [];
      const raw = [];
      const reduction = [];
      let drawn = 0;
      // Warm-up run (JIT), not counted.
      await page.evaluate((size) => window.bench.reduced(size), n);
      await page.evaluate(() => window.bench.clear());
      for (let i = 0; i < RUNS; i++) {
        const r = await page.evaluate((size) => window.bench.reduced(size), n);
        reduced.push(r.ms);
        drawn = r.drawn;
        await page.evaluate(() => window.bench.clear());
        reduction.push(await page.evaluate((size) => window.bench.reduction(size), n));
      }
      for (let i = 0; i < RUNS; i++) {
        const r = await page.evaluate((size) => window.bench.raw(size), n);
        raw.push(r.ms);
        await page.evaluate(() => window.bench.clear());
      }
      const a = median(reduced);
      const b = median(raw);
      report(`chart-${n}`, {
        painted_ms: round(a),
        raw_recharts_ms: round(b),
        speedup: round(b / a),
        reduction_ms: round(median(reduction), 2),
        points_drawn: drawn,
        runs: RUNS,
      });
    }
    await page.close();
  } finally {
    server.stop();
  }
}

/** (d) The JS the sign-in route loads before it is interactive: index.html's module script and its preloads, gzip. */
export function signInBundle() {
  const html = readFileSync('dist/index.html', 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(`dist/${f}`), { level: 9 }).length, 0);
  report('signin-initial-js', { gzip_kb: round(bytes / 1024), files: files.length });
  return bytes;
}

/**
 * In the app: switch a one-minute signal from 30 days to 12 months of raw data
 * (525,600 points) and record the main thread's long tasks until the chart is painted.
 */
export async function benchRangeSwitch(browser, url) {
  const longest = [];
  const counts = [];
  let points = '';
  for (let i = 0; i < RUNS; i++) {
    await fetch(`${url}/besmart/__control/reset`, { method: 'POST' });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${url}/signin`);
    const form = page.getByRole('form', { name: 'Sign in to besmart' });
    await form.getByLabel('Login').fill('operator');
    await form.getByLabel('Password').fill('operator');
    await form.getByLabel('Workspace key').fill('demo-workspace');
    await form.getByRole('button', { name: 'Sign in to besmart' }).click();
    await page.getByRole('heading', { level: 1, name: 'besmart sensors' }).waitFor();
    await page.goto(`${url}/sensors/1.5?signals=64&range=30d&agg=raw`);
    const status = page.getByRole('status').filter({ hasText: 'points drawn from' });
    await status
      .filter({ hasText: /from 4\d,\d{3}|from 43,\d{3}/ })
      .or(status)
      .first()
      .waitFor();
    await page.getByRole('img', { name: /Chart of P/ }).waitFor();
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await page.getByRole('button', { name: '12 months' }).click();
    await page.waitForFunction(
      () => /from 5\d\d,\d{3}/.test(document.querySelector('.chart-status')?.textContent ?? ''),
      null,
      {
        timeout: 60_000,
      },
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
    const tasks = await page.evaluate(() => window.__long);
    points = (await page.locator('.chart-status').textContent()) ?? '';
    longest.push(tasks.length ? Math.max(...tasks) : 0);
    counts.push(tasks.length);
    await context.close();
  }
  report('chart-switch-range-525600', {
    longest_task_ms: round(median(longest)),
    worst_run_longest_task_ms: round(Math.max(...longest)),
    long_tasks: median(counts),
    runs: RUNS,
  });
  console.log(`  (status after switch: "${points.trim()}")`);
}
