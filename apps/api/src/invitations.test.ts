/**
 * Invitations and sessions over HTTP, including the cross-tenant attack of issue 6: an outsider who
 * creates an organization and invites someone else's email gains nothing over that person — no
 * access, no sight of their sessions, no way to revoke them — and learns nothing about the account.
 */
import path from 'node:path';
import { readOutbox, schema } from '@lending/core';
import {
  BORROWER_ORIGIN,
  clerkSessionJson,
  clerkUserJson,
  signedWebhook,
  testId,
} from '@lending/core/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganizationFor,
  createTestApi,
  grantAccess,
  postWebhook,
  signUpUser,
  type TestApi,
  type TestUser,
  trpcHttp,
} from './testing/test-api.ts';

let api: TestApi;
let admin: TestUser;
let org: { id: string; slug: string };

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpUser(api, { email: 'owner@home-lending.test' });
  org = await createOrganizationFor(api, admin, 'Home Lending');
});
afterAll(() => api.close());

async function as(
  user: TestUser,
  procedure: string,
  type: 'query' | 'mutation',
  input?: unknown,
  organizationId?: string,
) {
  return trpcHttp(api, procedure, { type, input, token: await user.token(), organizationId });
}

const outbox = () => readOutbox(path.join(api.config.dataDir, 'outbox'));
const tokenOf = (url: string) => url.split('/invitations/')[1] ?? '';

/** The keys (recursively) and value types of a JSON value: what "the same shape" means. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

async function sessionRow(sessionId: string) {
  const [row] = await api.db.select().from(schema.userSessions).where(eq(schema.userSessions.id, sessionId));
  return row;
}

describe('the cross-tenant attack (issue 6)', () => {
  it("an outsider's invitation gives no access, shows no session, revokes nothing, and the answer is the same whether the account exists or not", async () => {
    const victim = await signUpUser(api, { email: 'victim@example.test' });
    await grantAccess(api, {
      userId: victim.userId,
      organizationId: org.id,
      portal: 'lender',
      role: 'admin',
    });
    const outsider = await signUpUser(api);
    const evil = await createOrganizationFor(api, outsider, 'Evil Lending');

    const existing = await as(
      outsider,
      'team.invite',
      'mutation',
      { email: 'VICTIM@example.test', portal: 'lender', role: 'viewer' },
      evil.id,
    );
    const unknown = await as(
      outsider,
      'team.invite',
      'mutation',
      { email: 'nobody-here@example.test', portal: 'lender', role: 'viewer' },
      evil.id,
    );
    expect(existing.status).toBe(200);
    expect(unknown.status).toBe(existing.status);
    expect(shapeOf(existing.body)).toEqual(shapeOf(unknown.body));
    expect(existing.body.result.data).not.toHaveProperty('redeemedImmediately');
    expect(existing.body.result.data.invitation.status).toBe('pending');
    expect(unknown.body.result.data.invitation.status).toBe('pending');
    expect(existing.body.result.data.delivery).toBe(unknown.body.result.data.delivery);

    // No access in the outsider's organization.
    const accesses = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(
        and(
          eq(schema.userPortalAccess.userId, victim.userId),
          eq(schema.userPortalAccess.organizationId, evil.id),
        ),
      );
    expect(accesses).toHaveLength(0);
    const members = (await as(outsider, 'team.listMembers', 'query', undefined, evil.id)).body.result.data
      .members;
    expect(members.map((m: { userId: string }) => m.userId)).not.toContain(victim.userId);

    // No sight of the victim's sessions, and no way to revoke them.
    const sessions = await as(outsider, 'team.listSessions', 'query', undefined, evil.id);
    expect(sessions.status).toBe(200);
    expect(JSON.stringify(sessions.body)).not.toContain(victim.sessionId);
    expect(JSON.stringify(sessions.body)).not.toContain('victim@example.test');
    const revoke = await as(
      outsider,
      'team.revokeSession',
      'mutation',
      { sessionId: victim.sessionId },
      evil.id,
    );
    expect(revoke.status).toBe(404);
    expect(api.clerkApi.revokedSessions).not.toContain(victim.sessionId);
    expect((await sessionRow(victim.sessionId))?.status).toBe('active');
    expect((await as(victim, 'auth.me', 'query')).status).toBe(200);

    // A user.created / user.updated webhook for the invited email redeems nothing either.
    const late = clerkUserJson({ email: 'nobody-here@example.test' });
    expect((await postWebhook(api, signedWebhook('user.created', late))).status).toBe(200);
    expect(
      (await postWebhook(api, signedWebhook('user.updated', { ...late, updated_at: Date.now() + 1 }))).status,
    ).toBe(200);
    const lateAccess = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(eq(schema.userPortalAccess.userId, late.id));
    expect(lateAccess).toHaveLength(0);

    // And the victim, shown the invitation, may decline it: still nothing granted.
    const mine = await as(victim, 'invitations.mine', 'query');
    const pending = mine.body.result.data.invitations.find(
      (i: { organizationId: string }) => i.organizationId === evil.id,
    );
    expect(pending).toMatchObject({ organizationName: 'Evil Lending', portal: 'lender', role: 'viewer' });
    expect((await as(victim, 'invitations.decline', 'mutation', { invitationId: pending.id })).status).toBe(
      200,
    );
    const after = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(
        and(
          eq(schema.userPortalAccess.userId, victim.userId),
          eq(schema.userPortalAccess.organizationId, evil.id),
        ),
      );
    expect(after).toHaveLength(0);
  });

  it('an admin sees and revokes only active staff sessions: never a borrower, never a deactivated grant', async () => {
    const borrower = await signUpUser(api);
    await grantAccess(api, {
      userId: borrower.userId,
      organizationId: org.id,
      portal: 'borrower',
      role: 'borrower',
    });
    const former = await signUpUser(api);
    await grantAccess(api, {
      userId: former.userId,
      organizationId: org.id,
      portal: 'lender',
      role: 'viewer',
    });
    const staff = await signUpUser(api);
    await grantAccess(api, {
      userId: staff.userId,
      organizationId: org.id,
      portal: 'lender',
      role: 'servicer',
    });
    expect(
      (
        await as(
          admin,
          'team.setAccessActive',
          'mutation',
          { userId: former.userId, portal: 'lender', isActive: false },
          org.id,
        )
      ).status,
    ).toBe(200);

    const listed = (await as(admin, 'team.listSessions', 'query', undefined, org.id)).body.result.data;
    const ids = [...listed.sessions, ...listed.endedSessions].map((s: { id: string }) => s.id);
    expect(ids).toContain(staff.sessionId);
    expect(ids).not.toContain(borrower.sessionId);
    expect(ids).not.toContain(former.sessionId);

    for (const target of [borrower, former]) {
      const { status } = await as(
        admin,
        'team.revokeSession',
        'mutation',
        { sessionId: target.sessionId },
        org.id,
      );
      expect(status).toBe(404);
      expect((await sessionRow(target.sessionId))?.status).toBe('active');
    }
    const revoke = await as(admin, 'team.revokeSession', 'mutation', { sessionId: staff.sessionId }, org.id);
    expect(revoke.body.result.data).toEqual({ ok: true, outcome: 'revoked' });
    expect(api.clerkApi.revokedSessions).toContain(staff.sessionId);
    expect((await as(staff, 'auth.me', 'query')).status).toBe(401);
  });

  it('re-inviting a member (the only admin, upper-cased, as viewer) is a 409 and changes nothing', async () => {
    const { status, body } = await as(
      admin,
      'team.invite',
      'mutation',
      { email: 'OWNER@home-lending.test', portal: 'lender', role: 'viewer' },
      org.id,
    );
    expect(status).toBe(409);
    expect(body.error.message).toMatch(/already a member.*Team page/);
    const [access] = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(
        and(
          eq(schema.userPortalAccess.userId, admin.userId),
          eq(schema.userPortalAccess.organizationId, org.id),
        ),
      );
    expect(access).toMatchObject({ role: 'admin', isActive: true });
  });
});

describe("another organization's admin", () => {
  it('cannot resend, cancel or list our invitations, even by id, and concurrent accepts grant once', async () => {
    const ours = await as(
      admin,
      'team.invite',
      'mutation',
      { email: 'ours@example.test', portal: 'lender', role: 'viewer' },
      org.id,
    );
    const invitationId = ours.body.result.data.invitation.id;
    const otherAdmin = await signUpUser(api);
    const other = await createOrganizationFor(api, otherAdmin, 'Other Lending');
    for (const procedure of ['team.resendInvitation', 'team.cancelInvitation']) {
      const { status } = await as(otherAdmin, procedure, 'mutation', { invitationId }, other.id);
      expect(status, procedure).toBe(404);
    }
    const theirs = (await as(otherAdmin, 'team.listInvitations', 'query', undefined, other.id)).body.result
      .data.invitations;
    expect(theirs.map((i: { id: string }) => i.id)).not.toContain(invitationId);
    const emails = outbox().filter((m) => m.to === 'ours@example.test');
    expect(emails).toHaveLength(1); // nothing was resent

    const invitee = await signUpUser(api, { email: 'ours@example.test' });
    const token = tokenOf(ours.body.result.data.inviteUrl);
    const answers = await Promise.all(
      [0, 1, 2].map(async () => as(invitee, 'invitations.accept', 'mutation', { token, portal: 'lender' })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.result.data.outcome).sort()).toEqual([
      'already-accepted',
      'already-accepted',
      'granted',
    ]);
    const grants = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(
        and(
          eq(schema.userPortalAccess.userId, invitee.userId),
          eq(schema.userPortalAccess.organizationId, org.id),
        ),
      );
    expect(grants).toHaveLength(1);
  });
});

describe('accepting an invitation over HTTP', () => {
  it('invite → email in the outbox → preview → accept: the access exists only after accepting', async () => {
    const invited = await as(
      admin,
      'team.invite',
      'mutation',
      { email: 'newhire@example.test', portal: 'lender', role: 'underwriter' },
      org.id,
    );
    expect(invited.status).toBe(200);
    const { inviteUrl, delivery } = invited.body.result.data;
    expect(delivery).toBe('outbox');
    expect(inviteUrl).toMatch(/^http:\/\/localhost:5173\/invitations\/[A-Za-z0-9_-]{43}$/);
    const mail = outbox().find((m) => m.to === 'newhire@example.test');
    expect(mail?.text).toContain(inviteUrl);
    expect(mail?.subject).toContain('Home Lending');

    const hire = await signUpUser(api, { email: 'newhire@example.test' });
    expect(
      (
        await trpcHttp(api, 'team.listMembers', {
          type: 'query',
          token: await hire.token(),
          organizationId: org.id,
        })
      ).status,
    ).toBe(403);
    const preview = await as(hire, 'invitations.preview', 'query', { token: tokenOf(inviteUrl) });
    expect(preview.body.result.data).toMatchObject({
      addressedToYou: true,
      invitation: {
        organizationName: 'Home Lending',
        portal: 'lender',
        role: 'underwriter',
        status: 'pending',
      },
    });
    // Accepting from the borrower portal is refused with a pointer to the right one.
    const wrongPortal = await as(hire, 'invitations.accept', 'mutation', {
      token: tokenOf(inviteUrl),
      portal: 'borrower',
    });
    expect(wrongPortal.status).toBe(409);
    const accepted = await as(hire, 'invitations.accept', 'mutation', {
      token: tokenOf(inviteUrl),
      portal: 'lender',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.result.data).toMatchObject({
      outcome: 'granted',
      role: 'underwriter',
      organization: { id: org.id },
    });
    const members = (await as(admin, 'team.listMembers', 'query', { search: 'newhire' }, org.id)).body.result
      .data;
    expect(members.members).toEqual([expect.objectContaining({ userId: hire.userId, role: 'underwriter' })]);
    expect(
      (
        await trpcHttp(api, 'team.listMembers', {
          type: 'query',
          token: await hire.token(),
          organizationId: org.id,
        })
      ).status,
    ).toBe(200);
  });

  it('a wrong signed-in email gets a 403 that names only the caller, and the link stays usable by its owner', async () => {
    const invited = await as(
      admin,
      'team.invite',
      'mutation',
      { email: 'rightful@example.test', portal: 'borrower', role: 'borrower' },
      org.id,
    );
    const token = tokenOf(invited.body.result.data.inviteUrl);
    const wrong = await signUpUser(api, { email: 'wrong@example.test' });
    const refused = await trpcHttp(api, 'invitations.accept', {
      type: 'mutation',
      input: { token },
      token: await wrong.token(BORROWER_ORIGIN),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('wrong@example.test');
    expect(refused.body.error.message).not.toContain('rightful@example.test');
    const rightful = await signUpUser(api, { email: 'rightful@example.test' });
    const ok = await trpcHttp(api, 'invitations.accept', {
      type: 'mutation',
      input: { token },
      token: await rightful.token(BORROWER_ORIGIN),
    });
    expect(ok.status).toBe(200);
    // A used link cannot be used again by anyone else.
    const reuse = await trpcHttp(api, 'invitations.accept', {
      type: 'mutation',
      input: { token },
      token: await wrong.token(),
    });
    expect(reuse.status).toBe(403);
  });

  it('unknown and malformed tokens and megabyte inputs are clear 4xx, never 5xx', async () => {
    const someone = await signUpUser(api);
    const unknownToken = 'A'.repeat(43);
    expect((await as(someone, 'invitations.preview', 'query', { token: unknownToken })).status).toBe(404);
    expect((await as(someone, 'invitations.accept', 'mutation', { token: unknownToken })).status).toBe(404);
    expect((await as(someone, 'invitations.accept', 'mutation', { token: 'short' })).status).toBe(400);
    const huge = 'x'.repeat(1_000_000);
    for (const [procedure, type, input] of [
      ['invitations.accept', 'mutation', { token: huge }],
      ['team.invite', 'mutation', { email: `${huge}@x.test`, portal: 'lender', role: 'viewer' }],
      ['team.listMembers', 'query', { search: huge.slice(0, 5000) }],
    ] as const) {
      const { status } = await as(admin, procedure, type, input, org.id);
      expect([400, 413], procedure).toContain(status);
    }
  });
});

describe('revoking when Clerk misbehaves', () => {
  async function staffSession(target: TestApi, orgId: string) {
    const person = await signUpUser(target);
    await grantAccess(target, {
      userId: person.userId,
      organizationId: orgId,
      portal: 'lender',
      role: 'viewer',
    });
    return person;
  }

  it('Clerk 404: ended here, and the call succeeds', async () => {
    const person = await staffSession(api, org.id);
    api.clerkApi.revokeStatus = 404;
    try {
      const { status, body } = await as(
        admin,
        'team.revokeSession',
        'mutation',
        { sessionId: person.sessionId },
        org.id,
      );
      expect(status).toBe(200);
      expect(body.result.data.outcome).toBe('ended-locally');
      expect((await sessionRow(person.sessionId))?.status).toBe('ended');
    } finally {
      api.clerkApi.revokeStatus = 200;
    }
  });

  it('Clerk 500: a 502 with a sentence, and nothing changes', async () => {
    const person = await staffSession(api, org.id);
    api.clerkApi.revokeStatus = 500;
    try {
      const { status, body } = await as(
        admin,
        'team.revokeSession',
        'mutation',
        { sessionId: person.sessionId },
        org.id,
      );
      expect(status).toBe(502);
      expect(body.error.message).toMatch(/Clerk.*not revoked/);
      expect((await sessionRow(person.sessionId))?.status).toBe('active');
    } finally {
      api.clerkApi.revokeStatus = 200;
    }
  });

  it('Clerk unreachable: a 503, and nothing changes', async () => {
    const down = await createTestApi({ CLERK_API_URL: 'http://127.0.0.1:1' });
    try {
      const owner = await signUpUser(down);
      const downOrg = await createOrganizationFor(down, owner);
      const person = await staffSession(down, downOrg.id);
      const { status, body } = await trpcHttp(down, 'team.revokeSession', {
        type: 'mutation',
        input: { sessionId: person.sessionId },
        token: await owner.token(),
        organizationId: downOrg.id,
      });
      expect(status).toBe(503);
      expect(body.error.message).toMatch(/cannot be reached/);
      const [row] = await down.db
        .select()
        .from(schema.userSessions)
        .where(eq(schema.userSessions.id, person.sessionId));
      expect(row?.status).toBe('active');
    } finally {
      await down.close();
    }
  });

  it('only CLERK_JWT_KEY: revoked here, and the answer says so', async () => {
    const jwtOnly = await createTestApi({ CLERK_SECRET_KEY: '' });
    try {
      const owner = await signUpUser(jwtOnly);
      const jwtOrg = await createOrganizationFor(jwtOnly, owner);
      const person = await staffSession(jwtOnly, jwtOrg.id);
      const { status, body } = await trpcHttp(jwtOnly, 'team.revokeSession', {
        type: 'mutation',
        input: { sessionId: person.sessionId },
        token: await owner.token(),
        organizationId: jwtOrg.id,
      });
      expect(status).toBe(200);
      expect(body.result.data.outcome).toBe('revoked-locally');
      expect(jwtOnly.clerkApi.revokedSessions).not.toContain(person.sessionId);
      expect(
        (await trpcHttp(jwtOnly, 'auth.me', { type: 'query', token: await person.token() })).status,
      ).toBe(401);
    } finally {
      await jwtOnly.close();
    }
  });
});

describe('mirrored webhook fields are capped', () => {
  it('megabyte names, an oversized email and image URL are stored capped or dropped, never a 500', async () => {
    const user = clerkUserJson({ email: `${'e'.repeat(300)}@example.test` });
    const oversized = {
      ...user,
      first_name: 'F'.repeat(400_000),
      last_name: 'L'.repeat(400_000),
      image_url: `https://img.example.test/${'i'.repeat(5000)}`,
    };
    expect((await postWebhook(api, signedWebhook('user.created', oversized))).status).toBe(200);
    const [row] = await api.db.select().from(schema.appUsers).where(eq(schema.appUsers.id, user.id));
    expect(row?.firstName?.length).toBe(100);
    expect(row?.lastName?.length).toBe(100);
    expect(row?.imageUrl).toBeNull();
    expect(row?.email).toBeNull();
    const hugeId = { ...clerkUserJson({}), id: `user_${'x'.repeat(100_000)}` };
    const refused = await postWebhook(api, signedWebhook('user.created', hugeId));
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
  });

  it("session webhooks' latest_activity fills the device columns, capped", async () => {
    const person = await signUpUser(api);
    await grantAccess(api, {
      userId: person.userId,
      organizationId: org.id,
      portal: 'lender',
      role: 'viewer',
    });
    const session = {
      ...clerkSessionJson(person.userId, testId('sess')),
      latest_activity: {
        browser_name: 'Firefox',
        device_type: 'Macintosh',
        city: 'C'.repeat(10_000),
        country: 'PL',
        ip_address: '203.0.113.7',
        is_mobile: false,
      },
    };
    expect((await postWebhook(api, signedWebhook('session.created', session))).status).toBe(200);
    const listed = (await as(admin, 'team.listSessions', 'query', undefined, org.id)).body.result.data
      .sessions;
    const found = listed.find((s: { id: string }) => s.id === session.id);
    expect(found).toMatchObject({
      browser: 'Firefox',
      deviceType: 'Macintosh',
      country: 'PL',
      ipAddress: '203.0.113.7',
    });
    expect(found.city).toHaveLength(100);
  });
});
