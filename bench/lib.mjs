// Shared plumbing for `npm run bench`: build, serve with the large fake
// dataset, drive Debian's Chromium, and report medians.
import { execSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const RUNS = 5;

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function round(n, digits = 1) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function build() {
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
  execSync('npx vite build --config vite.server.config.ts --logLevel warn', { stdio: 'inherit' });
}

/** Starts `vite preview` (proxy + fakes) and resolves when it answers. */
export async function serve({ port, env = {}, args = [] }) {
  const child = spawn(
    'npx',
    ['vite', 'preview', ...args, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('preview server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const results = {};

/** Prints `bench <case> <metric>=<value> ...` and keeps it for bench/results.json. */
export function report(name, metrics) {
  results[name] = metrics;
  console.log(
    `bench ${name} ${Object.entries(metrics)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
}

export function writeResults() {
  mkdirSync('bench', { recursive: true });
  const file = 'bench/results.json';
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const merged = {
    ...previous,
    ...results,
    _meta: {
      date: new Date().toISOString(),
      runs: RUNS,
      node: process.version,
      cpus: (process.env.BENCH_CPUS ?? '') || undefined,
    },
  };
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
