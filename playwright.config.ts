import { defineConfig, devices } from '@playwright/test';
import type { BesmartApiOption } from './e2e/fixtures.ts';

/*
 * Two projects, one per besmart API version. Every test runs against today's
 * besmart (v0.62.23), except the SAURES-only ones (tagged @saures, and the
 * overview spec), which run once, on the v0.1.5 project, whose SAURES fake is
 * the same. The v0.1.5 project also runs the journeys tagged @both-versions:
 * those where the version changes what the app sends or reads (sign-in, token
 * renewal, each kind of write, error bodies, where a token may travel). The
 * client's unit tests cover every endpoint against both fakes; a second e2e
 * run of chart gestures, keyboard paths or accessibility scans would test the
 * same page twice. Every worker starts its own production server with its own
 * fakes (e2e/fixtures.ts), so tests run in parallel, each from freshly seeded
 * fakes.
 */
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    // Debian's headless shell (scripts/ensure-chromium.mjs installs it): a new page costs less than in the full browser.
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium-headless-shell',
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
      grep: [/@both-versions/, /@saures/, /overview\.spec\.ts/],
      use: { ...chromium, besmartApi: 'v0.1.5' },
    },
  ],
});
