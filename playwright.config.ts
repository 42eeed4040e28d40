import { defineConfig, devices } from '@playwright/test';
import type { BesmartApiOption } from './e2e/fixtures.ts';

/*
 * Two projects, one per besmart API version: the besmart journeys (tests
 * tagged @besmart, and the editing and signals specs) run against both; the
 * other tests run once, SAURES-only ones (tagged @saures, and the overview
 * spec) on the v0.1.5 project, whose SAURES fake is the same. Every worker
 * starts its own preview server with its own fakes (e2e/fixtures.ts), so
 * tests run in parallel, each from freshly seeded fakes.
 */
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

export default defineConfig<object, BesmartApiOption>({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
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
      grepInvert: [/@saures/, /overview\.spec\.ts/],
      use: { ...chromium, besmartApi: 'current' },
    },
    {
      name: 'besmart-v0.1.5',
      // The besmart journeys again, and the SAURES-only tests (the file name is part of what grep sees).
      grep: [/@besmart/, /(editing|signals)\.spec\.ts/, /@saures/, /overview\.spec\.ts/],
      // Chart gestures and keyboard paths through forms that look the same whatever the server's version.
      grepInvert: [/@any-version/],
      use: { ...chromium, besmartApi: 'v0.1.5' },
    },
  ],
});
