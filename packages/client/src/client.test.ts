/** The typed client against a real API server on 127.0.0.1 (local mode, demo seed). */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { buildRuntime, createApp } from '@lending/api';
import { parseConfig, seedDemoData } from '@lending/core';
import { createTestDatabase, LENDER_ORIGIN, type TestDatabase } from '@lending/core/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLendingClient, isApiError } from './index.ts';

let database: TestDatabase;
let server: ReturnType<typeof serve>;
let baseUrl: string;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const runtime = buildRuntime(
    parseConfig({ LENDING_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lending-client-')) }),
    database.db,
  );
  await seedDemoData(database.db, runtime.localIdentity!);
  server = serve({ fetch: createApp(runtime).fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { users } = (await (await fetch(`${baseUrl}/api/local-auth/users`)).json()) as {
    users: Array<{ id: string; email: string }>;
  };
  const admin = users.find((u) => u.email === 'admin@demo-lending.test')!;
  const session = await fetch(`${baseUrl}/api/local-auth/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: LENDER_ORIGIN },
    body: JSON.stringify({ userId: admin.id }),
  });
  token = ((await session.json()) as { token: string }).token;
});
afterAll(async () => {
  server.close();
  await database.close();
});

it('calls procedures with types, the token and the organization', async () => {
  const client = createLendingClient({ baseUrl, getToken: () => token });
  const me = await client.auth.me.query();
  const organizationId = me.accesses[0]!.organizationId;
  const scoped = createLendingClient({ baseUrl, getToken: async () => token, organizationId });
  const { members } = await scoped.team.listMembers.query();
  expect(members.map((m) => m.email)).toContain('admin@demo-lending.test');
});

it('surfaces refusals as API errors with the server message', async () => {
  const client = createLendingClient({ baseUrl, getToken: () => null });
  const error = await client.auth.me.query().catch((e: unknown) => e);
  expect(isApiError(error)).toBe(true);
  expect((error as Error).message).toBe('Sign in to continue.');
});
