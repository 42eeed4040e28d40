// e2e and `npm run serve` run the production build: build it first when
// dist/ (the app) or dist-server/ (the bundled server) is missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync('dist/index.html') || !existsSync('dist-server/serve.mjs')) {
  console.log('No complete build in dist/ and dist-server/: running npm run build first.');
  execSync('npm run build', { stdio: 'inherit' });
}
