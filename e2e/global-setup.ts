import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The workers' servers serve a copy of the build taken when the run
 * starts, so a rebuild of dist/ meanwhile (another `npm run build`) cannot
 * pull files from under a running page: its asset names would change.
 */
export default function globalSetup(): () => void {
  if (!existsSync('dist/index.html')) throw new Error('No build in dist/: run npm run build first.');
  const copy = mkdtempSync(path.join(tmpdir(), 'meterdeck-e2e-dist-'));
  cpSync('dist', copy, { recursive: true });
  process.env.E2E_DIST = copy;
  return () => rmSync(copy, { recursive: true, force: true });
}
