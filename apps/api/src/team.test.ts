/** Team management by a lender admin: invitations, roles, access on/off, sessions; all audited. */
import { schema } from '@lending/core';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganizationFor,
  createTestApi,
  grantAccess,
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
  admin = await signUpUser(api);
  org = await createOrganizationFor(api, admin, 'Team Test Lending');
});
afterAll(() => api.close());

async function asAdmin(path: string, type: 'query' | 'mutation', input?: unknown) {
  return trpcHttp(api, path, { type, input, token: await admin.token(), organizationId: org.id });
}

describe('team', () => {
  it('invites an existing user: nothing is granted until they accept', async () => {
    const person = await signUpUser(api, { email: 'existing@example.test' });
    const { status, body } = await asAdmin('team.invite', 'mutation', {
      email: 'EXISTING@example.test',
      portal: 'lender',
      role: 'servicer',
    });
    expect(status).toBe(200);
    expect(body.result.data).toMatchObject({
      refreshed: false,
      delivery: 'outbox',
      invitation: { status: 'pending', email: 'existing@example.test' },
    });
    const members = (await asAdmin('team.listMembers', 'query')).body.result.data.members;
    expect(members.map((m: { userId: string }) => m.userId)).not.toContain(person.userId);
    const token = body.result.data.inviteUrl.split('/invitations/')[1];
    const accept = await trpcHttp(api, 'invitations.accept', {
      type: 'mutation',
      token: await person.token(),
      input: { token },
    });
    expect(accept.status).toBe(200);
    const after = (await asAdmin('team.listMembers', 'query')).body.result.data.members;
    expect(after).toContainEqual(
      expect.objectContaining({ userId: person.userId, role: 'servicer', isActive: true }),
    );
  });

  it('lists staff only, one row per person, searched, filtered and paged on the server; borrowers apart', async () => {
    const both = await signUpUser(api, { email: 'both-roles@example.test' });
    await grantAccess(api, { userId: both.userId, organizationId: org.id, portal: 'lender', role: 'viewer' });
    await grantAccess(api, {
      userId: both.userId,
      organizationId: org.id,
      portal: 'borrower',
      role: 'borrower',
    });
    const staff = (await asAdmin('team.listMembers', 'query', { search: 'both-roles' })).body.result.data;
    expect(staff).toMatchObject({ total: 1, page: 1, members: [{ userId: both.userId, portal: 'lender' }] });
    const borrowers = (await asAdmin('team.listBorrowers', 'query', { search: 'BOTH-ROLES' })).body.result
      .data;
    expect(borrowers.members).toEqual([expect.objectContaining({ userId: both.userId, portal: 'borrower' })]);
    const viewers = (await asAdmin('team.listMembers', 'query', { role: 'viewer', pageSize: 10 })).body.result
      .data;
    expect(viewers.members.every((m: { role: string }) => m.role === 'viewer')).toBe(true);
    const page = (await asAdmin('team.listMembers', 'query', { page: 999, pageSize: 10 })).body.result.data;
    expect(page.members).toEqual([]);
    expect(page.total).toBeGreaterThan(0);
    // LIKE wildcards are literal.
    expect((await asAdmin('team.listMembers', 'query', { search: '%' })).body.result.data.total).toBe(0);
  });

  it('re-inviting the same email refreshes the pending invitation instead of duplicating it', async () => {
    await asAdmin('team.invite', 'mutation', {
      email: 'pending@example.test',
      portal: 'lender',
      role: 'viewer',
    });
    await asAdmin('team.invite', 'mutation', {
      email: 'pending@example.test',
      portal: 'lender',
      role: 'underwriter',
    });
    const invitations = (await asAdmin('team.listInvitations', 'query')).body.result.data.invitations.filter(
      (i: { email: string }) => i.email === 'pending@example.test',
    );
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ role: 'underwriter', status: 'pending' });
    const cancel = await asAdmin('team.cancelInvitation', 'mutation', { invitationId: invitations[0].id });
    expect(cancel.status).toBe(200);
    const again = await asAdmin('team.cancelInvitation', 'mutation', { invitationId: invitations[0].id });
    expect(again.status).toBe(404);
  });

  it('refuses a role that does not exist in the portal with a readable 400', async () => {
    const { status, body } = await asAdmin('team.invite', 'mutation', {
      email: 'x@example.test',
      portal: 'borrower',
      role: 'admin',
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/That role does not exist in that portal/);
  });

  it('changes a role, and deactivation takes effect on the very next request', async () => {
    const member = await signUpUser(api);
    await grantAccess(api, {
      userId: member.userId,
      organizationId: org.id,
      portal: 'lender',
      role: 'viewer',
    });
    const memberCall = async () =>
      trpcHttp(api, 'team.listMembers', {
        type: 'query',
        token: await member.token(),
        organizationId: org.id,
      });
    expect((await memberCall()).status).toBe(200);
    expect(
      (
        await asAdmin('team.changeRole', 'mutation', {
          userId: member.userId,
          portal: 'lender',
          role: 'underwriter',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await asAdmin('team.setAccessActive', 'mutation', {
          userId: member.userId,
          portal: 'lender',
          isActive: false,
        })
      ).status,
    ).toBe(200);
    expect((await memberCall()).status).toBe(403);
    expect(
      (
        await asAdmin('team.setAccessActive', 'mutation', {
          userId: member.userId,
          portal: 'lender',
          isActive: true,
        })
      ).status,
    ).toBe(200);
    expect((await memberCall()).status).toBe(200);
    const audit = await api.db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.organizationId, org.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['access.role_changed', 'access.deactivated', 'access.reactivated']),
    );
  });

  it('keeps at least one active admin', async () => {
    const demote = await asAdmin('team.changeRole', 'mutation', {
      userId: admin.userId,
      portal: 'lender',
      role: 'viewer',
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/at least one active admin/);
    const deactivate = await asAdmin('team.setAccessActive', 'mutation', {
      userId: admin.userId,
      portal: 'lender',
      isActive: false,
    });
    expect(deactivate.status).toBe(409);
  });

  it("lists staff's active sessions and revokes one through Clerk's Backend API; its token is refused at once", async () => {
    const member = await signUpUser(api);
    await grantAccess(api, {
      userId: member.userId,
      organizationId: org.id,
      portal: 'lender',
      role: 'viewer',
    });
    const sessions = (await asAdmin('team.listSessions', 'query')).body.result.data.sessions;
    expect(sessions.map((s: { id: string }) => s.id)).toContain(member.sessionId);
    const revoke = await asAdmin('team.revokeSession', 'mutation', { sessionId: member.sessionId });
    expect(revoke.status).toBe(200);
    expect(api.clerkApi.revokedSessions).toContain(member.sessionId);
    expect((await trpcHttp(api, 'auth.me', { type: 'query', token: await member.token() })).status).toBe(401);
  });

  it('cannot revoke the session of someone outside the organization', async () => {
    const stranger = await signUpUser(api);
    const { status } = await asAdmin('team.revokeSession', 'mutation', { sessionId: stranger.sessionId });
    expect(status).toBe(404);
    const [row] = await api.db
      .select()
      .from(schema.userSessions)
      .where(and(eq(schema.userSessions.id, stranger.sessionId)));
    expect(row?.status).toBe('active');
  });

  it("an admin cannot touch another organization's people or invitations, even by id", async () => {
    const otherAdmin = await signUpUser(api);
    const other = await createOrganizationFor(api, otherAdmin, 'Other Lending');
    const theirMember = await signUpUser(api);
    await grantAccess(api, {
      userId: theirMember.userId,
      organizationId: other.id,
      portal: 'lender',
      role: 'viewer',
    });
    const theirInvite = await trpcHttp(api, 'team.invite', {
      type: 'mutation',
      token: await otherAdmin.token(),
      organizationId: other.id,
      input: { email: 'theirs@example.test', portal: 'lender', role: 'viewer' },
    });
    const invitationId = theirInvite.body.result.data.invitation.id;

    const attempts = [
      asAdmin('team.changeRole', 'mutation', { userId: theirMember.userId, portal: 'lender', role: 'admin' }),
      asAdmin('team.setAccessActive', 'mutation', {
        userId: theirMember.userId,
        portal: 'lender',
        isActive: false,
      }),
      asAdmin('team.cancelInvitation', 'mutation', { invitationId }),
      asAdmin('team.revokeSession', 'mutation', { sessionId: theirMember.sessionId }),
    ];
    for (const { status } of await Promise.all(attempts)) expect(status).toBe(404);

    const [access] = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(eq(schema.userPortalAccess.userId, theirMember.userId));
    expect(access).toMatchObject({ organizationId: other.id, role: 'viewer', isActive: true });
    const [invitation] = await api.db
      .select()
      .from(schema.portalInvitations)
      .where(eq(schema.portalInvitations.id, invitationId));
    expect(invitation?.status).toBe('pending');
    const ours = (await asAdmin('team.listMembers', 'query')).body.result.data.members;
    expect(ours.map((m: { userId: string }) => m.userId)).not.toContain(theirMember.userId);
  });

  it('shows an expired invitation as expired without writing anything; it cannot be accepted; re-inviting renews it', async () => {
    const first = await asAdmin('team.invite', 'mutation', {
      email: 'late@example.test',
      portal: 'lender',
      role: 'viewer',
    });
    await api.db
      .update(schema.portalInvitations)
      .set({ expiresAt: sql`now() - interval '1 day'` })
      .where(eq(schema.portalInvitations.email, 'late@example.test'));
    const listed = async () =>
      (await asAdmin('team.listInvitations', 'query')).body.result.data.invitations.find(
        (i: { email: string }) => i.email === 'late@example.test',
      );
    expect((await listed()).status).toBe('expired');
    const [stored] = await api.db
      .select()
      .from(schema.portalInvitations)
      .where(eq(schema.portalInvitations.email, 'late@example.test'));
    expect(stored?.status).toBe('pending');
    const late = await signUpUser(api, { email: 'late@example.test' });
    const expired = await trpcHttp(api, 'invitations.accept', {
      type: 'mutation',
      token: await late.token(),
      input: { token: first.body.result.data.inviteUrl.split('/invitations/')[1] },
    });
    expect(expired.status).toBe(409);
    expect(expired.body.error.message).toMatch(/expired/);
    const accesses = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(eq(schema.userPortalAccess.userId, late.userId));
    expect(accesses).toHaveLength(0);
    const renewed = await asAdmin('team.invite', 'mutation', {
      email: 'late@example.test',
      portal: 'lender',
      role: 'viewer',
    });
    expect(renewed.body.result.data).toMatchObject({ refreshed: true, invitation: { status: 'pending' } });
    expect((await listed()).status).toBe('pending');
  });

  it('the audit log is append-only', async () => {
    await expect(api.db.update(schema.auditLog).set({ action: 'tampered' })).rejects.toThrow();
    await expect(api.db.delete(schema.auditLog)).rejects.toThrow();
  });
});

describe('borrowers and the public apply link', () => {
  it('shows the public profile by slug and lets a signed-in user join as borrower, idempotently', async () => {
    const profile = await trpcHttp(api, 'organizations.publicProfile', {
      type: 'query',
      input: { slug: org.slug },
    });
    expect(profile.body.result.data.organization).toMatchObject({ id: org.id, name: 'Team Test Lending' });
    const unknown = await trpcHttp(api, 'organizations.publicProfile', {
      type: 'query',
      input: { slug: 'nope-nope' },
    });
    expect(unknown.status).toBe(404);
    const person = await signUpUser(api);
    for (let i = 0; i < 2; i++) {
      const join = await trpcHttp(api, 'organizations.joinAsBorrower', {
        type: 'mutation',
        token: await person.token(),
        input: { slug: org.slug },
      });
      expect(join.status).toBe(200);
    }
    const home = await trpcHttp(api, 'borrower.home', {
      type: 'query',
      token: await person.token(),
      organizationId: org.id,
    });
    expect(home.body.result.data.organization.id).toBe(org.id);
  });

  it('does not let a deactivated borrower back in through the apply link', async () => {
    const person = await signUpUser(api);
    await trpcHttp(api, 'organizations.joinAsBorrower', {
      type: 'mutation',
      token: await person.token(),
      input: { slug: org.slug },
    });
    await asAdmin('team.setAccessActive', 'mutation', {
      userId: person.userId,
      portal: 'borrower',
      isActive: false,
    });
    const join = await trpcHttp(api, 'organizations.joinAsBorrower', {
      type: 'mutation',
      token: await person.token(),
      input: { slug: org.slug },
    });
    expect(join.status).toBe(403);
    expect(join.body.error.message).toMatch(/turned off/);
  });
});
