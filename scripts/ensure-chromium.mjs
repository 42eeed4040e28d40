// Makes sure Debian's Chromium is there for Playwright (its own browser
// download does not work on these machines). Installs it with apt-get when
// running as root; otherwise prints the exact command and fails.
//
//   node scripts/ensure-chromium.mjs           Debian's headless shell (the e2e tests)
//   node scripts/ensure-chromium.mjs chromium  the full browser (the bench, whose figures were taken with it, and the demo videos)
//
// The headless shell is the build Playwright itself uses for headless runs:
// no browser UI to start, so a new page is cheaper; the e2e suite ran a
// quarter faster on it here than on the full browser.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const browsers = {
  'headless-shell': { path: '/usr/bin/chromium-headless-shell', pkg: 'chromium-headless-shell' },
  chromium: { path: '/usr/bin/chromium', pkg: 'chromium' },
};
const kind = process.argv[2] ?? 'headless-shell';
const browser = browsers[kind];
if (!browser) {
  console.error(`Unknown browser "${kind}": use one of ${Object.keys(browsers).join(', ')}.`);
  process.exit(1);
}

if (process.env.CHROMIUM_PATH) {
  if (existsSync(process.env.CHROMIUM_PATH)) process.exit(0);
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist. Fix it or unset it.`);
  process.exit(1);
}
if (existsSync(browser.path)) process.exit(0);

const command = `apt-get update && apt-get install -y ${browser.pkg}`;
if (typeof process.getuid === 'function' && process.getuid() === 0) {
  if (!existsSync('/usr/bin/apt-get')) {
    console.error(
      `${browser.path} is missing and this machine has no apt-get. Install Chromium and set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log(`${browser.path} not found; installing Debian's ${browser.pkg}: ${command}`);
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (existsSync(browser.path)) process.exit(0);
  console.error(`apt-get finished but ${browser.path} is still missing.`);
  process.exit(1);
}
console.error(
  `${browser.path} is missing. Install it first (as root):\n  sudo sh -c '${command}'\nor set CHROMIUM_PATH to an existing Chromium binary.`,
);
process.exit(1);
