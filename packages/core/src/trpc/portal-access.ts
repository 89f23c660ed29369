/**
 * The one middleware that decides portal access. On every call it reads, in one query, the caller's
 * user and session (still live?) and their `user_portal_access` row for (active organization, the
 * procedure's portal): no cache, so a revoked session or access is refused on the very next request.
 * Row-level rules come after, in the domain (scoped by organization, and for borrowers by party).
 */
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { type PortalAccess, roleSatisfies } from '../access/access.ts';
import type { Database } from '../db/client.ts';
import { appUsers, userPortalAccess, userSessions } from '../db/schema/index.ts';
import { liveSessionColumns, refusalFor, SESSION_NOT_THE_USERS } from '../identity/authenticate-session.ts';
import type { Context, ProcedureMeta } from './context.ts';

/** The access lookup, prepared once per database: it runs on every portal call. */
const preparedByDatabase = new WeakMap<Database, ReturnType<typeof prepareAccessLookup>>();
function prepareAccessLookup(db: Database) {
  return (
    db
      .select({ ...liveSessionColumns(), role: userPortalAccess.role })
      .from(appUsers)
      // The session must be the token's `sid` AND belong to the token's `sub`.
      .leftJoin(
        userSessions,
        and(eq(userSessions.id, sql.placeholder('sessionId')), eq(userSessions.userId, appUsers.id)),
      )
      .leftJoin(
        userPortalAccess,
        and(
          eq(userPortalAccess.userId, appUsers.id),
          eq(userPortalAccess.organizationId, sql.placeholder('organizationId')),
          eq(userPortalAccess.portal, sql.placeholder('portal')),
          eq(userPortalAccess.isActive, true),
        ),
      )
      .where(eq(appUsers.id, sql.placeholder('userId')))
      .limit(1)
      .prepare('portal_access_lookup')
  );
}
function accessLookup(db: Database) {
  let prepared = preparedByDatabase.get(db);
  if (!prepared) {
    prepared = prepareAccessLookup(db);
    preparedByDatabase.set(db, prepared);
  }
  return prepared;
}

export type PortalAccessContext = PortalAccess;

/** Resolves the caller's access for this procedure or throws 401/403 (400 without an organization). */
export async function authorizePortalCall(
  c: Context,
  meta: ProcedureMeta | undefined,
): Promise<PortalAccessContext> {
  const access = meta?.access;
  if (access?.kind !== 'portal') {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Procedure declares no portal.' });
  }
  const token = c.token;
  if (token.status !== 'claimed') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: token.refusal ?? 'Sign in to continue.' });
  }
  if (!c.organizationId) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: c.organizationHeader
        ? 'The x-organization-id header is not a valid organization id.'
        : 'Choose an organization: the x-organization-id header is missing.',
    });
  }
  const lookup = accessLookup(c.db);
  const params = {
    userId: token.userId,
    sessionId: token.sessionId,
    organizationId: c.organizationId,
    portal: access.portal,
  };
  let [row] = await lookup.execute(params);
  if (!row?.known || !row.sessionStatus) {
    // First request of a user or session the webhooks have not brought yet: the full check records them.
    const identity = await c.services.authenticator.confirm(token);
    if (identity.status !== 'signed-in') {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: identity.refusal ?? 'Sign in to continue.' });
    }
    [row] = await lookup.execute(params);
  }
  const refusal = refusalFor(row) ?? (row?.sessionStatus ? undefined : SESSION_NOT_THE_USERS);
  if (refusal) throw new TRPCError({ code: 'UNAUTHORIZED', message: refusal });
  if (!row?.role) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `You do not have access to the ${access.portal} portal of this organization.`,
    });
  }
  if (!roleSatisfies(row.role, access.minRole)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `This needs the ${access.minRole} role; you are ${row.role}.`,
    });
  }
  return {
    userId: token.userId,
    sessionId: token.sessionId,
    organizationId: c.organizationId,
    portal: access.portal,
    role: row.role,
  };
}
