import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: engine, CLI and extension logic (WXT's fake browser). End-to-end tests in a real
// Chromium live in vitest.e2e.config.ts.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'node',
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.tsx',
      'entrypoints/**/*.test.ts',
      'test/unit/**/*.test.ts',
    ],
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
  },
});
