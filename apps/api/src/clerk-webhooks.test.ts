/** Clerk webhooks: svix-verified, applied exactly once, tolerant of retries and of any arrival order. */
import { schema } from '@lending/core';
import { clerkSessionJson, clerkUserJson, signedWebhook, testId } from '@lending/core/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganizationFor,
  createTestApi,
  grantAccess,
  postWebhook,
  signUpUser,
  type TestApi,
  trpcHttp,
} from './testing/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

async function countRows() {
  const [events] = await api.db.select({ n: count() }).from(schema.webhookEvents);
  const [users] = await api.db.select({ n: count() }).from(schema.appUsers);
  return { events: events!.n, users: users!.n };
}

async function userRow(id: string) {
  const [row] = await api.db.select().from(schema.appUsers).where(eq(schema.appUsers.id, id));
  return row;
}

describe('signature verification', () => {
  it('refuses a bad signature with 400 and writes nothing', async () => {
    const before = await countRows();
    const webhook = signedWebhook('user.created', clerkUserJson({}), {
      secret: `whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`,
    });
    const response = await postWebhook(api, webhook);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/signature/i);
    expect(await countRows()).toEqual(before);
  });

  it('refuses a tampered body with 400', async () => {
    const before = await countRows();
    const webhook = signedWebhook('user.created', clerkUserJson({}));
    const response = await postWebhook(api, { ...webhook, body: webhook.body.replace('Test', 'Evil') });
    expect(response.status).toBe(400);
    expect(await countRows()).toEqual(before);
  });

  it('refuses missing svix headers with 400 and writes nothing', async () => {
    const before = await countRows();
    const webhook = signedWebhook('user.created', clerkUserJson({}));
    for (const missing of ['svix-id', 'svix-timestamp', 'svix-signature']) {
      const headers: Record<string, string> = { ...webhook.headers };
      delete headers[missing];
      const response = await api.app.request('/api/webhooks/clerk', {
        method: 'POST',
        headers,
        body: webhook.body,
      });
      expect(response.status).toBe(400);
    }
    expect(await countRows()).toEqual(before);
  });

  it('refuses a stale timestamp (older than 5 minutes) with 400 and writes nothing', async () => {
    const before = await countRows();
    const webhook = signedWebhook('user.created', clerkUserJson({}), {
      timestamp: new Date(Date.now() - 10 * 60_000),
    });
    expect((await postWebhook(api, webhook)).status).toBe(400);
    expect(await countRows()).toEqual(before);
  });

  it("refuses a signed event whose data is not in Clerk's shape, writing nothing", async () => {
    const before = await countRows();
    const response = await postWebhook(api, signedWebhook('user.created', { id: 'not-a-user' }));
    expect(response.status).toBe(400);
    expect(await countRows()).toEqual(before);
  });
});

describe('idempotency and ordering', () => {
  it('applies the same svix-id once, however often it is delivered', async () => {
    const user = clerkUserJson({ email: 'once@example.test' });
    const webhook = signedWebhook('user.created', user);
    const first = await postWebhook(api, webhook);
    const second = await postWebhook(api, webhook);
    expect(await first.json()).toMatchObject({ outcome: 'applied' });
    expect(await second.json()).toMatchObject({ outcome: 'duplicate' });
    const [events] = await api.db
      .select({ n: count() })
      .from(schema.webhookEvents)
      .where(eq(schema.webhookEvents.svixId, webhook.headers['svix-id']));
    expect(events!.n).toBe(1);
  });

  it('applies 200 distinct concurrent events plus duplicates exactly once each', async () => {
    const users = Array.from({ length: 100 }, (_, i) => clerkUserJson({ email: `crowd${i}@example.test` }));
    const distinct = [
      ...users.map((u) => signedWebhook('user.created', u)),
      ...users.map((u) => signedWebhook('session.created', clerkSessionJson(u.id))),
    ];
    const duplicates = distinct.filter((_, i) => i % 4 === 0);
    const deliveries = [...distinct, ...duplicates].sort(() => Math.random() - 0.5);
    const responses = await Promise.all(deliveries.map((w) => postWebhook(api, w)));
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const outcomes = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome),
    );
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(200);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(duplicates.length);
    const ids = new Set(distinct.map((w) => w.headers['svix-id']));
    const stored = await api.db.select({ id: schema.webhookEvents.svixId }).from(schema.webhookEvents);
    expect(stored.filter((row) => ids.has(row.id))).toHaveLength(200);
    for (const u of users.slice(0, 5)) {
      expect((await userRow(u.id))?.email).toBe(u.email_addresses[0]!.email_address);
    }
    const sessions = await api.db.select({ n: count() }).from(schema.userSessions);
    expect(sessions[0]!.n).toBeGreaterThanOrEqual(100);
  });

  it('keeps user.updated that arrives before user.created, and never lets the older event win', async () => {
    const created = clerkUserJson({ email: 'old@example.test', updatedAt: 1_000 });
    const updated = {
      ...created,
      email_addresses: [{ ...created.email_addresses[0]!, email_address: 'new@example.test' }],
      updated_at: 2_000,
    };
    expect((await postWebhook(api, signedWebhook('user.updated', updated))).status).toBe(200);
    expect((await postWebhook(api, signedWebhook('user.created', created))).status).toBe(200);
    expect((await userRow(created.id))?.email).toBe('new@example.test');
  });

  it('keeps a session that arrives before its user, and fills the user in later', async () => {
    const user = clerkUserJson({ email: 'late-user@example.test' });
    const session = clerkSessionJson(user.id);
    await postWebhook(api, signedWebhook('session.created', session));
    await postWebhook(api, signedWebhook('user.created', user));
    expect((await userRow(user.id))?.email).toBe('late-user@example.test');
    const [row] = await api.db
      .select()
      .from(schema.userSessions)
      .where(eq(schema.userSessions.id, session.id));
    expect(row?.status).toBe('active');
  });

  it('does not reopen a session when session.created arrives after session.ended', async () => {
    const user = await signUpUser(api);
    const sessionId = testId('sess');
    await postWebhook(
      api,
      signedWebhook('session.ended', { ...clerkSessionJson(user.userId, sessionId), status: 'ended' }),
    );
    await postWebhook(api, signedWebhook('session.created', clerkSessionJson(user.userId, sessionId)));
    const [row] = await api.db
      .select()
      .from(schema.userSessions)
      .where(eq(schema.userSessions.id, sessionId));
    expect(row?.status).toBe('ended');
  });

  it('answers unknown event types 2xx and records them', async () => {
    const webhook = signedWebhook('organization.created', { id: 'org_123' });
    const response = await postWebhook(api, webhook);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'ignored' });
    const [row] = await api.db
      .select()
      .from(schema.webhookEvents)
      .where(eq(schema.webhookEvents.svixId, webhook.headers['svix-id']));
    expect(row?.outcome).toBe('ignored');
  });
});

describe('effects', () => {
  it('user.deleted soft-deletes the user, deactivates every access and ends every session', async () => {
    const owner = await signUpUser(api);
    const member = await signUpUser(api);
    const orgA = await createOrganizationFor(api, owner);
    const orgB = await createOrganizationFor(api, owner);
    await grantAccess(api, {
      userId: member.userId,
      organizationId: orgA.id,
      portal: 'lender',
      role: 'viewer',
    });
    await grantAccess(api, {
      userId: member.userId,
      organizationId: orgB.id,
      portal: 'borrower',
      role: 'borrower',
    });
    await postWebhook(
      api,
      signedWebhook('user.deleted', { id: member.userId, object: 'user', deleted: true }),
    );
    const user = await userRow(member.userId);
    expect(user?.deletedAt).not.toBeNull();
    expect(user?.isActive).toBe(false);
    const accesses = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(eq(schema.userPortalAccess.userId, member.userId));
    expect(accesses).toHaveLength(2);
    expect(accesses.every((a) => !a.isActive)).toBe(true);
    const [session] = await api.db
      .select()
      .from(schema.userSessions)
      .where(eq(schema.userSessions.id, member.sessionId));
    expect(session?.status).toBe('ended');
    // A late user.updated must not bring the user back.
    await postWebhook(
      api,
      signedWebhook('user.updated', clerkUserJson({ id: member.userId, updatedAt: Date.now() + 60_000 })),
    );
    expect((await userRow(member.userId))?.deletedAt).not.toBeNull();
  });

  it("session.ended then that session's token is refused with 401", async () => {
    const user = await signUpUser(api);
    const token = await user.token();
    expect((await trpcHttp(api, 'auth.me', { type: 'query', token })).status).toBe(200);
    await postWebhook(
      api,
      signedWebhook('session.ended', { ...clerkSessionJson(user.userId, user.sessionId), status: 'ended' }),
    );
    expect((await trpcHttp(api, 'auth.me', { type: 'query', token })).status).toBe(401);
  });

  it('locked users are inactive; unlocking makes them active again', async () => {
    const user = await signUpUser(api);
    await postWebhook(
      api,
      signedWebhook(
        'user.updated',
        clerkUserJson({ id: user.userId, locked: true, updatedAt: Date.now() + 1_000 }),
      ),
    );
    expect((await userRow(user.userId))?.isActive).toBe(false);
    await postWebhook(
      api,
      signedWebhook(
        'user.updated',
        clerkUserJson({ id: user.userId, locked: false, updatedAt: Date.now() + 2_000 }),
      ),
    );
    expect((await userRow(user.userId))?.isActive).toBe(true);
  });

  it('never redeems an invitation on its own: a user with the invited, verified email still has to accept', async () => {
    const owner = await signUpUser(api);
    const org = await createOrganizationFor(api, owner);
    const invite = await trpcHttp(api, 'team.invite', {
      type: 'mutation',
      token: await owner.token(),
      organizationId: org.id,
      input: { email: 'Invitee@Example.test', portal: 'lender', role: 'underwriter' },
    });
    expect(invite.status).toBe(200);
    expect(invite.body.result.data.invitation.status).toBe('pending');
    const unverified = clerkUserJson({ email: 'invitee@example.test', verified: false });
    await postWebhook(api, signedWebhook('user.created', unverified));
    let accesses = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(eq(schema.userPortalAccess.userId, unverified.id));
    expect(accesses).toHaveLength(0);
    await postWebhook(
      api,
      signedWebhook('user.updated', {
        ...unverified,
        email_addresses: [{ ...unverified.email_addresses[0]!, verification: { status: 'verified' } }],
        updated_at: Date.now() + 1_000,
      }),
    );
    accesses = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(eq(schema.userPortalAccess.userId, unverified.id));
    expect(accesses).toHaveLength(0);
    const [invitation] = await api.db
      .select()
      .from(schema.portalInvitations)
      .where(eq(schema.portalInvitations.email, 'invitee@example.test'));
    expect(invitation?.status).toBe('pending');
  });
});
