/** Local mode: the embedded identity provider signs Clerk-shaped tokens and sends svix-signed webhooks. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, seedDemoData } from '@lending/core';
import { createTestDatabase, LENDER_ORIGIN, type TestDatabase } from '@lending/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { buildRuntime } from './services.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
let runtime: ReturnType<typeof buildRuntime>;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = parseConfig({
    NODE_ENV: 'development',
    LENDING_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lending-local-')),
  });
  runtime = buildRuntime(config, database.db);
  app = createApp(runtime);
  await seedDemoData(database.db, runtime.localIdentity!);
});
afterAll(() => database.close());

const json = (body: unknown) => ({
  'content-type': 'application/json',
  origin: LENDER_ORIGIN,
  body: JSON.stringify(body),
});
async function postJson(url: string, body: unknown) {
  const { body: payload, ...headers } = json(body);
  return app.request(url, { method: 'POST', headers, body: payload });
}

describe('local identity provider', () => {
  it('runs in local mode and lists the seeded users with what they can do', async () => {
    expect(runtime.config.auth.mode).toBe('local');
    const { users } = (await (await app.request('/api/local-auth/users')).json()) as {
      users: Array<{ email: string; description: string }>;
    };
    expect(users.map((u) => u.email)).toEqual(
      expect.arrayContaining([
        'admin@demo-lending.test',
        'underwriter@demo-lending.test',
        'borrower1@demo-lending.test',
      ]),
    );
    expect(users.find((u) => u.email === 'admin@demo-lending.test')?.description).toBe(
      'Lender admin at Demo Lending',
    );
  });

  it('the demo seed shows a pipeline in every state next to loans being serviced', async () => {
    const { APPLICATION_STATUSES, schema } = await import('@lending/core');
    const { count, eq } = await import('drizzle-orm');
    const [org] = await database.db
      .select({ id: schema.organizations.id })
      .from(schema.organizations)
      .where(eq(schema.organizations.slug, 'demo-lending'));
    const statuses = await database.db
      .selectDistinct({ status: schema.applications.status })
      .from(schema.applications)
      .where(eq(schema.applications.organizationId, org!.id));
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(APPLICATION_STATUSES));
    const [loans] = await database.db
      .select({ n: count() })
      .from(schema.loans)
      .where(eq(schema.loans.organizationId, org!.id));
    expect(Number(loans!.n)).toBeGreaterThanOrEqual(9); // eight serviced loans and the pipeline's funded one
  });

  it('seeding twice changes nothing', async () => {
    expect(await seedDemoData(database.db, runtime.localIdentity!)).toEqual({ created: false });
  });

  it('creates a user, signs in, refreshes and signs out through the same verification path', async () => {
    const created = await postJson('/api/local-auth/users', {
      email: 'New.Person@example.test',
      firstName: 'New',
      lastName: 'Person',
    });
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string; email: string } };
    expect(user.email).toBe('new.person@example.test');
    const duplicate = await postJson('/api/local-auth/users', {
      email: 'new.person@example.test',
      firstName: 'N',
      lastName: 'P',
    });
    expect(duplicate.status).toBe(409);

    const session = (await (await postJson('/api/local-auth/sessions', { userId: user.id })).json()) as {
      sessionId: string;
      token: string;
    };
    const me = await app.request('/trpc/auth.me', { headers: { authorization: `Bearer ${session.token}` } });
    expect(me.status).toBe(200);

    const refreshed = await postJson(`/api/local-auth/sessions/${session.sessionId}/token`, {});
    expect(refreshed.status).toBe(200);

    expect(
      (
        await app.request(`/api/local-auth/sessions/${session.sessionId}`, {
          method: 'DELETE',
          headers: { origin: LENDER_ORIGIN },
        })
      ).status,
    ).toBe(204);
    expect(
      (await app.request('/trpc/auth.me', { headers: { authorization: `Bearer ${session.token}` } })).status,
    ).toBe(401);
    const afterSignOut = await postJson(`/api/local-auth/sessions/${session.sessionId}/token`, {});
    expect(afterSignOut.status).toBe(401);
  });

  it('refuses sign-in from an origin that is not a portal, and bad input with a readable 400', async () => {
    const { users } = (await (await app.request('/api/local-auth/users')).json()) as {
      users: Array<{ id: string }>;
    };
    const evil = await app.request('/api/local-auth/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ userId: users[0]!.id }),
    });
    expect(evil.status).toBe(403);
    const bad = await postJson('/api/local-auth/users', { email: 'nope', firstName: '', lastName: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/valid email/);
  });

  it('refuses a cross-site form post and calls without a portal Origin, and creates nothing', async () => {
    const before = ((await (await app.request('/api/local-auth/users')).json()) as { users: unknown[] }).users
      .length;
    const form = await app.request('/api/local-auth/users', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: LENDER_ORIGIN },
      body: 'email=forged%40example.test&firstName=F&lastName=G',
    });
    expect(form.status).toBe(415);
    const crossSite = await app.request('/api/local-auth/users', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: JSON.stringify({ email: 'forged@example.test', firstName: 'F', lastName: 'G' }),
    });
    expect(crossSite.status).toBe(403);
    const noOrigin = await app.request('/api/local-auth/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'forged@example.test', firstName: 'F', lastName: 'G' }),
    });
    expect(noOrigin.status).toBe(403);
    const after = ((await (await app.request('/api/local-auth/users')).json()) as { users: unknown[] }).users
      .length;
    expect(after).toBe(before);
  });

  it('limits new local users per address, and the refused one is not created', async () => {
    const { createRateLimits } = await import('@lending/core');
    const limited = createApp(
      buildRuntime(runtime.config, database.db, {
        rateLimits: createRateLimits(database.db, 'pglite', { localSignUp: { points: 2 } }),
      }),
    );
    const create = (n: number) =>
      limited.request('/api/local-auth/users', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: LENDER_ORIGIN,
          'x-forwarded-for': '203.0.113.80',
        },
        body: JSON.stringify({ email: `limited-${n}@example.test`, firstName: 'L', lastName: `N${n}` }),
      });
    expect([(await create(1)).status, (await create(2)).status, (await create(3)).status]).toEqual([
      201, 201, 429,
    ]);
    const { users } = (await (await limited.request('/api/local-auth/users')).json()) as {
      users: Array<{ email: string }>;
    };
    expect(users.map((u) => u.email)).not.toContain('limited-3@example.test');
  });

  it('the webhook endpoint accepts only deliveries signed with the local secret', async () => {
    const response = await app.request('/api/webhooks/clerk', {
      method: 'POST',
      headers: {
        'svix-id': 'msg_1',
        'svix-timestamp': String(Math.floor(Date.now() / 1000)),
        'svix-signature': 'v1,AAAA',
      },
      body: '{}',
    });
    expect(response.status).toBe(400);
  });
});
