import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

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
  },
});
