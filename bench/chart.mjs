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
