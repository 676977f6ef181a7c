// Test projects: unit (node), ui (jsdom + Testing Library), parity (INT8 kernels vs the TS reference, node), e2e (real Chromium through playwright-core).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    globals: true,
    projects: [
      // CPU-bound training tests run next to the browser tests: give them room on a loaded 2-core machine.
      { extends: true, test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000 } },
      { extends: true, test: { name: 'ui', environment: 'jsdom', include: ['tests/ui/**/*.test.tsx'] } },
      {
        extends: true,
        test: {
          name: 'parity', environment: 'node', include: ['tests/parity/**/*.test.ts'],
          globalSetup: ['tests/parity/global-setup.ts'], testTimeout: 60_000, hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e', environment: 'node', include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false,
        },
      },
    ],
  },
});
