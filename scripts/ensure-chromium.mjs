// Makes sure Debian's Chromium is there for Playwright (its own browser
// download does not work on these machines). Installs it with apt-get when
// running as root; otherwise prints the exact command and fails.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const command = 'apt-get update && apt-get install -y chromium';
if (path !== '/usr/bin/chromium') {
  console.error(
    `CHROMIUM_PATH is set to ${path}, which does not exist. Fix it or unset it to use Debian's /usr/bin/chromium.`,
  );
  process.exit(1);
}
if (typeof process.getuid === 'function' && process.getuid() === 0) {
  if (!existsSync('/usr/bin/apt-get')) {
    console.error(`Chromium is missing and this machine has no apt-get. Install Chromium and set CHROMIUM_PATH to it.`);
    process.exit(1);
  }
  console.log(`Chromium not found at ${path}; installing Debian's chromium: ${command}`);
  execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (existsSync(path)) process.exit(0);
  console.error(`apt-get finished but ${path} is still missing.`);
  process.exit(1);
}
console.error(
  `Chromium is missing at ${path}. Install it first (as root):\n  sudo sh -c '${command}'\nor set CHROMIUM_PATH to an existing Chromium binary.`,
);
process.exit(1);
