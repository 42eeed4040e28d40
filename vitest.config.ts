import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';

export default defineConfig({
  plugins: [react()],
  test: {
    globals: true,
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'server/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    // After-hooks run in reverse order (vitest's default, relied on): a file's own afterEach (e.g. putting
    // its clock back) runs before the harness's (src/test/server.ts), which reseeds the fakes by that clock.
    sequence: { hooks: 'stack' },
    // A limit, not a speed check: CI machines are shared and a cold jsdom + lazy chunk can take seconds.
    testTimeout: 20_000,
    // Vitest's default is one worker fewer than the cores: on a 2-core machine that is one worker, and
    // the unit run took 100 s here; two took 69 s.
    maxWorkers: availableParallelism(),
  },
});
