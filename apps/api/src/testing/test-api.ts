/**
 * One API per test file: a fresh database on the chosen target, a signing key standing in for the
 * Clerk instance (served as JWKS by a fake Backend API on 127.0.0.1), and helpers to act as users.
 * Everything else is the real code: @clerk/backend verification, svix, tRPC, Hono, Drizzle.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AppConfig, createRateLimits, parseConfig, type RateLimitName, schema } from '@lending/core';
import {
  clerkSessionJson,
  clerkUserJson,
  createSigningKey,
  createTestDatabase,
  type FakeClerkApi,
  LENDER_ORIGIN,
  signedWebhook,
  signSessionToken,
  startFakeClerkApi,
  TEST_WEBHOOK_SECRET,
  type TestDatabase,
  type TestSigningKey,
  testId,
} from '@lending/core/testing';
import { createApp } from '../app.ts';
import { buildRuntime } from '../services.ts';

export interface TestApi {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  db: TestDatabase['db'];
  key: TestSigningKey;
  clerkApi: FakeClerkApi;
  config: AppConfig;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Smaller limits, so a test reaches them in a few requests. */
  rateLimits?: Partial<Record<RateLimitName, { points: number; duration?: number }>>;
}

export async function createTestApi(
  env: Record<string, string> = {},
  options: TestApiOptions = {},
): Promise<TestApi> {
  const database = await createTestDatabase();
  const key = createSigningKey();
  const clerkApi = await startFakeClerkApi();
  clerkApi.jwks.push(key.publicJwk);
  const config = parseConfig({
    NODE_ENV: 'test',
    CLERK_SECRET_KEY: 'sk_test_lendingostestkey',
    CLERK_JWT_KEY: key.publicKeyPem,
    CLERK_API_URL: clerkApi.url,
    CLERK_WEBHOOK_SIGNING_SECRET: TEST_WEBHOOK_SECRET,
    LENDING_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lending-api-test-')),
    ...env,
  });
  const runtime = buildRuntime(config, database.db, {
    databaseDriver: database.driver,
    ...(options.rateLimits
      ? { rateLimits: createRateLimits(database.db, database.driver, options.rateLimits) }
      : {}),
  });
  const app = createApp(runtime);
  return {
    app,
    database,
    db: database.db,
    key,
    clerkApi,
    config,
    close: async () => {
      await clerkApi.close();
      await database.close();
    },
  };
}

export async function postWebhook(api: TestApi, webhook: ReturnType<typeof signedWebhook>) {
  return api.app.request('/api/webhooks/clerk', {
    method: 'POST',
    headers: webhook.headers,
    body: webhook.body,
  });
}

export interface TestUser {
  userId: string;
  sessionId: string;
  email: string;
  /** A fresh token for this user's session (azp = the lender portal unless given). */
  token(azp?: string): Promise<string>;
}

/** A user signed up and signed in the way Clerk reports it: user.created then session.created webhooks. */
export async function signUpUser(
  api: TestApi,
  overrides: Parameters<typeof clerkUserJson>[0] = {},
): Promise<TestUser> {
  const user = clerkUserJson(overrides);
  const session = clerkSessionJson(user.id);
  for (const webhook of [signedWebhook('user.created', user), signedWebhook('session.created', session)]) {
    const response = await postWebhook(api, webhook);
    if (response.status !== 200)
      throw new Error(`webhook refused: ${response.status} ${await response.text()}`);
  }
  return {
    userId: user.id,
    sessionId: session.id,
    email: user.email_addresses[0]!.email_address,
    token: (azp = LENDER_ORIGIN) =>
      signSessionToken(api.key, { userId: user.id, sessionId: session.id, azp }),
  };
}

/** Test data factory: an organization with `owner` as its lender admin. */
export async function createOrganizationFor(
  api: TestApi,
  owner: TestUser,
  name = `Org ${testId('msg').slice(-6)}`,
) {
  const response = await api.app.request('/api/auth/create-organization', {
    method: 'POST',
    headers: { authorization: `Bearer ${await owner.token()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201)
    throw new Error(`create-organization: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { organization: { id: string; name: string; slug: string } })
    .organization;
}

/** Test data factory: grants access directly (what an accepted invitation ends in). */
export async function grantAccess(
  api: TestApi,
  grant: {
    userId: string;
    organizationId: string;
    portal: 'lender' | 'borrower';
    role: schema.UserPortalAccessRole;
  },
) {
  await api.db.insert(schema.userPortalAccess).values(grant);
}

/** Calls a tRPC procedure over HTTP; returns the status and the parsed body. */
export async function trpcHttp(
  api: TestApi,
  procedurePath: string,
  options: { type: 'query' | 'mutation'; input?: unknown; token?: string; organizationId?: string },
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.organizationId) headers['x-organization-id'] = options.organizationId;
  const response =
    options.type === 'query'
      ? await api.app.request(
          `/trpc/${procedurePath}${options.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(options.input))}`}`,
          { headers },
        )
      : await api.app.request(`/trpc/${procedurePath}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(options.input ?? null),
        });
  // biome-ignore lint/suspicious/noExplicitAny: test helper returns the raw tRPC envelope
  return { status: response.status, body: (await response.json()) as any };
}
