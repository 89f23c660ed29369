/** Session tokens: verified by @clerk/backend, then checked against the mirrored session and user. */
import { schema } from '@lending/core';
import {
  BORROWER_ORIGIN,
  clerkSessionJson,
  clerkUserJson,
  createSigningKey,
  LENDER_ORIGIN,
  signedWebhook,
  signSessionToken,
  testId,
} from '@lending/core/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, postWebhook, signUpUser, type TestApi, trpcHttp } from './testing/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

async function me(token: string) {
  return trpcHttp(api, 'auth.me', { type: 'query', token });
}

describe('session token verification', () => {
  it('accepts a valid token and returns the user', async () => {
    const user = await signUpUser(api, { email: 'valid@example.test' });
    const { status, body } = await me(await user.token());
    expect(status).toBe(200);
    expect(body.result.data.user).toMatchObject({ id: user.userId, email: 'valid@example.test' });
  });

  it('accepts a token from either portal origin', async () => {
    const user = await signUpUser(api);
    expect((await me(await user.token(BORROWER_ORIGIN))).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const user = await signUpUser(api);
    const token = await signSessionToken(api.key, {
      userId: user.userId,
      sessionId: user.sessionId,
      issuedAt: -600,
      notBefore: -600,
      expiresIn: -300,
    });
    const { status, body } = await me(token);
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/expired/);
  });

  it('refuses a token that is not valid yet', async () => {
    const user = await signUpUser(api);
    const token = await signSessionToken(api.key, {
      userId: user.userId,
      sessionId: user.sessionId,
      notBefore: 300,
      expiresIn: 600,
    });
    const { status, body } = await me(token);
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/not valid yet/);
  });

  it('refuses a token issued for another site (azp)', async () => {
    const user = await signUpUser(api);
    const { status, body } = await me(await user.token('https://evil.example'));
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/another site/);
  });

  it('refuses a token signed with another key', async () => {
    const user = await signUpUser(api);
    const otherKey = createSigningKey(api.key.kid);
    const token = await signSessionToken(otherKey, { userId: user.userId, sessionId: user.sessionId });
    expect((await me(token)).status).toBe(401);
  });

  it('refuses a malformed authorization header and garbage tokens', async () => {
    const bad = await api.app.request('/trpc/auth.me', { headers: { authorization: 'Token abc' } });
    expect(bad.status).toBe(401);
    expect((await me('not.a.jwt')).status).toBe(401);
  });

  it('refuses the token of an ended session', async () => {
    const user = await signUpUser(api);
    const token = await user.token();
    expect((await me(token)).status).toBe(200);
    await postWebhook(
      api,
      signedWebhook('session.ended', { ...clerkSessionJson(user.userId, user.sessionId), status: 'ended' }),
    );
    const { status, body } = await me(token);
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/session has ended/);
  });

  it('refuses the token of a revoked session', async () => {
    const user = await signUpUser(api);
    await postWebhook(
      api,
      signedWebhook('session.revoked', {
        ...clerkSessionJson(user.userId, user.sessionId),
        status: 'revoked',
      }),
    );
    expect((await me(await user.token())).status).toBe(401);
  });

  it('refuses an inactive (banned) user', async () => {
    const user = await signUpUser(api);
    const banned = clerkUserJson({
      id: user.userId,
      email: user.email,
      banned: true,
      updatedAt: Date.now() + 1000,
    });
    await postWebhook(api, signedWebhook('user.updated', banned));
    const { status, body } = await me(await user.token());
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/inactive/);
  });

  it('refuses a deleted user', async () => {
    const user = await signUpUser(api);
    await postWebhook(api, signedWebhook('user.deleted', { id: user.userId, object: 'user', deleted: true }));
    expect((await me(await user.token())).status).toBe(401);
  });

  it('accepts a valid token for a user not yet mirrored: fetched from Clerk and recorded', async () => {
    const user = clerkUserJson({ email: 'early@example.test' });
    api.clerkApi.users.set(user.id, user);
    const sessionId = testId('sess');
    const token = await signSessionToken(api.key, { userId: user.id, sessionId });
    const { status, body } = await me(token);
    expect(status, JSON.stringify(body).slice(0, 1500)).toBe(200);
    expect(body.result.data.user.email).toBe('early@example.test');
    const [session] = await api.db
      .select()
      .from(schema.userSessions)
      .where(eq(schema.userSessions.id, sessionId));
    expect(session?.status).toBe('active');
  });

  it("refuses (401, not 500) a new user while Clerk's Backend API cannot be reached", async () => {
    const offline = await createTestApi({ CLERK_API_URL: 'http://127.0.0.1:9' });
    try {
      const token = await signSessionToken(offline.key, {
        userId: testId('user'),
        sessionId: testId('sess'),
      });
      const { status, body } = await trpcHttp(offline, 'auth.me', { type: 'query', token });
      expect(status).toBe(401);
      expect(body.error.message).toMatch(/could not be confirmed/);
    } finally {
      await offline.close();
    }
  });

  it('refuses a valid token for a user Clerk does not know', async () => {
    const token = await signSessionToken(api.key, { userId: testId('user'), sessionId: testId('sess') });
    expect((await me(token)).status).toBe(401);
  });
});

describe('key rotation: JWKS by kid', () => {
  let rotating: TestApi;
  beforeAll(async () => {
    // Without CLERK_JWT_KEY the API fetches Clerk's JWKS and picks the key by `kid`.
    rotating = await createTestApi({ CLERK_JWT_KEY: '' });
  });
  afterAll(() => rotating.close());

  it('verifies tokens signed with a newly published key without a restart', async () => {
    const user = await signUpUser(rotating);
    expect((await trpcHttp(rotating, 'auth.me', { type: 'query', token: await user.token() })).status).toBe(
      200,
    );
    const next = createSigningKey();
    rotating.clerkApi.jwks.push(next.publicJwk);
    const token = await signSessionToken(next, {
      userId: user.userId,
      sessionId: user.sessionId,
      azp: LENDER_ORIGIN,
    });
    expect((await trpcHttp(rotating, 'auth.me', { type: 'query', token })).status).toBe(200);
  });
});
