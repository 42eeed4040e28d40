// npm run demo:record: runs the recorded demos (demo/*.demo.ts, their own
// Playwright config) and says what they wrote to demo-output/. Arguments are
// passed on to Playwright (e.g. `npm run demo:record -- resident`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const output = path.resolve(process.env.DEMO_OUTPUT ?? 'demo-output');
const started = Date.now();
const run = spawnSync(
  'npx',
  ['playwright', 'test', '--config', 'demo/playwright.demo.config.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', shell: process.platform === 'win32' },
);

/** Files under dir (one level of journey folders) written since this run started. */
function written(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return written(file);
    return statSync(file).mtimeMs >= started - 1000 ? [file] : [];
  });
}

const files = written(output).sort();
const shots = files.filter((f) => f.endsWith('.png'));
const videos = files.filter((f) => f.endsWith('.webm'));
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `\nRecorded demos: ${shots.length} screenshot(s) and ${videos.length} video(s) in ${output} (${seconds} s)`,
);
for (const f of files) console.log(`  ${path.relative(output, f)}`);
if (videos.length === 0 && process.env.DEMO_VIDEO !== '0') {
  console.log(
    'No video: Playwright records video with its own ffmpeg build, which is not installed here.\n' +
      'Run `npx playwright install ffmpeg` where downloads work to get demo-output/<journey>.webm too.',
  );
}
if (run.error) console.error(`Could not start Playwright: ${run.error.message}`);
process.exit(run.status ?? 1);
