import { defineConfig, devices } from '@playwright/test';
import type { BesmartApiOption } from './e2e/fixtures.ts';

/*
 * Two preview servers, each with its own fakes: one whose besmart fake speaks
 * the current API, one speaking v0.1.5. The besmart journeys (tests tagged
 * @besmart, and the editing and signals specs) run against both; the other
 * tests run once, SAURES-only ones (tagged @saures, and the overview spec)
 * on the second server, whose SAURES fake is the same, so the two halves
 * take about as long. Each project gets one worker, because a server's
 * fakes are shared state that every test resets; the two run side by side.
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
    // A trace records a screencast of every test, which cost a third of the run's time on 2 cores:
    // off here; `npx playwright test --trace on` records one when a failure needs it.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'besmart-current',
      workers: 1,
      grepInvert: [/@saures/, /overview\.spec\.ts/],
      use: { ...chromium, baseURL: `http://127.0.0.1:${port}`, besmartApi: 'current' },
    },
    {
      name: 'besmart-v0.1.5',
      workers: 1,
      // The besmart journeys again, and the SAURES-only tests (the file name is part of what grep sees).
      grep: [/@besmart/, /(editing|signals)\.spec\.ts/, /@saures/, /overview\.spec\.ts/],
      // Chart gestures and keyboard paths through forms that look the same whatever the server's version.
      grepInvert: [/@any-version/],
      use: { ...chromium, baseURL: `http://127.0.0.1:${legacyPort}`, besmartApi: 'v0.1.5' },
    },
  ],
  webServer: [server(port, 'current'), server(legacyPort, 'v0.1.5')],
});
