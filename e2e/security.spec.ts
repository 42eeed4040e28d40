import type { ConsoleMessage, Locator, Page } from '@playwright/test';
import { z } from 'zod';
import { SECURITY_HEADERS } from '../server/security-headers.ts';
import { BESMART_DEMO, expect, SAURES_DEMO, signInBesmart, signInSaures, test } from './fixtures.ts';

declare global {
  interface Window {
    /** Bound by watchCspViolations: the page reports each securitypolicyviolation event. */
    reportCspViolation?: (text: string) => Promise<void>;
  }
}

/** Put in front of each worker script: workers run no init scripts, and Chromium logs their violations nowhere Playwright sees. */
const WORKER_WATCH = `self.addEventListener('securitypolicyviolation', (e) => console.error(\`Content Security Policy violation in a worker: \${e.effectiveDirective} refused \${e.blockedURI || 'inline'} (\${e.sourceFile}:\${e.lineNumber})\`));
console.info('CSP watch installed');
`;

/**
 * Collects every CSP violation of the page: securitypolicyviolation events of
 * every document the page loads and of its workers, and the console lines
 * Chromium writes for some violations.
 */
async function watchCspViolations(page: Page): Promise<{ violations: string[]; watchedWorkers: string[] }> {
  const violations: string[] = [];
  const watchedWorkers: string[] = [];
  page.on('console', (msg) => {
    if (/content.security.policy/i.test(msg.text())) violations.push(`page console: ${msg.text()}`);
  });
  page.on('worker', (worker) =>
    worker.on('console', (msg) => {
      if (msg.text() === 'CSP watch installed') watchedWorkers.push(worker.url());
      else if (/content.security.policy/i.test(msg.text())) violations.push(`worker console: ${msg.text()}`);
    }),
  );
  await page.route(/\/assets\/[\w.-]*worker[\w.-]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: WORKER_WATCH + (await response.text()) });
  });
  await page.exposeFunction('reportCspViolation', (text: string) => {
    violations.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void window.reportCspViolation?.(
        `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) on ${location.pathname}`,
      );
    });
  });
  return { violations, watchedWorkers };
}

/** Signs in to both services with the demo accounts the sign-in page offers. */
async function signInWithDemoAccounts(page: Page): Promise<void> {
  await page.goto('/signin');
  const saures = page.getByRole('form', { name: 'Sign in to SAURES' });
  await saures.getByRole('button', { name: `Use ${SAURES_DEMO.email} / ${SAURES_DEMO.password}` }).click();
  await saures.getByRole('button', { name: 'Sign in to SAURES' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Flats' })).toBeVisible();
  await page.getByRole('link', { name: 'Connect besmart' }).click();
  const besmart = page.getByRole('form', { name: 'Sign in to besmart' });
  await besmart
    .getByRole('button', {
      name: `Use ${BESMART_DEMO.login} / ${BESMART_DEMO.password} / ${BESMART_DEMO.workspaceKey}`,
    })
    .click();
  await besmart.getByRole('button', { name: 'Sign in to besmart' }).click();
  await page.getByRole('link', { name: 'Continue to the dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Flats' })).toBeVisible();
}

/** Walks every page of the app, mostly by in-app navigation, once by reload. */
async function visitEveryPage(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Flats' }).click();
  await expect(page.getByRole('heading', { name: /Невский проспект/ })).toBeVisible();
  await nav.getByRole('link', { name: 'Sensors' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'besmart sensors' })).toBeVisible();
  await page.getByRole('link', { name: 'Workshop meter (1-minute data)' }).click();
  await expect(page).toHaveURL(/\/sensors\/1\.5\b/);
  await expect(page.getByRole('img', { name: /Chart of/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'points drawn from' })).toBeVisible();
  await nav.getByRole('link', { name: 'Meter types' }).click();
  await page.getByLabel('Client CID').first().fill('1');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meter types of client 1' })).toBeVisible();
  // A reload restores both sessions from sessionStorage.
  await page.goto('/sensors/1.5');
  await expect(page.getByRole('img', { name: /Chart of/ })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Flats' })).toBeVisible();
}

test.describe('production headers', () => {
  test('every kind of response carries the CSP and the hardening headers', async ({ request }) => {
    const html = await (await request.get('/')).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    const paths = [
      '/',
      '/flats',
      '/sensors/1.5',
      '/favicon.svg',
      ...assets,
      '/__meterdeck/config',
      '/saures/api/company/flats?sid=not-a-session',
      '/besmart/signals/types',
      '/saures/a%2fb',
    ];
    for (const path of paths) {
      const headers = (await request.get(path)).headers();
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(headers[name.toLowerCase()], `${name} on ${path}`).toBe(value);
      }
    }
  });

  test('the built index.html has no inline script, style or event handler', async ({ request }) => {
    const html = await (await request.get('/')).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
  });
});

test.describe('Content-Security-Policy', () => {
  test('no page of the app breaks it, the chart’s worker included', async ({ page }) => {
    const { violations, watchedWorkers } = await watchCspViolations(page);
    await signInWithDemoAccounts(page);
    await visitEveryPage(page);
    // The series were loaded by the module worker (not the main-thread fallback), and it was watched.
    expect(watchedWorkers).toContainEqual(expect.stringMatching(/\/assets\/series\.worker-[\w-]+\.js$/));
    expect(violations).toEqual([]);
  });

  test('is enforced: an injected inline script and style are refused and reported', async ({ page }) => {
    const { violations } = await watchCspViolations(page);
    await page.goto('/signin');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inlineRan = "yes"';
      document.head.append(script);
      const style = document.createElement('style');
      style.textContent = 'body { display: none }';
      document.head.append(style);
    });
    await expect(page.locator('body')).not.toHaveAttribute('data-inline-ran', 'yes');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect.poll(() => violations.join('\n')).toMatch(/script-src-elem refused inline/);
    await expect.poll(() => violations.join('\n')).toMatch(/style-src-elem refused inline/);
  });
});

const SAURES_LOGIN = '/saures/api/auth/login';
const BESMART_TOKEN = '/besmart/users/token';
const sauresLoginSchema = z.object({ status: z.literal('ok'), data: z.object({ sid: z.string().min(8) }) });
const besmartTokenSchema = z.object({ token: z.string().min(8) });

/** Distinctive passwords typed into the forms (refused), so they can be searched for anywhere. */
const TYPED_PASSWORDS = ['N0t-the-SAURES-pw-7319', 'N0t-the-besmart-pw-4682'];

interface Evidence {
  local: string;
  session: string;
  /** Every address the page's main frame showed (loads and history changes). */
  addressBar: string[];
  /** Every request the page and its worker made. */
  requests: string[];
  console: string[];
}

interface Secrets {
  sids: string[];
  tokens: string[];
}

/** Every JSON property name in a storage dump, nested ones included. */
function propertyNames(json: string): string[] {
  const names: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      try {
        walk(JSON.parse(value));
      } catch {
        // a plain string value
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [name, inner] of Object.entries(value)) {
        names.push(name);
        walk(inner);
      }
    }
  };
  walk(json);
  return names;
}

/** Drops SAURES's own sid parameter from a /saures/ request URL: its API takes the sid there by spec. */
function withoutSauresSid(url: string): string {
  const u = new URL(url);
  if (u.pathname.startsWith('/saures/')) u.searchParams.delete('sid');
  return u.toString();
}

/** Lists every place a secret shows up where our rules forbid it. */
function findLeaks(e: Evidence, s: Secrets): string[] {
  const leaks: string[] = [];
  const check = (where: string, texts: string[], secret: string, what: string) => {
    for (const text of texts) if (text.includes(secret)) leaks.push(`${what} in ${where}: ${text}`);
  };
  const sessionValues = [
    ...s.sids.map((value) => ({ what: 'sid', value })),
    ...s.tokens.map((value) => ({ what: 'token', value })),
  ];
  for (const { what, value } of sessionValues) {
    check('localStorage', [e.local], value, what);
    check('the address bar', e.addressBar, value, what);
    check('the console', e.console, value, what);
  }
  for (const sid of s.sids) check('a request URL', e.requests.map(withoutSauresSid), sid, 'sid');
  for (const token of s.tokens) check('a request URL', e.requests, token, 'token');
  for (const password of TYPED_PASSWORDS) {
    check('localStorage', [e.local], password, 'typed password');
    check('sessionStorage', [e.session], password, 'typed password');
    check('the address bar', e.addressBar, password, 'typed password');
    check('a request URL', e.requests, password, 'typed password');
    check('the console', e.console, password, 'typed password');
  }
  // The demo passwords are words that also occur in logins ("demo@saures.ru",
  // "operator" is both login and password), so for them: no password field in
  // either storage, and no password parameter or value in any URL.
  for (const name of propertyNames(e.local)) if (/pass/i.test(name)) leaks.push(`a "${name}" field in localStorage`);
  for (const name of propertyNames(e.session))
    if (/pass/i.test(name)) leaks.push(`a "${name}" field in sessionStorage`);
  const demoPasswords = new Set([SAURES_DEMO.password, BESMART_DEMO.password]);
  for (const url of [...e.addressBar, ...e.requests]) {
    const u = new URL(url);
    for (const [name, value] of u.searchParams) {
      if (/pass/i.test(name) || demoPasswords.has(value)) leaks.push(`a password parameter in ${url}`);
    }
    if (u.pathname.split('/').some((segment) => demoPasswords.has(decodeURIComponent(segment)))) {
      leaks.push(`a password in the path of ${url}`);
    }
  }
  return leaks;
}

test(
  'no sid, token or password in localStorage, the address bar, request URLs or the console',
  { tag: '@both-versions' },
  async ({ page }) => {
    const secrets: Secrets = { sids: [], tokens: [] };
    const reading: Promise<void>[] = [];
    const evidence: Evidence = { local: '', session: '', addressBar: [], requests: [], console: [] };
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname !== SAURES_LOGIN && pathname !== BESMART_TOKEN) return;
      reading.push(
        response.json().then(
          (body: unknown) => {
            const sid = sauresLoginSchema.safeParse(body);
            if (sid.success) secrets.sids.push(sid.data.data.sid);
            const token = besmartTokenSchema.safeParse(body);
            if (token.success) secrets.tokens.push(token.data.token);
          },
          () => {},
        ),
      );
    });
    page.on('request', (request) => evidence.requests.push(request.url()));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) evidence.addressBar.push(frame.url());
    });
    const record = (msg: ConsoleMessage) => evidence.console.push(msg.text());
    page.on('console', record);
    page.on('worker', (worker) => worker.on('console', record));
    page.on('pageerror', (error) => evidence.console.push(`${error.name}: ${error.message}`));

    // Refused sign-ins with distinctive passwords first: typed passwords must leave no trace either.
    await page.goto('/signin');
    await signInSaures(page, { email: SAURES_DEMO.email, password: TYPED_PASSWORDS[0] ?? '' });
    await expect(page.getByRole('form', { name: 'Sign in to SAURES' }).getByRole('alert')).toBeVisible();
    await signInBesmart(page, { ...BESMART_DEMO, password: TYPED_PASSWORDS[1] ?? '' });
    await expect(page.getByRole('form', { name: 'Sign in to besmart' }).getByRole('alert')).toBeVisible();

    await signInWithDemoAccounts(page);
    await visitEveryPage(page);
    await Promise.all(reading);

    const collect = async (): Promise<Evidence> => ({
      ...evidence,
      ...(await page.evaluate(() => ({
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
      }))),
    });
    const seen = await collect();
    // The checks run on real values: the session is where the rules put it.
    expect(secrets.sids).not.toEqual([]);
    expect(secrets.tokens).not.toEqual([]);
    expect(seen.session).toContain(secrets.sids.at(-1));
    expect(seen.session).toContain(secrets.tokens.at(-1));
    expect(seen.requests.some((url) => url.includes('/signals/') && url.includes('/data'))).toBe(true);
    expect(seen.addressBar.some((url) => url.includes('/sensors/1.5'))).toBe(true);

    expect(findLeaks(seen, secrets)).toEqual([]);

    // And the checks can fail: a sid written to localStorage is caught.
    const sid = secrets.sids.at(-1) ?? '';
    await page.evaluate((value) => localStorage.setItem('canary', JSON.stringify({ value })), sid);
    expect(findLeaks(await collect(), secrets)).toEqual([expect.stringMatching(/^sid in localStorage/)]);
  },
);

/**
 * Whether the characters of `text`, where it first stands in a text node
 * inside `scope`, are drawn left to right as written (a right-to-left
 * override leaking out of a name before it would draw "1.2" as "2.1").
 */
function drawnInOrder(scope: Locator, text: string): Promise<boolean> {
  return scope.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const lefts = [...wanted].map((_, i) => {
        const range = document.createRange();
        range.setStart(node, at + i);
        range.setEnd(node, at + i + 1);
        return range.getBoundingClientRect().left;
      });
      return lefts.every((left, i) => i === 0 || left > (lefts[i - 1] ?? left));
    }
    throw new Error(`"${wanted}" is not in the element`);
  }, text);
}

test('a sensor name with a right-to-left override does not reorder the id beside it', async ({ page, signedIn }) => {
  await signedIn('besmart');
  await page.goto('/sensors/1.2');
  const edit = page.getByRole('form', { name: 'Edit sensor' });
  await edit.getByLabel('Name').fill('Boiler room \u202e');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByText('Saved.')).toBeVisible();

  const heading = page.getByRole('heading', { level: 1, name: /Boiler room/ });
  await expect(heading).toBeVisible();
  expect(await drawnInOrder(heading, '1.2')).toBe(true);

  await page.getByRole('button', { name: 'Delete sensor' }).click();
  const question = page.getByRole('alertdialog');
  await expect(question).toContainText('Boiler room');
  expect(await drawnInOrder(question, '(1.2)')).toBe(true);
  await question.getByRole('button', { name: 'Cancel' }).click();

  await page.goto('/sensors');
  const row = page.getByRole('table', { name: 'Watched sensors' }).getByRole('row', { name: /Boiler room/ });
  await expect(row).toBeVisible();
  expect(await drawnInOrder(row, '1.2')).toBe(true);
  await row.getByRole('button', { name: 'Remove sensor 1.2' }).click();
  const remove = page.getByRole('alertdialog');
  await expect(remove).toContainText('Boiler room');
  expect(await drawnInOrder(remove, '(1.2)')).toBe(true);
});

test('a 3,000-character word from the server wraps: no page grows wider than the screen', async ({
  page,
  signedIn,
}) => {
  await signedIn('besmart');
  await page.goto('/sensors/1.2');
  const edit = page.getByRole('form', { name: 'Edit sensor' });
  const word = 'x'.repeat(3000);
  await edit.getByLabel('Name').fill(`Boiler${'y'.repeat(190)}`);
  await edit.getByLabel('Comments').fill(word);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByText('Saved.')).toBeVisible();
  for (const width of [1440, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/sensors/1.2', '/sensors']) {
      await page.goto(path);
      await expect(page.getByText(/Boilery/).first()).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ path, width, overflow }).toEqual({ path, width, overflow: 0 });
    }
  }
});
