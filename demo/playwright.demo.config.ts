import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

/**
 * Recorded demos (`npm run demo:record`): walks the resident and the operator
 * journeys in headless Chromium and writes numbered screenshots (and a video
 * per journey where Playwright's ffmpeg is installed) to demo-output/.
 * Separate from the e2e suite: playwright.config.ts only looks in e2e/.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const size = { width: 1280, height: 800 };

/** Playwright renders video with its own ffmpeg build (`npx playwright install ffmpeg`); without it, no video. */
function ffmpegInstalled(): boolean {
  const browsers = JSON.parse(readFileSync(path.join(root, 'node_modules/playwright-core/browsers.json'), 'utf8')) as {
    browsers: { name: string; revision: string }[];
  };
  const revision = browsers.browsers.find((b) => b.name === 'ffmpeg')?.revision;
  const cache =
    process.platform === 'darwin'
      ? path.join(homedir(), 'Library', 'Caches')
      : process.platform === 'win32'
        ? (process.env.LOCALAPPDATA ?? homedir())
        : (process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'));
  const registry = process.env.PLAYWRIGHT_BROWSERS_PATH || path.join(cache, 'ms-playwright');
  const binary =
    process.platform === 'win32' ? 'ffmpeg-win64.exe' : `ffmpeg-${process.platform === 'darwin' ? 'mac' : 'linux'}`;
  return revision !== undefined && existsSync(path.join(registry, `ffmpeg-${revision}`, binary));
}

// DEMO_VIDEO=0 turns video off even where it works (it costs CPU).
const video = process.env.DEMO_VIDEO !== '0' && ffmpegInstalled();

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.demo\.ts$/,
  outputDir: path.join(root, 'test-results', 'demo'),
  fullyParallel: false,
  // One worker: the journeys are recorded one after the other (the e2e fixtures start its own preview server and fakes).
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  timeout: 180_000,
  expect: { timeout: 15_000 },
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: video ? { mode: 'on', size } : 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: size,
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
      },
    },
  ],
});
