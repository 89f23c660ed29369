/**
 * What both HTTP benchmarks measure: the API (production config, networkless token verification)
 * on a fresh PostgreSQL database with one signed-in borrower, and a bare Hono app running the same
 * one-row read on the same database.
 */
import { randomBytes } from 'node:crypto';
import { buildRuntime, createApp } from '@lending/api';
import { loadTestConfig, migrateDatabase, openDatabase, parseConfig, schema } from '@lending/core';
import {
  clerkSessionJson,
  clerkUserJson,
  createSigningKey,
  signedWebhook,
  signSessionToken,
  TEST_WEBHOOK_SECRET,
} from '@lending/core/testing';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import pg from 'pg';

export async function startBenchStack() {
  const adminUrl = loadTestConfig().postgresAdminUrl;
  const dbName = `lending_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const handle = await openDatabase({ driver: 'postgres', url: url.toString(), maxConnections: 16 });
  await migrateDatabase(handle);

  const key = createSigningKey();
  const config = parseConfig({
    NODE_ENV: 'production',
    CLERK_SECRET_KEY: 'sk_live_benchmark',
    CLERK_JWT_KEY: key.publicKeyPem,
    CLERK_WEBHOOK_SIGNING_SECRET: TEST_WEBHOOK_SECRET,
    DATABASE_URL: url.toString(),
  });
  const runtime = buildRuntime(config, handle.db);
  const app = createApp(runtime);

  // A borrower of one organization, signed in the way Clerk reports it.
  const user = clerkUserJson({ email: 'bench@example.test' });
  const session = clerkSessionJson(user.id);
  for (const w of [signedWebhook('user.created', user), signedWebhook('session.created', session)]) {
    await app.request('/api/webhooks/clerk', { method: 'POST', headers: w.headers, body: w.body });
  }
  const [org] = await handle.db
    .insert(schema.organizations)
    .values({ name: 'Bench Lending', slug: 'bench-lending', createdBy: user.id })
    .returning();
  const organizationId = org!.id;
  await handle.db
    .insert(schema.userPortalAccess)
    .values({ userId: user.id, organizationId, portal: 'borrower', role: 'borrower' });
  const token = await signSessionToken(key, {
    userId: user.id,
    sessionId: session.id,
    azp: 'http://localhost:5174',
    expiresIn: 3600,
  });

  // The same one-row read, with nothing around it.
  const bare = new Hono().get('/organization', async (c) => {
    const [row] = await handle.db
      .select({
        id: schema.organizations.id,
        name: schema.organizations.name,
        slug: schema.organizations.slug,
      })
      .from(schema.organizations)
      .where(eq(schema.organizations.id, organizationId));
    return c.json({ organization: row });
  });

  return {
    app,
    bare,
    runtime,
    token,
    /** Headers of an authorized borrower-portal call. */
    headers: { authorization: `Bearer ${token}`, 'x-organization-id': organizationId },
    async close() {
      await handle.close();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    },
  };
}
