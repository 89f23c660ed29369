/** Invitations in the domain: nothing is granted until the invitee accepts; the answer never tells. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../access/access.ts';
import { appUsers, auditLog, portalInvitations, userPortalAccess } from '../db/schema/index.ts';
import { createOutboxEmailSender, type EmailSender, readOutbox } from '../email/email.ts';
import { createOrganization } from '../organizations/organizations.ts';
import { createTestDatabase, type TestDatabase, testId } from '../testing/index.ts';
import {
  acceptInvitation,
  cancelInvitation,
  declineInvitation,
  hashInvitationToken,
  type InvitationServices,
  inviteMember,
  listInvitations,
  listMyInvitations,
  previewInvitation,
  resendInvitation,
} from './invitations.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
let admin: Actor;
let services: InvitationServices;
let outboxDir: string;

async function createUser(email: string, options: { verified?: boolean } = {}) {
  const id = testId('user');
  await db.insert(appUsers).values({
    id,
    email,
    emailVerified: options.verified ?? true,
    firstName: 'Test',
    lastName: email.split('@')[0] ?? null,
  });
  return id;
}

const tokenOf = (url: string) => url.split('/invitations/')[1] ?? '';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  outboxDir = mkdtempSync(path.join(tmpdir(), 'lending-outbox-test-'));
  services = {
    email: createOutboxEmailSender({ dir: outboxDir, from: 'test@lending.test' }),
    portalUrls: { lender: 'http://lender.test', borrower: 'http://borrower.test' },
    ttlSeconds: 3600,
  };
  const adminId = await createUser('admin@org.test');
  const organization = await createOrganization(db, { name: 'Invite Domain Lending', createdBy: adminId });
  admin = { organizationId: organization.id, userId: adminId };
});
afterAll(() => database.close());

async function accessOf(userId: string) {
  return db
    .select()
    .from(userPortalAccess)
    .where(
      and(eq(userPortalAccess.userId, userId), eq(userPortalAccess.organizationId, admin.organizationId)),
    );
}

describe('inviting', () => {
  it('grants nothing, even to an existing verified user, and answers alike for unknown emails', async () => {
    const existing = await createUser('existing@person.test');
    const known = await inviteMember(
      db,
      admin,
      { email: 'existing@person.test', portal: 'lender', role: 'viewer' },
      services,
    );
    const unknown = await inviteMember(
      db,
      admin,
      { email: 'nobody@person.test', portal: 'lender', role: 'viewer' },
      services,
    );
    expect(await accessOf(existing)).toHaveLength(0);
    const shape = (r: typeof known) => ({
      ...r,
      invitation: { ...r.invitation, id: 'x', email: 'x', expiresAt: 'x', createdAt: 'x' },
      inviteUrl: 'x',
    });
    expect(shape(known)).toEqual(shape(unknown));
    expect(known).toMatchObject({ delivery: 'outbox', refreshed: false, invitation: { status: 'pending' } });
    expect(known.inviteUrl).toMatch(/^http:\/\/lender\.test\/invitations\/[A-Za-z0-9_-]{43}$/);
  });

  it('stores only the hash of the link token, and sends the link by email', async () => {
    const result = await inviteMember(
      db,
      admin,
      { email: 'hash@person.test', portal: 'borrower', role: 'borrower' },
      services,
    );
    const token = tokenOf(result.inviteUrl);
    const [row] = await db
      .select()
      .from(portalInvitations)
      .where(eq(portalInvitations.id, result.invitation.id));
    expect(row?.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const mail = readOutbox(outboxDir).find((m) => m.to === 'hash@person.test');
    expect(mail?.text).toContain(result.inviteUrl);
    expect(mail?.links).toEqual([result.inviteUrl]);
    expect(result.inviteUrl.startsWith('http://borrower.test/')).toBe(true);
  });

  it('re-inviting a pending email renews it (new link, old one dead) and says so', async () => {
    const first = await inviteMember(
      db,
      admin,
      { email: 'again@person.test', portal: 'lender', role: 'viewer' },
      services,
    );
    const second = await inviteMember(
      db,
      admin,
      { email: 'again@person.test', portal: 'lender', role: 'servicer' },
      services,
    );
    expect(second.refreshed).toBe(true);
    expect(second.invitation.id).toBe(first.invitation.id);
    expect(second.invitation.role).toBe('servicer');
    const userId = await createUser('again@person.test');
    await expect(previewInvitation(db, userId, tokenOf(first.inviteUrl))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const preview = await previewInvitation(db, userId, tokenOf(second.inviteUrl));
    expect(preview).toMatchObject({
      addressedToYou: true,
      invitation: { role: 'servicer', status: 'pending' },
    });
  });

  it('refuses a current member with 409 (the only admin, upper-cased, as viewer): roles change only through changeRole', async () => {
    await expect(
      inviteMember(db, admin, { email: 'admin@org.test', portal: 'lender', role: 'viewer' }, services),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already a member/) });
    const [mine] = await accessOf(admin.userId);
    expect(mine).toMatchObject({ role: 'admin', isActive: true });
  });

  it('reports a failed delivery honestly and keeps the invitation and its link', async () => {
    const failing: EmailSender = {
      delivery: 'smtp',
      send: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    };
    const result = await inviteMember(
      db,
      admin,
      { email: 'nomail@person.test', portal: 'lender', role: 'viewer' },
      { ...services, email: failing, logError: () => {} },
    );
    expect(result.delivery).toBe('failed');
    expect(result.inviteUrl).toMatch(/invitations\//);
  });
});

describe('the hourly cap on invitation emails', () => {
  it('refuses with 429 once an organization has sent its allowance, whatever the address', async () => {
    const ownerId = await createUser('capped-owner@org.test');
    const capped = await createOrganization(db, { name: 'Capped Lending', createdBy: ownerId });
    const actor = { organizationId: capped.id, userId: ownerId };
    const limited = { ...services, maxEmailsPerHour: 2 };
    await inviteMember(db, actor, { email: 'one@cap.test', portal: 'lender', role: 'viewer' }, limited);
    const second = await inviteMember(
      db,
      actor,
      { email: 'two@cap.test', portal: 'lender', role: 'viewer' },
      limited,
    );
    await expect(
      inviteMember(db, actor, { email: 'three@cap.test', portal: 'lender', role: 'viewer' }, limited),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await expect(resendInvitation(db, actor, second.invitation.id, limited)).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });
});

describe('answering', () => {
  it('accepting creates the access, marks the invitation redeemed and audits, in one go', async () => {
    const userId = await createUser('accept@person.test');
    const { inviteUrl, invitation } = await inviteMember(
      db,
      admin,
      { email: 'accept@person.test', portal: 'lender', role: 'underwriter' },
      services,
    );
    expect((await listMyInvitations(db, userId)).invitations.map((i) => i.id)).toContain(invitation.id);
    const result = await acceptInvitation(db, userId, { token: tokenOf(inviteUrl), portal: 'lender' });
    expect(result).toMatchObject({ outcome: 'granted', role: 'underwriter', portal: 'lender' });
    expect(await accessOf(userId)).toEqual([
      expect.objectContaining({ role: 'underwriter', isActive: true, grantedBy: admin.userId }),
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, invitation.id));
    expect(audit.map((a) => a.action)).toContain('invitation.accepted');
    expect((await listMyInvitations(db, userId)).invitations).toHaveLength(0);
    // The same link again: nothing changes, and it says so.
    expect(await acceptInvitation(db, userId, { token: tokenOf(inviteUrl) })).toMatchObject({
      outcome: 'already-accepted',
    });
    expect(await accessOf(userId)).toHaveLength(1);
  });

  it('two accepts at once grant exactly once', async () => {
    const userId = await createUser('twice@person.test');
    const { inviteUrl } = await inviteMember(
      db,
      admin,
      { email: 'twice@person.test', portal: 'lender', role: 'viewer' },
      services,
    );
    const results = await Promise.allSettled([
      acceptInvitation(db, userId, { token: tokenOf(inviteUrl) }),
      acceptInvitation(db, userId, { token: tokenOf(inviteUrl) }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : null)).sort();
    expect(outcomes).toEqual(['already-accepted', 'granted']);
    expect(await accessOf(userId)).toHaveLength(1);
  });

  it('refuses another signed-in email with 403 and grants nothing', async () => {
    const { inviteUrl } = await inviteMember(
      db,
      admin,
      { email: 'meant@person.test', portal: 'lender', role: 'admin' },
      services,
    );
    const intruder = await createUser('intruder@person.test');
    const preview = await previewInvitation(db, intruder, tokenOf(inviteUrl));
    expect(preview.addressedToYou).toBe(false);
    expect(JSON.stringify(preview)).not.toContain('meant@person.test');
    await expect(acceptInvitation(db, intruder, { token: tokenOf(inviteUrl) })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(declineInvitation(db, intruder, { token: tokenOf(inviteUrl) })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await accessOf(intruder)).toHaveLength(0);
    const [row] = await db
      .select()
      .from(portalInvitations)
      .where(eq(portalInvitations.email, 'meant@person.test'));
    expect(row?.status).toBe('pending');
  });

  it('refuses an unverified email, and by id treats someone else’s invitation as none', async () => {
    const { invitation } = await inviteMember(
      db,
      admin,
      { email: 'unverified@person.test', portal: 'lender', role: 'viewer' },
      services,
    );
    const unverified = await createUser('unverified@person.test', { verified: false });
    expect((await listMyInvitations(db, unverified)).invitations).toHaveLength(0);
    await expect(acceptInvitation(db, unverified, { invitationId: invitation.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const other = await createUser('other@person.test');
    await expect(acceptInvitation(db, other, { invitationId: invitation.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses expired, cancelled, declined and wrong-portal answers, writing nothing', async () => {
    const userId = await createUser('states@person.test');
    const lender = await inviteMember(
      db,
      admin,
      { email: 'states@person.test', portal: 'lender', role: 'viewer' },
      services,
    );
    await expect(
      acceptInvitation(db, userId, { token: tokenOf(lender.inviteUrl), portal: 'borrower' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/lender portal/) });
    await db
      .update(portalInvitations)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(portalInvitations.id, lender.invitation.id));
    await expect(acceptInvitation(db, userId, { token: tokenOf(lender.inviteUrl) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/expired/),
    });
    expect(
      (await listInvitations(db, admin.organizationId)).invitations.find((i) => i.id === lender.invitation.id)
        ?.status,
    ).toBe('expired');
    // Resending renews it with a new link.
    const resent = await resendInvitation(db, admin, lender.invitation.id, services);
    expect(resent.refreshed).toBe(true);
    await declineInvitation(db, userId, { token: tokenOf(resent.inviteUrl) });
    await declineInvitation(db, userId, { token: tokenOf(resent.inviteUrl) }); // idempotent
    await expect(acceptInvitation(db, userId, { token: tokenOf(resent.inviteUrl) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/declined/),
    });
    const borrower = await inviteMember(
      db,
      admin,
      { email: 'states@person.test', portal: 'borrower', role: 'borrower' },
      services,
    );
    await cancelInvitation(db, admin, borrower.invitation.id);
    await expect(acceptInvitation(db, userId, { token: tokenOf(borrower.inviteUrl) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/cancelled/),
    });
    expect(await accessOf(userId)).toHaveLength(0);
  });

  it('a deactivated member cannot be re-invited (409); an invitation accepted over a deactivated access reactivates it with the invited role', async () => {
    const userId = await createUser('former@person.test');
    const { inviteUrl } = await inviteMember(
      db,
      admin,
      { email: 'former@person.test', portal: 'lender', role: 'servicer' },
      services,
    );
    // Deactivated after the invitation was sent (e.g. an earlier grant turned off meanwhile).
    await db.insert(userPortalAccess).values({
      userId,
      organizationId: admin.organizationId,
      portal: 'lender',
      role: 'viewer',
      isActive: false,
    });
    await expect(
      inviteMember(db, admin, { email: 'former@person.test', portal: 'lender', role: 'viewer' }, services),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/deactivated/) });
    expect(await acceptInvitation(db, userId, { token: tokenOf(inviteUrl) })).toMatchObject({
      outcome: 'reactivated',
      role: 'servicer',
    });
    expect(await accessOf(userId)).toEqual([expect.objectContaining({ role: 'servicer', isActive: true })]);
  });
});
