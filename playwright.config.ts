import { defineConfig, devices } from '@playwright/test';
import type { BesmartApiOption } from './e2e/fixtures.ts';

/*
 * Two preview servers, each with its own fakes: one whose besmart fake speaks
 * the current API (every spec runs against it) and one speaking v0.1.5 (the
 * besmart journeys run again: tests tagged @besmart, and the editing and
 * signals specs). Each project gets one worker, because a server's fakes are
 * shared state that every test resets; the two projects run side by side.
 */
const port = Number(process.env.E2E_PORT ?? 4317);
const legacyPort = port + 1;

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

const server = (at: number, besmartApi: string) => ({
  command: `npx vite preview --port ${at} --strictPort --host 127.0.0.1`,
  url: `http://127.0.0.1:${at}/`,
  env: { BESMART_API: besmartApi },
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

export default defineConfig<BesmartApiOption>({
  testDir: './e2e',
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'besmart-current',
      workers: 1,
      use: { ...chromium, baseURL: `http://127.0.0.1:${port}`, besmartApi: 'current' },
    },
    {
      name: 'besmart-v0.1.5',
      workers: 1,
      // The besmart journeys: tagged tests, and every test of the two operator specs (the file name is in the title).
      grep: [/@besmart/, /(editing|signals)\.spec\.ts/],
      use: { ...chromium, baseURL: `http://127.0.0.1:${legacyPort}`, besmartApi: 'v0.1.5' },
    },
  ],
  webServer: [server(port, 'current'), server(legacyPort, 'v0.1.5')],
});
