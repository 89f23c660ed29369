/**
 * Organizations (tenants): creation with the creator as lender admin, settings (name, link name,
 * contact details), the public profile, borrower sign-up.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../access/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import { organizations, userPortalAccess } from '../db/schema/index.ts';
import { inTransaction, isUniqueViolation } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import type { OrganizationSettings, UpdateOrganizationSettingsInput } from './organizations.inputs.ts';
import { updateOrganizationSettingsInput } from './organizations.inputs.ts';

export interface OrganizationSummary {
  id: string;
  name: string;
  slug: string;
  /** Tells apart organizations of the same name (switcher, lender lists); null when not given. */
  city: string | null;
}

const summaryColumns = {
  id: organizations.id,
  name: organizations.name,
  slug: organizations.slug,
  city: organizations.city,
};

/** The readable part of a slug, from a name: ASCII-folded, lower-case, hyphens; '' when nothing is left. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/** No 0/o, 1/l/i: a suffix someone may have to read out or type from a printed link. */
const SUFFIX_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const SUFFIX_LENGTH = 6;

export function randomSlugSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SUFFIX_LENGTH));
  // 256 % 31 leaves a bias of under 1 %: irrelevant for telling slugs apart.
  return Array.from(bytes, (byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]).join('');
}

/**
 * The slugs to try, in order: the name's own (pretty, for the first organization of that name),
 * then the name's with a random suffix. A name with nothing usable (emoji only, non-Latin script)
 * gets `lender-<suffix>` at once, rather than every such company fighting over one word.
 */
export function slugCandidates(name: string, attempts = 4): string[] {
  const base = slugify(name);
  const candidates = base ? [base] : [];
  while (candidates.length < attempts) candidates.push(`${base || 'lender'}-${randomSlugSuffix()}`);
  return candidates;
}

/**
 * Creates the organization and makes the caller its lender admin, in one transaction. The slug is
 * the name's; when taken, a random 6-character suffix is appended (one more insert, whatever the
 * number of organizations of that name — probing -2, -3, … grew with each one). ON CONFLICT keeps
 * concurrent sign-ups apart; a suffix collision (1 in ~887 million) just tries another.
 */
export async function createOrganization(
  db: Executor,
  input: { name: string; createdBy: string },
): Promise<OrganizationSummary> {
  return inTransaction(db, async (tx) => {
    let organization: OrganizationSummary | undefined;
    for (const slug of slugCandidates(input.name)) {
      [organization] = await tx
        .insert(organizations)
        .values({ name: input.name, slug, createdBy: input.createdBy })
        .onConflictDoNothing({ target: organizations.slug })
        .returning(summaryColumns);
      if (organization) break;
    }
    if (!organization)
      throw new Error(`No free slug found for "${input.name}" after several random suffixes.`);
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

const settingsColumns = {
  id: organizations.id,
  name: organizations.name,
  slug: organizations.slug,
  contactEmail: organizations.contactEmail,
  phone: organizations.phone,
  addressLine1: organizations.addressLine1,
  addressLine2: organizations.addressLine2,
  city: organizations.city,
  region: organizations.region,
  postalCode: organizations.postalCode,
  country: organizations.country,
  updatedAt: organizations.updatedAt,
};

type SettingsRow = Omit<OrganizationSettings, 'updatedAt'> & { updatedAt: Date };
type EditableField = Exclude<keyof OrganizationSettings, 'id' | 'updatedAt'>;

function toSettings(row: SettingsRow): OrganizationSettings {
  return { ...row, updatedAt: row.updatedAt.toISOString() };
}

/** Settings → Organization: name, link name and contact details (any lender role reads them). */
export async function getOrganizationSettings(
  db: Executor,
  organizationId: string,
): Promise<OrganizationSettings> {
  const [row] = await db
    .select(settingsColumns)
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!row) throw new DomainError('NOT_FOUND', 'That organization does not exist.');
  return toSettings(row);
}

function slugTaken(slug: string): DomainError {
  return new DomainError(
    'CONFLICT',
    `The link name “${slug}” is already used by another organization. Choose another one.`,
  );
}

/**
 * An admin edits the organization's settings: fields left out stay, `null`/empty clears. Only what
 * actually changes is written and audited (before/after of those fields), in one transaction that
 * locks the row, so two concurrent edits apply one after the other. Changing the slug changes the
 * public apply link; the old link stops working at once (docs/decisions.md).
 */
export async function updateOrganizationSettings(
  db: Executor,
  actor: Actor,
  rawInput: UpdateOrganizationSettingsInput,
): Promise<OrganizationSettings> {
  // Parsed here too, so direct callers get the same trimming, caps and clearing as the API.
  const parsed = updateOrganizationSettingsInput.safeParse(rawInput);
  if (!parsed.success) {
    throw new DomainError(
      'BAD_REQUEST',
      parsed.error.issues[0]?.message ?? 'Some of the values are not valid.',
    );
  }
  const input = parsed.data;
  return inTransaction(db, async (tx) => {
    const [current] = await tx
      .select(settingsColumns)
      .from(organizations)
      .where(eq(organizations.id, actor.organizationId))
      .for('update');
    if (!current) throw new DomainError('NOT_FOUND', 'That organization does not exist.');

    // The schema makes `name` and `slug` strings when present; only the details can be null.
    const changes: Partial<Pick<typeof organizations.$inferInsert, EditableField>> = {};
    const before: Partial<Record<EditableField, string | null>> = {};
    for (const [field, value] of Object.entries(input) as Array<[EditableField, string | null | undefined]>) {
      if (value === undefined || value === current[field]) continue;
      Object.assign(changes, { [field]: value });
      before[field] = current[field];
    }
    if (Object.keys(changes).length === 0) return toSettings(current);

    if (changes.slug) {
      const [holder] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.slug, changes.slug));
      if (holder) throw slugTaken(changes.slug);
    }
    let updated: SettingsRow | undefined;
    try {
      [updated] = await tx
        .update(organizations)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(organizations.id, actor.organizationId))
        .returning(settingsColumns);
    } catch (error) {
      // Another organization took the slug between our check and our write.
      if (changes.slug && isUniqueViolation(error)) throw slugTaken(changes.slug);
      throw error;
    }
    if (!updated) throw new DomainError('NOT_FOUND', 'That organization does not exist.');
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'organization.updated',
      entityType: 'organization',
      entityId: actor.organizationId,
      before,
      after: changes,
    });
    return toSettings(updated);
  });
}

export async function getOrganizationBySlug(db: Executor, slug: string): Promise<OrganizationSummary> {
  const [organization] = await db
    .select(summaryColumns)
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!organization)
    throw new DomainError('NOT_FOUND', 'There is no lender with that link. Check the address.');
  return organization;
}

export async function getOrganization(db: Executor, id: string): Promise<OrganizationSummary> {
  const [organization] = await db.select(summaryColumns).from(organizations).where(eq(organizations.id, id));
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
  /** Shown next to the name where two organizations share it. */
  organizationCity: string | null;
  portal: 'lender' | 'borrower';
  role: 'admin' | 'underwriter' | 'servicer' | 'viewer' | 'borrower';
}

export async function listActiveAccesses(db: Executor, userId: string): Promise<AccessSummary[]> {
  return db
    .select({
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      organizationCity: organizations.city,
      portal: userPortalAccess.portal,
      role: userPortalAccess.role,
    })
    .from(userPortalAccess)
    .innerJoin(organizations, eq(organizations.id, userPortalAccess.organizationId))
    .where(and(eq(userPortalAccess.userId, userId), eq(userPortalAccess.isActive, true)))
    .orderBy(organizations.name, userPortalAccess.portal);
}

/** Accesses the person held and that were turned off: said plainly on the no-access page. */
export async function listDeactivatedAccesses(db: Executor, userId: string): Promise<AccessSummary[]> {
  return db
    .select({
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
      organizationCity: organizations.city,
      portal: userPortalAccess.portal,
      role: userPortalAccess.role,
    })
    .from(userPortalAccess)
    .innerJoin(organizations, eq(organizations.id, userPortalAccess.organizationId))
    .where(and(eq(userPortalAccess.userId, userId), eq(userPortalAccess.isActive, false)))
    .orderBy(organizations.name, userPortalAccess.portal);
}
