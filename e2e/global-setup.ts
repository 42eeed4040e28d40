import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The workers' servers (and the smoke test's npm run serve) serve a copy of
 * the build taken when the run starts, so a rebuild of dist/ meanwhile (another `npm run build`) cannot
 * pull files from under a running page: its asset names would change.
 */
export default function globalSetup(): () => void {
  if (!existsSync('dist/index.html') || !existsSync('dist-server/serve.mjs'))
    throw new Error('No complete build in dist/ and dist-server/: run npm run build first.');
  const copy = mkdtempSync(path.join(tmpdir(), 'meterdeck-e2e-dist-'));
  cpSync('dist', path.join(copy, 'dist'), { recursive: true });
  cpSync('dist-server', path.join(copy, 'dist-server'), { recursive: true });
  process.env.E2E_DIST = path.join(copy, 'dist');
  process.env.E2E_SERVE = path.join(copy, 'dist-server', 'serve.mjs');
  return () => rmSync(copy, { recursive: true, force: true });
}
