/**
 * Team management for a lender admin: invitations, roles, access on/off, members' sessions.
 * Every function is scoped by `organizationId` (the caller's active organization) and audited.
 */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Portal, Role } from '../access/access.inputs.ts';
import type { Actor } from '../access/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import {
  appUsers,
  type invitationStatusEnum,
  portalInvitations,
  userPortalAccess,
  userSessions,
} from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import type { IdentityProviderAdmin } from '../identity/identity-provider.ts';
import { closeSession } from '../identity/mirror-users.ts';

export const INVITATION_TTL_DAYS = 14;

type InvitationStatus = (typeof invitationStatusEnum.enumValues)[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function listMembers(db: Executor, organizationId: string) {
  const rows = await db
    .select({
      userId: appUsers.id,
      email: appUsers.email,
      firstName: appUsers.firstName,
      lastName: appUsers.lastName,
      imageUrl: appUsers.imageUrl,
      portal: userPortalAccess.portal,
      role: userPortalAccess.role,
      isActive: userPortalAccess.isActive,
      grantedAt: userPortalAccess.createdAt,
    })
    .from(userPortalAccess)
    .innerJoin(appUsers, eq(appUsers.id, userPortalAccess.userId))
    .where(eq(userPortalAccess.organizationId, organizationId))
    .orderBy(userPortalAccess.portal, appUsers.email);
  return { members: rows.map((r) => ({ ...r, grantedAt: r.grantedAt.toISOString() })) };
}

export async function listInvitations(db: Executor, organizationId: string) {
  const rows = await db
    .select({
      id: portalInvitations.id,
      email: portalInvitations.email,
      portal: portalInvitations.portal,
      role: portalInvitations.role,
      // Expiry is derived when read: nothing needs to write it, and reading changes nothing.
      status: sql<InvitationStatus>`case when ${portalInvitations.status} = 'pending' and ${portalInvitations.expiresAt} <= now() then 'expired' else ${portalInvitations.status}::text end`,
      expiresAt: portalInvitations.expiresAt,
      createdAt: portalInvitations.createdAt,
    })
    .from(portalInvitations)
    .where(eq(portalInvitations.organizationId, organizationId))
    .orderBy(desc(portalInvitations.createdAt))
    .limit(200);
  return {
    invitations: rows.map((r) => ({
      ...r,
      expiresAt: r.expiresAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/**
 * Invites an email to a portal with a role. Re-inviting the same email refreshes the pending
 * invitation (idempotent). If a user with that verified email already exists, access is granted now.
 */
export async function inviteMember(
  db: Executor,
  actor: Actor,
  input: { email: string; portal: Portal; role: Role },
) {
  return inTransaction(db, async (tx) => {
    const expiresAt = sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`;
    const [existingPending] = await tx
      .select({ id: portalInvitations.id })
      .from(portalInvitations)
      .where(
        and(
          eq(portalInvitations.organizationId, actor.organizationId),
          eq(portalInvitations.email, input.email),
          eq(portalInvitations.portal, input.portal),
          eq(portalInvitations.status, 'pending'),
        ),
      );
    const [invitation] = existingPending
      ? await tx
          .update(portalInvitations)
          .set({ role: input.role, expiresAt, invitedBy: actor.userId, updatedAt: sql`now()` })
          .where(eq(portalInvitations.id, existingPending.id))
          .returning()
      : await tx
          .insert(portalInvitations)
          .values({
            organizationId: actor.organizationId,
            email: input.email,
            portal: input.portal,
            role: input.role,
            expiresAt,
            invitedBy: actor.userId,
          })
          .returning();
    if (!invitation) throw new Error('invitation write returned no row');

    const [user] = await tx
      .select({ id: appUsers.id })
      .from(appUsers)
      .where(
        and(
          eq(appUsers.email, input.email),
          eq(appUsers.emailVerified, true),
          eq(appUsers.isActive, true),
          sql`${appUsers.deletedAt} is null`,
        ),
      )
      .limit(1);
    let redeemedImmediately = false;
    if (user) {
      await grantAccess(tx, actor, { userId: user.id, portal: input.portal, role: input.role });
      await tx
        .update(portalInvitations)
        .set({ status: 'redeemed', redeemedBy: user.id, redeemedAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(portalInvitations.id, invitation.id));
      redeemedImmediately = true;
    }
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'invitation.created',
      entityType: 'portal_invitation',
      entityId: invitation.id,
      after: { email: input.email, portal: input.portal, role: input.role, redeemedImmediately },
    });
    return {
      invitation: {
        id: invitation.id,
        email: invitation.email,
        portal: invitation.portal,
        role: invitation.role,
        status: redeemedImmediately ? ('redeemed' as const) : invitation.status,
        expiresAt: invitation.expiresAt.toISOString(),
        createdAt: invitation.createdAt.toISOString(),
      },
      redeemedImmediately,
    };
  });
}

async function grantAccess(
  tx: Executor,
  actor: Actor,
  grant: { userId: string; portal: Portal; role: Role },
) {
  await tx
    .insert(userPortalAccess)
    .values({ ...grant, organizationId: actor.organizationId, grantedBy: actor.userId })
    .onConflictDoUpdate({
      target: [userPortalAccess.userId, userPortalAccess.organizationId, userPortalAccess.portal],
      set: { role: grant.role, isActive: true, grantedBy: actor.userId, updatedAt: sql`now()` },
    });
}

export async function cancelInvitation(db: Executor, actor: Actor, invitationId: string) {
  return inTransaction(db, async (tx) => {
    const [cancelled] = await tx
      .update(portalInvitations)
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where(
        and(
          eq(portalInvitations.id, invitationId),
          eq(portalInvitations.organizationId, actor.organizationId),
          eq(portalInvitations.status, 'pending'),
        ),
      )
      .returning({ id: portalInvitations.id });
    if (!cancelled) throw new DomainError('NOT_FOUND', 'There is no pending invitation with that id.');
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'invitation.cancelled',
      entityType: 'portal_invitation',
      entityId: invitationId,
    });
    return { ok: true as const };
  });
}

async function lockAccess(tx: Executor, organizationId: string, userId: string, portal: Portal) {
  const [row] = await tx
    .select()
    .from(userPortalAccess)
    .where(
      and(
        eq(userPortalAccess.organizationId, organizationId),
        eq(userPortalAccess.userId, userId),
        eq(userPortalAccess.portal, portal),
      ),
    )
    .for('update');
  if (!row)
    throw new DomainError('NOT_FOUND', 'That person has no access to this portal in your organization.');
  return row;
}

/** An organization must keep an active lender admin; the check runs under the rows' locks. */
async function assertAnotherActiveAdmin(tx: Executor, organizationId: string, exceptUserId: string) {
  const others = await tx
    .select({ id: userPortalAccess.id })
    .from(userPortalAccess)
    .where(
      and(
        eq(userPortalAccess.organizationId, organizationId),
        eq(userPortalAccess.portal, 'lender'),
        eq(userPortalAccess.role, 'admin'),
        eq(userPortalAccess.isActive, true),
        ne(userPortalAccess.userId, exceptUserId),
      ),
    )
    .for('update');
  if (others.length === 0) {
    throw new DomainError(
      'CONFLICT',
      'Your organization needs at least one active admin. Make someone else admin first.',
    );
  }
}

export async function changeRole(
  db: Executor,
  actor: Actor,
  input: { userId: string; portal: Portal; role: Role },
) {
  return inTransaction(db, async (tx) => {
    const before = await lockAccess(tx, actor.organizationId, input.userId, input.portal);
    if (before.role === input.role) return { ok: true as const };
    if (before.portal === 'lender' && before.role === 'admin' && before.isActive) {
      await assertAnotherActiveAdmin(tx, actor.organizationId, input.userId);
    }
    await tx
      .update(userPortalAccess)
      .set({ role: input.role, updatedAt: sql`now()` })
      .where(eq(userPortalAccess.id, before.id));
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'access.role_changed',
      entityType: 'user_portal_access',
      entityId: before.id,
      before: { role: before.role },
      after: { role: input.role },
    });
    return { ok: true as const };
  });
}

export async function setAccessActive(
  db: Executor,
  actor: Actor,
  input: { userId: string; portal: Portal; isActive: boolean },
) {
  return inTransaction(db, async (tx) => {
    const before = await lockAccess(tx, actor.organizationId, input.userId, input.portal);
    if (before.isActive === input.isActive) return { ok: true as const };
    if (!input.isActive && before.portal === 'lender' && before.role === 'admin') {
      await assertAnotherActiveAdmin(tx, actor.organizationId, input.userId);
    }
    await tx
      .update(userPortalAccess)
      .set({ isActive: input.isActive, updatedAt: sql`now()` })
      .where(eq(userPortalAccess.id, before.id));
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: input.isActive ? 'access.reactivated' : 'access.deactivated',
      entityType: 'user_portal_access',
      entityId: before.id,
      before: { isActive: before.isActive },
      after: { isActive: input.isActive },
    });
    return { ok: true as const };
  });
}

function memberIds(db: Executor, organizationId: string) {
  return db
    .select({ userId: userPortalAccess.userId })
    .from(userPortalAccess)
    .where(eq(userPortalAccess.organizationId, organizationId));
}

/** Active sessions of the organization's members (lender and borrower portal alike). */
export async function listMemberSessions(db: Executor, organizationId: string) {
  const rows = await db
    .select({
      id: userSessions.id,
      userId: userSessions.userId,
      email: appUsers.email,
      firstName: appUsers.firstName,
      lastName: appUsers.lastName,
      status: userSessions.status,
      createdAt: userSessions.createdAt,
      lastActiveAt: userSessions.lastActiveAt,
    })
    .from(userSessions)
    .innerJoin(appUsers, eq(appUsers.id, userSessions.userId))
    .where(
      and(eq(userSessions.status, 'active'), inArray(userSessions.userId, memberIds(db, organizationId))),
    )
    .orderBy(desc(userSessions.createdAt))
    .limit(500);
  return {
    sessions: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      lastActiveAt: iso(r.lastActiveAt),
    })),
  };
}

/**
 * Revokes a member's session at the identity provider, then marks it revoked here at once so the
 * next request with its token is refused without waiting for the webhook.
 */
export async function revokeMemberSession(
  db: Executor,
  identityAdmin: IdentityProviderAdmin,
  actor: Actor,
  sessionId: string,
) {
  const [session] = await db
    .select({ id: userSessions.id, userId: userSessions.userId, status: userSessions.status })
    .from(userSessions)
    .where(
      and(eq(userSessions.id, sessionId), inArray(userSessions.userId, memberIds(db, actor.organizationId))),
    );
  if (!session) throw new DomainError('NOT_FOUND', 'There is no session with that id among your members.');
  if (session.status !== 'active') return { ok: true as const };
  await identityAdmin.revokeSession(sessionId);
  await inTransaction(db, async (tx) => {
    await closeSession(tx, sessionId, 'revoked');
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'session.revoked',
      entityType: 'user_session',
      entityId: sessionId,
      after: { userId: session.userId },
    });
  });
  return { ok: true as const };
}
