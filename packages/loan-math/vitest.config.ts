import { defineConfig } from 'vitest/config';

/** Pure computations: no database, so the shared Node settings (timeouts for PGlite) are not needed. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    maxWorkers: 2,
  },
});
