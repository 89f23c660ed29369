/**
 * Where a request's time goes: sequential, in-process timings of the full stack and of its parts
 * on PostgreSQL, and how many queries each request sends (a round trip is the costliest part).
 *
 *   pnpm --filter @lending/bench bench:http:parts
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { startBenchStack } from './bench-stack.ts';

const stack = await startBenchStack();
const { app, bare, headers, runtime } = stack;

async function time(label: string, n: number, f: () => Promise<unknown>) {
  for (let i = 0; i < 100; i++) await f();
  const start = performance.now();
  for (let i = 0; i < n; i++) await f();
  console.log(`  ${label.padEnd(34)} ${((performance.now() - start) / n).toFixed(3)} ms`);
}

console.log('Sequential, in-process, per request:');
await time('bare Hono + one-row query', 2000, async () => (await bare.request('/organization')).text());
await time('full stack: borrower.home', 2000, async () =>
  (await app.request('/trpc/borrower.home', { headers })).text(),
);
await time('  token check (cached claims)', 2000, () =>
  runtime.services.authenticator.verifyClaims(headers.authorization),
);
await time('  public tRPC query (select 1)', 2000, async () =>
  (await app.request('/trpc/health.check')).text(),
);
await time('  plain Hono route (select 1)', 2000, async () => (await app.request('/health')).text());
await time('  one query (select 1)', 2000, () => runtime.services.db.execute(sql`select 1`));

// Round trips per request: count the queries the pg client sends.
let queries = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries += 1;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;
for (const [label, request] of [
  ['full stack: borrower.home', async () => (await app.request('/trpc/borrower.home', { headers })).text()],
  ['bare Hono + one-row query', async () => (await bare.request('/organization')).text()],
] as const) {
  queries = 0;
  for (let i = 0; i < 100; i++) await request();
  console.log(`  ${label.padEnd(34)} ${queries / 100} queries/request`);
}
pg.Client.prototype.query = originalQuery;
await stack.close();
