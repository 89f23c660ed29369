import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { appUsers } from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { type AccessSummary, listActiveAccesses } from '../organizations/organizations.ts';

export interface CurrentUser {
  user: {
    id: string;
    email: string | null;
    firstName: string | null;
    lastName: string | null;
    imageUrl: string | null;
  };
  accesses: AccessSummary[];
}

export async function getCurrentUser(db: Executor, userId: string): Promise<CurrentUser> {
  const [user] = await db
    .select({
      id: appUsers.id,
      email: appUsers.email,
      firstName: appUsers.firstName,
      lastName: appUsers.lastName,
      imageUrl: appUsers.imageUrl,
    })
    .from(appUsers)
    .where(eq(appUsers.id, userId));
  if (!user) throw new DomainError('UNAUTHORIZED', 'This user is not known. Sign in again.');
  return { user, accesses: await listActiveAccesses(db, userId) };
}
