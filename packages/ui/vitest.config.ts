import { defineConfig } from 'vitest/config';

// A time zone west of UTC, where treating a plain date as midnight UTC would show the day before.
process.env.TZ = 'America/Los_Angeles';

export default defineConfig({ test: { include: ['src/**/*.test.ts'] } });
