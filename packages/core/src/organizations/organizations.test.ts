/** Organizations in the domain: slug allocation, settings (rename, details, link name), audit. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { createTestDatabase, type TestDatabase, testId } from '../testing/index.ts';
import { updateOrganizationSettingsInput } from './organizations.inputs.ts';
import {
  createOrganization,
  getOrganizationSettings,
  listActiveAccesses,
  listDeactivatedAccesses,
  slugCandidates,
  slugify,
  updateOrganizationSettings,
} from './organizations.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

async function newUser(): Promise<string> {
  const id = testId('user');
  await db.insert(schema.appUsers).values({ id, email: `${id}@example.test` });
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

async function expectDomainError(promise: Promise<unknown>, code: DomainError['code'], message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (message) expect((error as DomainError).message).toMatch(message);
}

describe('slugs', () => {
  it('come from the name, ASCII-folded', () => {
    expect(slugify('  Crédit Agricole & Sons, Ltd. ')).toBe('credit-agricole-sons-ltd');
    expect(slugCandidates('Acme Lending')[0]).toBe('acme-lending');
  });

  it('an emoji-only (or non-Latin) name gets a distinct readable slug, not a shared word', () => {
    expect(slugify('🏦💰')).toBe('');
    const [first, second] = slugCandidates('🏦💰');
    expect(first).toMatch(/^lender-[a-hjkmnp-z2-9]{6}$/);
    expect(second).toMatch(/^lender-[a-hjkmnp-z2-9]{6}$/);
    expect(first).not.toBe(second);
    expect(slugCandidates('Банк Кредит')[0]).toMatch(/^lender-[a-hjkmnp-z2-9]{6}$/);
  });

  it('many organizations of one name get distinct slugs, each in a constant number of inserts', async () => {
    const owner = await newUser();
    const first = await createOrganization(db, { name: 'Same Name Capital', createdBy: owner });
    expect(first.slug).toBe('same-name-capital');
    const slugs = new Set([first.slug]);
    for (let i = 0; i < 60; i++) {
      const org = await createOrganization(db, { name: 'Same Name Capital', createdBy: owner });
      // A random suffix at the first conflict, never -2, -3, … probing.
      expect(org.slug).toMatch(/^same-name-capital-[a-hjkmnp-z2-9]{6}$/);
      slugs.add(org.slug);
    }
    expect(slugs.size).toBe(61);
    const emoji = await createOrganization(db, { name: '🏦🏦🏦', createdBy: owner });
    expect(emoji.slug).toMatch(/^lender-[a-hjkmnp-z2-9]{6}$/);
  });
});

describe('organization settings', () => {
  let admin: string;
  let orgId: string;
  let otherSlug: string;

  beforeAll(async () => {
    admin = await newUser();
    orgId = (await createOrganization(db, { name: 'Settings Lending', createdBy: admin })).id;
    otherSlug = (await createOrganization(db, { name: 'Other Settings Lending', createdBy: admin })).slug;
  });

  it('renames and sets the details; only the changed fields are audited', async () => {
    const updated = await updateOrganizationSettings(
      db,
      { organizationId: orgId, userId: admin },
      {
        name: '  Settings Lending West  ',
        contactEmail: 'Loans@Settings-Lending.TEST',
        phone: '+1 (555) 010-2030',
        addressLine1: '1 Main Street',
        city: 'Austin',
        region: 'TX',
        postalCode: '78701',
        country: 'United States',
      },
    );
    expect(updated).toMatchObject({
      name: 'Settings Lending West',
      slug: 'settings-lending',
      contactEmail: 'loans@settings-lending.test',
      phone: '+1 (555) 010-2030',
      addressLine2: null,
      city: 'Austin',
    });
    expect(await getOrganizationSettings(db, orgId)).toEqual(updated);
    // The switcher reads accesses: the new name and the city that tells it apart.
    const [access] = await listActiveAccesses(db, admin).then((all) =>
      all.filter((a) => a.organizationId === orgId),
    );
    expect(access).toMatchObject({ organizationName: 'Settings Lending West', organizationCity: 'Austin' });

    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'organization.updated'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organizationId: orgId, actorUserId: admin, entityId: orgId });
    expect(audit[0]!.before).toMatchObject({ name: 'Settings Lending', city: null });
    expect(audit[0]!.after).toMatchObject({ name: 'Settings Lending West', city: 'Austin' });
    expect(Object.keys(audit[0]!.after as object)).not.toContain('slug');
  });

  it('leaves out ⇒ unchanged, empty or null ⇒ cleared, the same values ⇒ nothing written', async () => {
    const before = await getOrganizationSettings(db, orgId);
    const auditBefore = await db.$count(schema.auditLog);
    const same = await updateOrganizationSettings(
      db,
      { organizationId: orgId, userId: admin },
      { city: 'Austin' },
    );
    expect(same.updatedAt).toBe(before.updatedAt);
    expect(await db.$count(schema.auditLog)).toBe(auditBefore);

    const cleared = await updateOrganizationSettings(
      db,
      { organizationId: orgId, userId: admin },
      { phone: '', region: null, postalCode: '   ' },
    );
    expect(cleared).toMatchObject({ phone: null, region: null, postalCode: null, city: 'Austin' });
  });

  it('changes the link name, and refuses one another organization holds with a 409, writing nothing', async () => {
    const renamed = await updateOrganizationSettings(
      db,
      { organizationId: orgId, userId: admin },
      { slug: 'Settings-West' },
    );
    expect(renamed.slug).toBe('settings-west');
    const auditBefore = await db.$count(schema.auditLog);
    await expectDomainError(
      updateOrganizationSettings(
        db,
        { organizationId: orgId, userId: admin },
        { slug: otherSlug, name: 'Taken' },
      ),
      'CONFLICT',
      /already used by another organization/,
    );
    expect(await getOrganizationSettings(db, orgId)).toMatchObject({
      slug: 'settings-west',
      name: 'Settings Lending West',
    });
    expect(await db.$count(schema.auditLog)).toBe(auditBefore);
  });

  it('refuses bad values with sentences, before any parsing of a megabyte', async () => {
    const megabyte = 'x'.repeat(1_000_000);
    for (const [input, message] of [
      [{ name: megabyte }, /at most 120 characters/],
      [{ city: megabyte }, /city can have at most 100 characters/],
      [{ slug: megabyte }, /at most 80 characters/],
      [{ slug: 'no spaces please' }, /lower-case letters, digits and single hyphens/],
      [{ slug: 'ab' }, /at least 3 characters/],
      [{ contactEmail: 'not-an-email' }, /valid email address/],
      [{ phone: 'call me' }, /at least 7 digits/],
      [{ name: 'x' }, /at least 2 characters/],
    ] as const) {
      const started = performance.now();
      const parsed = updateOrganizationSettingsInput.safeParse(input);
      // Generous: the cap must stop a megabyte at once; a pattern run over it would take seconds.
      expect(performance.now() - started).toBeLessThan(1000);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(message);
      await expectDomainError(
        updateOrganizationSettings(db, { organizationId: orgId, userId: admin }, input),
        'BAD_REQUEST',
        message,
      );
    }
  });

  it('applies the same update sent twice at once exactly as once', async () => {
    const actor = { organizationId: orgId, userId: admin };
    const auditBefore = await db.$count(schema.auditLog);
    const results = await Promise.all([
      updateOrganizationSettings(db, actor, { addressLine2: 'Suite 200' }),
      updateOrganizationSettings(db, actor, { addressLine2: 'Suite 200' }),
    ]);
    expect(results.map((r) => r.addressLine2)).toEqual(['Suite 200', 'Suite 200']);
    // The second saw the first's value under the row lock: one change, one audit record.
    expect(await db.$count(schema.auditLog)).toBe(auditBefore + 1);
  });

  it('two organizations racing for one link name: one gets it, the other a 409', async () => {
    const a = await createOrganization(db, { name: 'Race A', createdBy: admin });
    const b = await createOrganization(db, { name: 'Race B', createdBy: admin });
    const outcomes = await Promise.allSettled([
      updateOrganizationSettings(db, { organizationId: a.id, userId: admin }, { slug: 'race-winner' }),
      updateOrganizationSettings(db, { organizationId: b.id, userId: admin }, { slug: 'race-winner' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect(refused.reason.code).toBe('CONFLICT');
  });
});

describe('deactivated accesses', () => {
  it('are listed apart from the active ones', async () => {
    const owner = await newUser();
    const borrower = await newUser();
    const org = await createOrganization(db, { name: 'Turned Off Lending', createdBy: owner });
    await db.insert(schema.userPortalAccess).values({
      userId: borrower,
      organizationId: org.id,
      portal: 'borrower',
      role: 'borrower',
      isActive: false,
    });
    expect(await listActiveAccesses(db, borrower)).toEqual([]);
    expect(await listDeactivatedAccesses(db, borrower)).toEqual([
      expect.objectContaining({ organizationName: 'Turned Off Lending', portal: 'borrower' }),
    ]);
  });
});
