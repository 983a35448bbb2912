import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,models,electron,renderer,tests}/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'out/**', 'tests/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
