import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { appUsers, userPortalAccess } from '../db/schema/index.ts';

/** Active admins and servicers of the organization: who hears about servicing events. */
export async function servicingStaff(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: userPortalAccess.userId })
    .from(userPortalAccess)
    .innerJoin(appUsers, eq(appUsers.id, userPortalAccess.userId))
    .where(
      and(
        eq(userPortalAccess.organizationId, organizationId),
        eq(userPortalAccess.portal, 'lender'),
        eq(userPortalAccess.isActive, true),
        eq(appUsers.isActive, true),
        inArray(userPortalAccess.role, ['admin', 'servicer']),
      ),
    );
  return rows.map((r) => r.userId);
}
