// Residents' overview at the large fake dataset (≥ 300 flats, ≥ 600
// controllers, ≥ 3,000 meters): sign-in → overview painted, and the time per
// filter keystroke, each the median of RUNS runs in headless Chromium.
import { median, round, RUNS, report } from './lib.mjs';

async function resetFakes(url) {
  for (const s of ['saures', 'besmart']) await fetch(`${url}/${s}/__control/reset`, { method: 'POST' });
}

/** One run: from the click on "Sign in" to the first flat with its controller painted, and to every flat loaded. */
async function signInRun(browser, url) {
  await resetFakes(url);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${url}/signin`);
  // A person takes a few seconds to type: by then the page has loaded what it prefetches when idle.
  await page.waitForLoadState('networkidle');
  const form = page.getByRole('form', { name: 'Sign in to SAURES' });
  await form.getByLabel('E-mail').fill('demo@saures.ru');
  await form.getByLabel('Password').fill('demo');
  const button = form.getByRole('button', { name: 'Sign in to SAURES' });
  // Measured in the page: click → first flat card with a controller → next paint.
  await page.evaluate(() => {
    const w = window;
    w.__bench = {};
    const afterPaint = (key) =>
      requestAnimationFrame(() => setTimeout(() => (w.__bench[key] = performance.now() - w.__bench.t0), 0));
    document.addEventListener('click', () => (w.__bench.t0 = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (!w.__bench.painted && document.querySelector('article .controller')) {
        w.__bench.painted = true;
        afterPaint('firstFlat');
      }
      const status = document.querySelector('.list-status');
      if (
        !w.__bench.allDone &&
        status &&
        !status.textContent.includes('loading') &&
        document.querySelector('article .controller')
      ) {
        w.__bench.allDone = true;
        afterPaint('allFlats');
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await button.click();
  await page.waitForFunction(
    () => window.__bench.firstFlat !== undefined && window.__bench.allFlats !== undefined,
    null,
    {
      timeout: 60_000,
    },
  );
  const out = await page.evaluate(() => ({
    firstFlat: window.__bench.firstFlat,
    allFlats: window.__bench.allFlats,
    articles: document.querySelectorAll('article').length,
    domNodes: document.getElementsByTagName('*').length,
    status: document.querySelector('.list-status')?.textContent ?? '',
  }));
  return { page, context, out };
}

/** Types a query one key at a time; each keystroke is timed from beforeinput to the filtered list painted. */
async function keystrokeRun(page, query) {
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('');
  await page.waitForFunction(() => document.querySelector('.list-status')?.dataset.query === '');
  const times = [];
  for (const ch of query) {
    await page.evaluate(() => {
      const w = window;
      const input = document.querySelector('input[type=search]');
      w.__key = undefined;
      input.addEventListener(
        'beforeinput',
        () => {
          const t0 = performance.now();
          const status = document.querySelector('.list-status');
          const expected = () => input.value;
          const done = () => requestAnimationFrame(() => setTimeout(() => (w.__key = performance.now() - t0), 0));
          const check = () => {
            if (status.dataset.query === expected()) {
              observer.disconnect();
              done();
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(status, { attributes: true, attributeFilter: ['data-query'] });
          // The input event follows beforeinput; check after it too.
          setTimeout(check, 0);
        },
        { once: true, capture: true },
      );
    });
    await page.keyboard.type(ch);
    await page.waitForFunction(() => window.__key !== undefined);
    times.push(await page.evaluate(() => window.__key));
  }
  return times;
}

export async function benchOverview(browser, url) {
  const firstFlat = [];
  const allFlats = [];
  const perKey = [];
  const keyMedians = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const { page, context, out } = await signInRun(browser, url);
    firstFlat.push(out.firstFlat);
    allFlats.push(out.allFlats);
    last = out;
    await page.getByRole('searchbox', { name: 'Search' }).focus();
    const times = await keystrokeRun(page, 'улица 30010');
    perKey.push(...times);
    keyMedians.push(median(times));
    await context.close();
  }
  report('overview-signin', {
    first_flat_painted_ms: round(median(firstFlat)),
    all_flats_loaded_ms: round(median(allFlats)),
    articles_in_dom: last.articles,
    dom_nodes: last.domNodes,
    runs: RUNS,
  });
  report('overview-filter-keystroke', {
    median_ms: round(median(keyMedians)),
    max_ms: round(Math.max(...perKey)),
    keystrokes: perKey.length,
    runs: RUNS,
  });
  console.log(`  (list status after load: "${last.status.trim()}")`);
}
