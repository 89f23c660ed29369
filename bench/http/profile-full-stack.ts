// Where a request's time goes: sequential in-process timings of the full stack and its parts (PostgreSQL).
import { randomBytes } from 'node:crypto';
import { loadTestConfig, migrateDatabase, openDatabase, parseConfig, schema } from '@lending/core';
import {
  clerkSessionJson,
  clerkUserJson,
  createSigningKey,
  signedWebhook,
  signSessionToken,
  TEST_WEBHOOK_SECRET,
} from '@lending/core/testing';
import pg from 'pg';
import { createApp } from '../../apps/api/src/app.ts';
import { buildRuntime } from '../../apps/api/src/services.ts';

const adminUrl = loadTestConfig().postgresAdminUrl;
const dbName = `lending_prof_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const handle = await openDatabase({ driver: 'postgres', url: url.toString() });
await migrateDatabase(handle);
const key = createSigningKey();
const config = parseConfig({
  NODE_ENV: 'production',
  CLERK_SECRET_KEY: 'sk_live_x',
  CLERK_JWT_KEY: key.publicKeyPem,
  CLERK_WEBHOOK_SIGNING_SECRET: TEST_WEBHOOK_SECRET,
  DATABASE_URL: url.toString(),
});
const runtime = buildRuntime(config, handle.db);
const app = createApp(runtime);
const user = clerkUserJson({});
const session = clerkSessionJson(user.id);
for (const w of [signedWebhook('user.created', user), signedWebhook('session.created', session)])
  await app.request('/api/webhooks/clerk', { method: 'POST', headers: w.headers, body: w.body });
const [org] = await handle.db
  .insert(schema.organizations)
  .values({ name: 'P', slug: 'p', createdBy: user.id })
  .returning();
await handle.db
  .insert(schema.userPortalAccess)
  .values({ userId: user.id, organizationId: org!.id, portal: 'borrower', role: 'borrower' });
const token = await signSessionToken(key, {
  userId: user.id,
  sessionId: session.id,
  azp: 'http://localhost:5174',
  expiresIn: 3600,
});
const headers = { authorization: `Bearer ${token}`, 'x-organization-id': org!.id };
async function time(label: string, n: number, f: () => Promise<unknown>) {
  for (let i = 0; i < 100; i++) await f();
  const t = performance.now();
  for (let i = 0; i < n; i++) await f();
  console.log(label.padEnd(30), ((performance.now() - t) / n).toFixed(3), 'ms');
}
const { Hono } = await import('hono');
const { eq } = await import('drizzle-orm');
const bare = new Hono().get('/o', async (c) => {
  const [row] = await handle.db
    .select({ id: schema.organizations.id, name: schema.organizations.name, slug: schema.organizations.slug })
    .from(schema.organizations)
    .where(eq(schema.organizations.id, org!.id));
  return c.json({ organization: row });
});
await time('bare hono + query', 2000, async () => (await bare.request('/o')).text());
await time('one drizzle query', 2000, () =>
  handle.db.select().from(schema.organizations).where(eq(schema.organizations.id, org!.id)),
);
await time('verifyClaims (cached)', 2000, () =>
  runtime.services.authenticator.verifyClaims(`Bearer ${token}`),
);
await time('full stack borrower.home', 2000, async () => {
  const r = await app.request('/trpc/borrower.home', { headers });
  await r.text();
});
await time('health.check (public tRPC)', 2000, async () => (await app.request('/trpc/health.check')).text());
await time('authenticate only', 2000, () => runtime.services.authenticator.authenticate(`Bearer ${token}`));
await time('GET /health (select 1)', 2000, async () => (await app.request('/health')).text());
// Round trips per request: count the queries the pg client sends.
let queries = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries += 1;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;
for (const [label, f] of [
  ['full stack borrower.home', async () => (await app.request('/trpc/borrower.home', { headers })).text()],
  ['bare hono + query', async () => (await bare.request('/o')).text()],
] as const) {
  queries = 0;
  for (let i = 0; i < 100; i++) await f();
  console.log(label.padEnd(30), queries / 100, 'queries/request');
}
pg.Client.prototype.query = originalQuery;
await handle.close();
await admin.query(`drop database ${dbName} with (force)`);
await admin.end();
