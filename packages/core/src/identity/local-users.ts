/** The people the local identity provider's sign-in page lists (local mode only). */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { appUsers, organizations, userPortalAccess } from '../db/schema/index.ts';

export interface LocalUserSummary {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  imageUrl: string | null;
  /** "Lender admin at Demo Lending, Borrower at …", or "No access yet". */
  description: string;
}

export async function listLocalUsers(db: Executor): Promise<LocalUserSummary[]> {
  const rows = await db
    .select({
      id: appUsers.id,
      email: appUsers.email,
      firstName: appUsers.firstName,
      lastName: appUsers.lastName,
      imageUrl: appUsers.imageUrl,
      portal: userPortalAccess.portal,
      role: userPortalAccess.role,
      organizationName: organizations.name,
    })
    .from(appUsers)
    .leftJoin(
      userPortalAccess,
      and(eq(userPortalAccess.userId, appUsers.id), eq(userPortalAccess.isActive, true)),
    )
    .leftJoin(organizations, eq(organizations.id, userPortalAccess.organizationId))
    .where(and(isNull(appUsers.deletedAt), eq(appUsers.isActive, true)))
    .orderBy(asc(appUsers.createdAt), asc(appUsers.email));
  const users = new Map<string, Omit<LocalUserSummary, 'description'> & { roles: string[] }>();
  for (const row of rows) {
    const user = users.get(row.id) ?? {
      id: row.id,
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      imageUrl: row.imageUrl,
      roles: [],
    };
    if (row.role) {
      user.roles.push(
        `${row.portal === 'lender' ? `Lender ${row.role}` : 'Borrower'} at ${row.organizationName}`,
      );
    }
    users.set(row.id, user);
  }
  return [...users.values()].map(({ roles, ...user }) => ({
    ...user,
    description: roles.length > 0 ? roles.join(', ') : 'No access yet',
  }));
}
