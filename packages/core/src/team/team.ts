/**
 * Team management for a lender admin: staff and borrowers, roles, access on/off, staff sessions.
 * Invitations live in ../invitations/.
 * Every function is scoped by `organizationId` (the caller's active organization) and audited.
 */
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Portal, Role } from '../access/access.inputs.ts';
import type { Actor } from '../access/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import { appUsers, userPortalAccess, userSessions } from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { type IdentityProviderAdmin, IdentityProviderError } from '../identity/identity-provider.ts';
import { closeSession } from '../identity/mirror-users.ts';

/** A LIKE pattern that matches `text` literally anywhere (its %, _ and \\ escaped). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface PeopleQuery {
  search?: string | undefined;
  status?: 'active' | 'deactivated' | undefined;
  role?: Role | undefined;
  page: number;
  pageSize: number;
}

/** One portal's people in the organization: searched, filtered and paged in SQL (one row per person). */
async function listPeople(db: Executor, organizationId: string, portal: Portal, query: PeopleQuery) {
  const filters = [eq(userPortalAccess.organizationId, organizationId), eq(userPortalAccess.portal, portal)];
  if (query.status) filters.push(eq(userPortalAccess.isActive, query.status === 'active'));
  if (query.role) filters.push(eq(userPortalAccess.role, query.role));
  if (query.search) {
    const pattern = containsPattern(query.search);
    filters.push(
      sql`(${appUsers.email} ilike ${pattern} or concat_ws(' ', ${appUsers.firstName}, ${appUsers.lastName}) ilike ${pattern})`,
    );
  }
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
      total: sql<number>`cast(count(*) over () as integer)`,
    })
    .from(userPortalAccess)
    .innerJoin(appUsers, eq(appUsers.id, userPortalAccess.userId))
    .where(and(...filters))
    .orderBy(
      desc(userPortalAccess.isActive),
      sql`lower(coalesce(nullif(concat_ws(' ', ${appUsers.firstName}, ${appUsers.lastName}), ''), ${appUsers.email}))`,
      appUsers.id,
    )
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.page > 1) {
    // Past the last page: still say how many there are, so the pager can step back.
    const [counted] = await db
      .select({ total: sql<number>`cast(count(*) as integer)` })
      .from(userPortalAccess)
      .innerJoin(appUsers, eq(appUsers.id, userPortalAccess.userId))
      .where(and(...filters));
    total = counted?.total ?? 0;
  }
  return {
    members: rows.map(({ total: _total, ...person }) => person),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The organization's staff (lender portal access), searched, filtered and paged. */
export function listStaff(db: Executor, organizationId: string, query: PeopleQuery) {
  return listPeople(db, organizationId, 'lender', query);
}

/** The organization's borrowers (borrower portal access), searched, filtered and paged. */
export function listBorrowers(db: Executor, organizationId: string, query: Omit<PeopleQuery, 'role'>) {
  return listPeople(db, organizationId, 'borrower', query);
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

/**
 * The organization's staff, for sessions: people with active, accepted lender access here. A
 * borrower, a deactivated grant or a pending invitation confers nothing.
 */
function isActiveStaff(organizationId: string) {
  return sql`exists (select 1 from ${userPortalAccess} where ${userPortalAccess.userId} = ${userSessions.userId} and ${userPortalAccess.organizationId} = ${organizationId} and ${userPortalAccess.portal} = 'lender' and ${userPortalAccess.isActive})`;
}

const sessionColumns = {
  id: userSessions.id,
  userId: userSessions.userId,
  email: appUsers.email,
  firstName: appUsers.firstName,
  lastName: appUsers.lastName,
  imageUrl: appUsers.imageUrl,
  status: userSessions.status,
  createdAt: userSessions.createdAt,
  lastActiveAt: userSessions.lastActiveAt,
  endedAt: userSessions.endedAt,
  revokedAt: userSessions.revokedAt,
  browser: userSessions.browser,
  deviceType: userSessions.deviceType,
  city: userSessions.city,
  country: userSessions.country,
  ipAddress: userSessions.ipAddress,
};

/**
 * Sessions of the organization's own staff: the active ones, and the 20 that ended most recently
 * (kept apart so ended sessions do not pile up among the live ones).
 */
export async function listStaffSessions(db: Executor, organizationId: string) {
  const active = await db
    .select(sessionColumns)
    .from(userSessions)
    .innerJoin(appUsers, eq(appUsers.id, userSessions.userId))
    .where(and(eq(userSessions.status, 'active'), isActiveStaff(organizationId)))
    .orderBy(desc(sql`coalesce(${userSessions.lastActiveAt}, ${userSessions.createdAt})`))
    .limit(500);
  const ended = await db
    .select(sessionColumns)
    .from(userSessions)
    .innerJoin(appUsers, eq(appUsers.id, userSessions.userId))
    .where(and(ne(userSessions.status, 'active'), isActiveStaff(organizationId)))
    .orderBy(desc(userSessions.updatedAt))
    .limit(20);
  return { sessions: active, endedSessions: ended };
}

export type RevokeOutcome = 'revoked' | 'ended-locally' | 'revoked-locally';

/**
 * Revokes a staff member's session at the identity provider, then marks it here at once so the next
 * request with its token is refused without waiting for the webhook. If the provider cannot be
 * reached or fails, nothing changes here (502/503). If it does not know the session (404), the
 * session is ended here. Without a Backend API (only CLERK_JWT_KEY), it is revoked here only.
 */
export async function revokeStaffSession(
  db: Executor,
  identityAdmin: IdentityProviderAdmin,
  actor: Actor,
  sessionId: string,
): Promise<{ ok: true; outcome: RevokeOutcome | 'already-ended' }> {
  const [session] = await db
    .select({ id: userSessions.id, userId: userSessions.userId, status: userSessions.status })
    .from(userSessions)
    .where(and(eq(userSessions.id, sessionId), isActiveStaff(actor.organizationId)));
  if (!session) throw new DomainError('NOT_FOUND', 'There is no session with that id among your staff.');
  if (session.status !== 'active') return { ok: true, outcome: 'already-ended' };
  let answer: Awaited<ReturnType<IdentityProviderAdmin['revokeSession']>>;
  try {
    answer = await identityAdmin.revokeSession(sessionId);
  } catch (error) {
    if (error instanceof IdentityProviderError) {
      throw new DomainError(
        error.kind === 'unreachable' ? 'SERVICE_UNAVAILABLE' : 'BAD_GATEWAY',
        error.kind === 'unreachable'
          ? 'The identity provider (Clerk) cannot be reached right now, so the session was not revoked. Try again in a minute.'
          : 'The identity provider (Clerk) answered with an error, so the session was not revoked. Try again in a minute.',
      );
    }
    throw error;
  }
  const outcome: RevokeOutcome =
    answer === 'unknown' ? 'ended-locally' : answer === 'local-only' ? 'revoked-locally' : 'revoked';
  await inTransaction(db, async (tx) => {
    await closeSession(tx, sessionId, outcome === 'ended-locally' ? 'ended' : 'revoked');
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'session.revoked',
      entityType: 'user_session',
      entityId: sessionId,
      after: { userId: session.userId, outcome },
    });
  });
  return { ok: true, outcome };
}
