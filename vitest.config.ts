// Test projects: unit (node), ui (jsdom + Testing Library), parity (INT8 kernels vs the TS reference, node), e2e (real Chromium through playwright-core),
// obs (a real headless OBS; run it through npm run test:obs, which gives it a private network namespace).
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
      {
        extends: true,
        test: {
          name: 'obs', environment: 'node', include: ['tests/obs/**/*.test.ts'], pool: 'forks',
          // Node 20 has WebSocket only behind this flag (Node 22 has it by default); the client uses it like the page's.
          execArgv: typeof globalThis.WebSocket === 'function' ? [] : ['--experimental-websocket'],
          testTimeout: 30_000, hookTimeout: 60_000, fileParallelism: false,
        },
      },
    ],
  },
});
