// npm run bench: builds the app, serves it with the large fake dataset and
// measures in headless Chromium. Not part of npm test (timings are noisy on
// shared machines); prints `bench <case> <metric>=<value>` lines and writes
// bench/results.json.
import { build, launch, serve, writeResults } from './lib.mjs';
import { benchChart, benchRangeSwitch, signInBundle } from './chart.mjs';
import { benchOverview } from './overview.mjs';
import { benchProxyMemory } from './proxy-memory.mjs';

const only = process.argv[2];
build();
const server = await serve({ port: Number(process.env.BENCH_PORT ?? 4391), env: { MOCK_DATASET: 'large' } });
const browser = await launch();
try {
  if (!only || only === 'bundle') signInBundle();
  if (!only || only === 'chart') await benchChart(browser);
  if (!only || only === 'switch') await benchRangeSwitch(browser, server.url);
  if (!only || only === 'overview') await benchOverview(browser, server.url);
  if (!only || only === 'proxy-memory') await benchProxyMemory();
  writeResults();
} finally {
  await browser.close();
  server.stop();
}
