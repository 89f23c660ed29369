/** Organizations (tenants): creation with the creator as lender admin, the public profile, borrower sign-up. */
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import { organizations, userPortalAccess } from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';

export interface OrganizationSummary {
  id: string;
  name: string;
  slug: string;
}

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return base || 'lender';
}

/**
 * Creates the organization and makes the caller its lender admin, in one transaction. The slug is
 * the name's, with a number appended when taken (ON CONFLICT keeps concurrent sign-ups apart).
 */
export async function createOrganization(
  db: Executor,
  input: { name: string; createdBy: string },
): Promise<OrganizationSummary> {
  return inTransaction(db, async (tx) => {
    const base = slugify(input.name);
    let organization: OrganizationSummary | undefined;
    for (let n = 1; !organization; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      [organization] = await tx
        .insert(organizations)
        .values({ name: input.name, slug, createdBy: input.createdBy })
        .onConflictDoNothing({ target: organizations.slug })
        .returning({ id: organizations.id, name: organizations.name, slug: organizations.slug });
    }
    await tx.insert(userPortalAccess).values({
      userId: input.createdBy,
      organizationId: organization.id,
      portal: 'lender',
      role: 'admin',
      grantedBy: input.createdBy,
    });
    await recordAudit(tx, {
      organizationId: organization.id,
      actorUserId: input.createdBy,
      action: 'organization.created',
      entityType: 'organization',
      entityId: organization.id,
      after: organization,
    });
    return organization;
  });
}

export async function getOrganizationBySlug(db: Executor, slug: string): Promise<OrganizationSummary> {
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!organization)
    throw new DomainError('NOT_FOUND', 'There is no lender with that link. Check the address.');
  return organization;
}

export async function getOrganization(db: Executor, id: string): Promise<OrganizationSummary> {
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, id));
  if (!organization) throw new DomainError('NOT_FOUND', 'That organization does not exist.');
  return organization;
}

/**
 * The public apply link: a signed-in user joins the organization as a borrower. Idempotent; a
 * borrower whose access the lender deactivated is not silently let back in.
 */
export async function joinAsBorrower(
  db: Executor,
  input: { slug: string; userId: string },
): Promise<OrganizationSummary> {
  return inTransaction(db, async (tx) => {
    const organization = await getOrganizationBySlug(tx, input.slug);
    const inserted = await tx
      .insert(userPortalAccess)
      .values({
        userId: input.userId,
        organizationId: organization.id,
        portal: 'borrower',
        role: 'borrower',
        grantedBy: null,
      })
      .onConflictDoNothing()
      .returning({ id: userPortalAccess.id });
    if (inserted.length === 0) {
      const [existing] = await tx
        .select({ isActive: userPortalAccess.isActive })
        .from(userPortalAccess)
        .where(
          and(
            eq(userPortalAccess.userId, input.userId),
            eq(userPortalAccess.organizationId, organization.id),
            eq(userPortalAccess.portal, 'borrower'),
          ),
        );
      if (existing && !existing.isActive) {
        throw new DomainError(
          'FORBIDDEN',
          `Your borrower access to ${organization.name} was turned off. Contact ${organization.name} to have it restored.`,
        );
      }
      return organization;
    }
    await recordAudit(tx, {
      organizationId: organization.id,
      actorUserId: input.userId,
      action: 'borrower.joined',
      entityType: 'user_portal_access',
      entityId: inserted[0]!.id,
      after: { portal: 'borrower', role: 'borrower', via: 'apply-link' },
    });
    return organization;
  });
}

export interface AccessSummary {
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  portal: 'lender' | 'borrower';
  role: 'admin' | 'underwriter' | 'servicer' | 'viewer' | 'borrower';
}

export async function listActiveAccesses(db: Executor, userId: string): Promise<AccessSummary[]> {
  return db
    .select({
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      portal: userPortalAccess.portal,
      role: userPortalAccess.role,
    })
    .from(userPortalAccess)
    .innerJoin(organizations, eq(organizations.id, userPortalAccess.organizationId))
    .where(and(eq(userPortalAccess.userId, userId), eq(userPortalAccess.isActive, true)))
    .orderBy(organizations.name, userPortalAccess.portal);
}
