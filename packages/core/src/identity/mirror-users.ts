/**
 * Keeps `app_users` and `user_sessions` in step with Clerk. Events may arrive late, twice or out of
 * order, so every write is an idempotent upsert guarded by Clerk's own `updated_at`, deletion is
 * terminal, and a session never goes back to active once it has ended.
 */
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import { appUsers, userPortalAccess, userSessions } from '../db/schema/index.ts';
import {
  type ClerkSessionJson,
  type ClerkUserJson,
  mirroredFields,
  sessionActivity,
} from './clerk-payloads.ts';

export async function upsertUserFromClerk(tx: Executor, user: ClerkUserJson): Promise<void> {
  const fields = mirroredFields(user);
  const clerkUpdatedAt = user.updated_at ?? user.created_at ?? 0;
  const isActive = !fields.banned && !fields.locked;
  await tx
    .insert(appUsers)
    .values({ id: user.id, ...fields, isActive, clerkUpdatedAt })
    .onConflictDoUpdate({
      target: appUsers.id,
      set: {
        email: sql`excluded.email`,
        emailVerified: sql`excluded.email_verified`,
        firstName: sql`excluded.first_name`,
        lastName: sql`excluded.last_name`,
        imageUrl: sql`excluded.image_url`,
        banned: sql`excluded.banned`,
        locked: sql`excluded.locked`,
        isActive: sql`excluded.is_active`,
        clerkUpdatedAt: sql`excluded.clerk_updated_at`,
        updatedAt: sql`now()`,
      },
      // A deleted user stays deleted; an older event never overwrites a newer one.
      setWhere: sql`${appUsers.deletedAt} is null and (${appUsers.clerkUpdatedAt} is null or ${appUsers.clerkUpdatedAt} <= excluded.clerk_updated_at)`,
    });
  // Invitations are never redeemed here: access is granted only when the invitee accepts one.
}

/** Soft delete: the row stays for the audit trail; every access is deactivated and every session ended. */
export async function softDeleteUser(tx: Executor, userId: string): Promise<void> {
  await tx
    .insert(appUsers)
    .values({ id: userId, isActive: false, deletedAt: sql`now()` })
    .onConflictDoUpdate({
      target: appUsers.id,
      set: { isActive: false, deletedAt: sql`coalesce(${appUsers.deletedAt}, now())`, updatedAt: sql`now()` },
    });
  await tx
    .update(userPortalAccess)
    .set({ isActive: false, updatedAt: sql`now()` })
    .where(and(eq(userPortalAccess.userId, userId), eq(userPortalAccess.isActive, true)));
  await tx
    .update(userSessions)
    .set({ status: 'ended', endedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(userSessions.userId, userId), eq(userSessions.status, 'active')));
  await recordAudit(tx, {
    organizationId: null,
    actorUserId: null,
    action: 'user.deleted',
    entityType: 'app_user',
    entityId: userId,
  });
}

export type SessionStatus = 'active' | 'ended' | 'revoked' | 'removed' | 'expired' | 'abandoned';

function epochMsToDate(ms: number | null | undefined): Date | undefined {
  return typeof ms === 'number' ? new Date(ms) : undefined;
}

/**
 * Records a session in a status. A session event may come before its user: a stub user row keeps
 * the foreign key and is filled in by the user event when it arrives.
 */
export async function recordSession(
  tx: Executor,
  session: ClerkSessionJson,
  status: SessionStatus,
): Promise<void> {
  await tx.insert(appUsers).values({ id: session.user_id }).onConflictDoNothing();
  const ended = status !== 'active';
  const now = sql`now()`;
  const activity = sessionActivity(session);
  await tx
    .insert(userSessions)
    .values({
      id: session.id,
      userId: session.user_id,
      status,
      createdAt: epochMsToDate(session.created_at),
      lastActiveAt: epochMsToDate(session.last_active_at),
      endedAt: ended && status !== 'revoked' ? now : null,
      revokedAt: status === 'revoked' ? now : null,
      ...activity,
    })
    .onConflictDoUpdate({
      target: userSessions.id,
      set: {
        status: sql`case when ${userSessions.status} = 'active' then excluded.status else ${userSessions.status} end`,
        endedAt: sql`coalesce(${userSessions.endedAt}, excluded.ended_at)`,
        revokedAt: sql`coalesce(${userSessions.revokedAt}, excluded.revoked_at)`,
        lastActiveAt: sql`greatest(${userSessions.lastActiveAt}, excluded.last_active_at)`,
        // An event without activity (e.g. session.ended) keeps what an earlier one said.
        browser: sql`coalesce(excluded.browser, ${userSessions.browser})`,
        deviceType: sql`coalesce(excluded.device_type, ${userSessions.deviceType})`,
        city: sql`coalesce(excluded.city, ${userSessions.city})`,
        country: sql`coalesce(excluded.country, ${userSessions.country})`,
        ipAddress: sql`coalesce(excluded.ip_address, ${userSessions.ipAddress})`,
        updatedAt: now,
      },
    });
}

/** Marks a session ended/revoked right away (e.g. after revoking it at the identity provider). */
export async function closeSession(
  tx: Executor,
  sessionId: string,
  status: Exclude<SessionStatus, 'active'>,
) {
  await tx
    .update(userSessions)
    .set({
      status,
      endedAt: status === 'revoked' ? undefined : sql`now()`,
      revokedAt: status === 'revoked' ? sql`now()` : undefined,
      updatedAt: sql`now()`,
    })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.status, 'active')));
}
