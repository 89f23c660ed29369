import { defineConfig } from 'vitest/config';

/** The test settings of the Node packages (core, cli, client, api): each imports this. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: two files at a time, each with its own database.
    maxWorkers: 2,
  },
});
