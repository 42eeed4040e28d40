import { defineConfig } from 'vite';

/*
 * Bundles the production server (server/serve.ts, with the proxy and the
 * built-in fakes) into one file, dist-server/serve.mjs, that Node (20.19 or newer) runs
 * as it is: no TypeScript loader at run time, and nothing from devDependencies.
 */
export default defineConfig({
  // The app's public/ files belong to dist/, not here.
  publicDir: false,
  build: {
    ssr: 'server/serve.ts',
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'serve.mjs' } },
  },
  // Everything in the one file, zod included, so `npm ci --omit=dev` (or no install at all) is enough.
  ssr: { noExternal: true, target: 'node' },
});
