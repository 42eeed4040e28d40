import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from '@playwright/test';
import { expect, test as e2eTest } from '../e2e/fixtures.ts';

/** Where the screenshots and videos go: demo-output/<journey>/NN-name.png and demo-output/<journey>.webm. */
export const DEMO_OUTPUT = path.resolve(
  process.env.DEMO_OUTPUT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'demo-output'),
);

/** Takes the next numbered screenshot of the page as it is now (viewport only, animations finished). */
export type Shot = (name: string) => Promise<void>;

/**
 * The e2e fixtures (freshly seeded fakes per test) plus `shot`. A journey's
 * name is its file name (resident.demo.ts → resident); its old screenshots are
 * removed first, and its video (when recorded) is saved as <journey>.webm.
 */
export const test = e2eTest.extend<{ shot: Shot }>({
  shot: async ({ page }, use, testInfo) => {
    const journey = path.basename(testInfo.file).replace(/\.demo\.ts$/, '');
    const dir = path.join(DEMO_OUTPUT, journey);
    const videoFile = path.join(DEMO_OUTPUT, `${journey}.webm`);
    await rm(dir, { recursive: true, force: true });
    await rm(videoFile, { force: true });
    await mkdir(dir, { recursive: true });
    let count = 0;
    await use(async (name) => {
      count += 1;
      const file = path.join(dir, `${String(count).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    });
    const video = page.video();
    if (video) {
      await page.close();
      await video.saveAs(videoFile);
    }
  },
});
export { expect };

/**
 * Scrolls the element to the top of the viewport, so a screenshot shows that
 * section; `above` keeps that many pixels above it in view (e.g. a heading).
 */
export async function scrollToTop(locator: Locator, above = 16): Promise<void> {
  await locator.evaluate((el, px) => {
    el.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -px);
  }, above);
}
