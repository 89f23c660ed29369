/**
 * Demo data for the embedded default: one lending company with a member of every role and two
 * borrowers. Users are created through the local identity provider (Clerk-shaped webhooks), so
 * the seed exercises the same path as a real sign-up. Running it again changes nothing.
 */
import { eq } from 'drizzle-orm';
import type { Portal, Role } from '../access/access.inputs.ts';
import type { Database } from '../db/client.ts';
import { appUsers, organizations, userPortalAccess } from '../db/schema/index.ts';
import type { LocalIdentityProvider } from '../identity/local-identity-provider.ts';
import { createOrganization } from '../organizations/organizations.ts';
import { seedDemoPipeline } from './seed-pipeline.ts';
import { seedDemoServicing } from './seed-servicing.ts';

export const DEMO_ORGANIZATION = { name: 'Demo Lending', slug: 'demo-lending' } as const;

export const DEMO_USERS: ReadonlyArray<{
  email: string;
  firstName: string;
  lastName: string;
  portal: Portal;
  role: Role;
}> = [
  {
    email: 'admin@demo-lending.test',
    firstName: 'Avery',
    lastName: 'Admin',
    portal: 'lender',
    role: 'admin',
  },
  {
    email: 'underwriter@demo-lending.test',
    firstName: 'Uma',
    lastName: 'Underwriter',
    portal: 'lender',
    role: 'underwriter',
  },
  {
    email: 'servicer@demo-lending.test',
    firstName: 'Sam',
    lastName: 'Servicer',
    portal: 'lender',
    role: 'servicer',
  },
  {
    email: 'viewer@demo-lending.test',
    firstName: 'Vic',
    lastName: 'Viewer',
    portal: 'lender',
    role: 'viewer',
  },
  {
    email: 'borrower1@demo-lending.test',
    firstName: 'Blake',
    lastName: 'Borrower',
    portal: 'borrower',
    role: 'borrower',
  },
  {
    email: 'borrower2@demo-lending.test',
    firstName: 'Robin',
    lastName: 'Rehab',
    portal: 'borrower',
    role: 'borrower',
  },
];

export async function seedDemoData(
  db: Database,
  identity: LocalIdentityProvider,
): Promise<{ created: boolean }> {
  const [existing] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, DEMO_ORGANIZATION.slug));
  if (existing) {
    // A database seeded before origination existed gets its pipeline now (once).
    await seedPipelineOf(db, existing.id);
    return { created: false };
  }

  const ids = new Map<string, string>();
  for (const person of DEMO_USERS) {
    const [known] = await db
      .select({ id: appUsers.id })
      .from(appUsers)
      .where(eq(appUsers.email, person.email));
    ids.set(person.email, known?.id ?? (await identity.createUser(person)).id);
  }
  const admin = DEMO_USERS[0]!;
  const organization = await createOrganization(db, {
    name: DEMO_ORGANIZATION.name,
    createdBy: ids.get(admin.email)!,
  });
  for (const person of DEMO_USERS.slice(1)) {
    await db
      .insert(userPortalAccess)
      .values({
        userId: ids.get(person.email)!,
        organizationId: organization.id,
        portal: person.portal,
        role: person.role,
        grantedBy: ids.get(admin.email)!,
      })
      .onConflictDoNothing();
  }
  // Servicing first: its loans take the first numbers (L-000001…), the ones the demo guide names.
  await seedDemoServicing(db, {
    organizationId: organization.id,
    admin: ids.get(admin.email)!,
    borrowers: DEMO_USERS.filter((p) => p.portal === 'borrower').map((p) => ({
      userId: ids.get(p.email)!,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
    })),
  });
  await seedPipelineOf(db, organization.id);
  return { created: true };
}

/** The demo pipeline, with the demo people found by their emails. */
async function seedPipelineOf(db: Database, organizationId: string) {
  const byEmail = async (email: string) => {
    const [row] = await db.select().from(appUsers).where(eq(appUsers.email, email));
    return row;
  };
  const admin = await byEmail(DEMO_USERS[0]!.email);
  const underwriter = await byEmail('underwriter@demo-lending.test');
  const borrowers = [];
  for (const email of ['borrower1@demo-lending.test', 'borrower2@demo-lending.test']) {
    const row = await byEmail(email);
    if (row)
      borrowers.push({
        userId: row.id,
        firstName: row.firstName ?? 'Demo',
        lastName: row.lastName ?? 'Borrower',
        email,
      });
  }
  if (!admin || !underwriter || borrowers.length < 2) return;
  await seedDemoPipeline(db, { organizationId, admin: admin.id, underwriter: underwriter.id, borrowers });
}
