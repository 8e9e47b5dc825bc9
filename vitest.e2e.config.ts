import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in a real Chromium, against the local HTTPS fake
// exchange. Run by `npm test` after `wxt build` (or `npm run test:e2e`).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
