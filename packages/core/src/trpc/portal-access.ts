/**
 * The one middleware that decides portal access. On every call it reads `user_portal_access` for
 * (caller, active organization, the procedure's portal): no cache, so a revoked access is refused
 * on the very next request. Row-level rules come after, in the domain (scoped by organization,
 * and for borrowers by party).
 */
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { userPortalAccess } from '../db/schema/index.ts';
import type { Role } from '../schemas.ts';
import type { Context, ProcedureMeta } from './trpc.ts';

/** Which required roles a held role satisfies. Underwriter and servicer are separate lines of work. */
const ROLE_SATISFIES: Record<Role, readonly Role[]> = {
  admin: ['admin', 'underwriter', 'servicer', 'viewer'],
  underwriter: ['underwriter', 'viewer'],
  servicer: ['servicer', 'viewer'],
  viewer: ['viewer'],
  borrower: ['borrower'],
};

export function roleSatisfies(held: Role, required: Role): boolean {
  return ROLE_SATISFIES[held].includes(required);
}

export interface PortalAccessContext {
  userId: string;
  organizationId: string;
  portal: 'lender' | 'borrower';
  role: Role;
}

/** Resolves the caller's access for this procedure or throws 401/403 (400 without an organization). */
export async function authorizePortalCall(
  c: Context,
  meta: ProcedureMeta | undefined,
): Promise<PortalAccessContext> {
  const access = meta?.access;
  if (access?.kind !== 'portal') {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Procedure declares no portal.' });
  }
  if (c.identity.status !== 'signed-in')
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  if (!c.organizationId) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: c.organizationHeader
        ? 'The x-organization-id header is not a valid organization id.'
        : 'Choose an organization: the x-organization-id header is missing.',
    });
  }
  const [row] = await c.db
    .select({ role: userPortalAccess.role })
    .from(userPortalAccess)
    .where(
      and(
        eq(userPortalAccess.userId, c.identity.userId),
        eq(userPortalAccess.organizationId, c.organizationId),
        eq(userPortalAccess.portal, access.portal),
        eq(userPortalAccess.isActive, true),
      ),
    )
    .limit(1);
  if (!row) {
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
    userId: c.identity.userId,
    organizationId: c.organizationId,
    portal: access.portal,
    role: row.role,
  };
}
