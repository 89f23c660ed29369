/**
 * Loan applications: the borrower's step-by-step application, the lender's pipeline and workspace.
 * Status changes go through ./state-machine.ts only.
 */
import { and, eq } from 'drizzle-orm';
import type { PortalAccess } from '../access/access.ts';
import type { Executor } from '../db/client.ts';
import { applications } from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';

/** Who may look at an application: the caller's portal access, as the access middleware resolved it. */
export type ApplicationViewer = Pick<PortalAccess, 'organizationId' | 'userId' | 'portal'>;

export const APPLICATION_NOT_FOUND = 'That application was not found.';

/**
 * The application, if the caller is a party to it: a borrower must be its borrower (in that
 * organization), lender staff must belong to its organization. Anything else is NOT_FOUND, worded
 * the same whether or not the application exists, so nothing about others' applications leaks.
 * The documents area reuses this for download authorization.
 */
export async function assertApplicationParty(
  db: Executor,
  access: ApplicationViewer,
  applicationId: string,
): Promise<typeof applications.$inferSelect> {
  const conditions = [
    eq(applications.id, applicationId),
    eq(applications.organizationId, access.organizationId),
  ];
  if (access.portal === 'borrower') conditions.push(eq(applications.borrowerUserId, access.userId));
  const [row] = await db
    .select()
    .from(applications)
    .where(and(...conditions))
    .limit(1);
  if (!row) throw new DomainError('NOT_FOUND', APPLICATION_NOT_FOUND);
  return row;
}
