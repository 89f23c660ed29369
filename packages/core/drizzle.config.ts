import { defineConfig } from 'drizzle-kit';

// `generate` only needs the schema; migrations are applied by `lending migrate` or on start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
});
