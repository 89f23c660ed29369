/**
 * The API alone in its own process for `bench:upload`: production configuration, the embedded
 * PGlite database, local-disk storage in a temporary directory, one borrower with an application.
 * It samples its own RSS every 10 ms and reports the peak when asked (IPC), so the figure is the
 * API's memory only, not the client's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { buildRuntime, createApp } from '@lending/api';
import { migrateDatabase, openDatabase, parseConfig, schema } from '@lending/core';
import {
  clerkSessionJson,
  clerkUserJson,
  createSigningKey,
  makeApplicationWithChecklist,
  signedWebhook,
  signSessionToken,
  TEST_WEBHOOK_SECRET,
} from '@lending/core/testing';

const dataDir = mkdtempSync(path.join(tmpdir(), 'lending-bench-upload-'));
// PostgreSQL when the parent made a database for us (as production runs), else the embedded PGlite.
const databaseUrl = process.env.BENCH_DATABASE_URL;
const handle = await openDatabase(
  databaseUrl ? { driver: 'postgres', url: databaseUrl, maxConnections: 4 } : { driver: 'pglite' },
);
await migrateDatabase(handle);
const key = createSigningKey();
const config = parseConfig({
  NODE_ENV: 'production',
  CLERK_SECRET_KEY: 'sk_live_benchmark',
  CLERK_JWT_KEY: key.publicKeyPem,
  CLERK_WEBHOOK_SIGNING_SECRET: TEST_WEBHOOK_SECRET,
  LENDING_DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  ...(process.env.BENCH_MAX_UPLOAD_BYTES
    ? { DOCUMENTS_MAX_UPLOAD_BYTES: process.env.BENCH_MAX_UPLOAD_BYTES }
    : {}),
  ...(process.env.BENCH_STORAGE_ENV ? JSON.parse(process.env.BENCH_STORAGE_ENV) : {}),
});
const app = createApp(buildRuntime(config, handle.db, { databaseDriver: handle.driver }));

const user = clerkUserJson({ email: 'bench-upload@example.test' });
const session = clerkSessionJson(user.id);
for (const w of [signedWebhook('user.created', user), signedWebhook('session.created', session)]) {
  await app.request('/api/webhooks/clerk', { method: 'POST', headers: w.headers, body: w.body });
}
const [org] = await handle.db
  .insert(schema.organizations)
  .values({ name: 'Bench Lending', slug: 'bench-lending', createdBy: user.id })
  .returning();
await handle.db
  .insert(schema.userPortalAccess)
  .values({ userId: user.id, organizationId: org!.id, portal: 'borrower', role: 'borrower' });
const application = await makeApplicationWithChecklist(handle.db, org!, { userId: user.id });
const token = await signSessionToken(key, {
  userId: user.id,
  sessionId: session.id,
  azp: 'http://localhost:5174',
  expiresIn: 3600,
});

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((resolve) => server.once('listening', resolve));

globalThis.gc?.();
let peak = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 10);

// The benchmark went away (finished or failed): do not outlive it.
process.on('disconnect', () => process.exit(0));

process.on('message', async (message: { type: string }) => {
  if (message.type === 'reset') {
    globalThis.gc?.();
    peak = process.memoryUsage.rss();
    process.send!({ type: 'reset', baseline: peak });
  }
  if (message.type === 'report') process.send!({ type: 'report', peak });
  if (message.type === 'stop') {
    clearInterval(sampler);
    server.close();
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});

process.send!({
  type: 'ready',
  port: (server.address() as AddressInfo).port,
  token,
  organizationId: org!.id,
  applicationId: application.id,
});
