// e2e runs against the production build: build it first when dist/ is missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync('dist/index.html')) {
  console.log('No build in dist/: running npm run build first.');
  execSync('npm run build', { stdio: 'inherit' });
}
