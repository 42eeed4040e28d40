// Fails when the JS the sign-in route loads before it runs (dist/index.html's
// module script and its preloads) exceeds the budget, gzip. Run after `vite build`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.SIGNIN_JS_BUDGET_KB ?? 120);
const html = readFileSync('dist/index.html', 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
if (files.length === 0) {
  console.error('check-bundle: no scripts found in dist/index.html');
  process.exit(1);
}
let total = 0;
for (const f of files) total += gzipSync(readFileSync(`dist/${f}`), { level: 9 }).length;
const kb = total / 1024;
const line = `sign-in route initial JS: ${kb.toFixed(1)} KB gzip in ${files.length} files (budget ${BUDGET_KB} KB)`;
if (kb > BUDGET_KB) {
  console.error(`check-bundle: over budget — ${line}`);
  process.exit(1);
}
console.log(line);
