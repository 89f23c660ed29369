/** Applications in the domain: party checks (who may see which application). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { makeBorrower, makeMember, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { assertApplicationParty } from './applications.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

describe('assertApplicationParty', () => {
  it('lets the borrower and the organization staff in, and nobody else', async () => {
    const org = await makeOrganization(db);
    const other = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const sameOrgBorrower = await makeBorrower(db, org);
    const viewer = await makeMember(db, org, { role: 'viewer' });
    const [app] = await db
      .insert(schema.applications)
      .values({ organizationId: org.id, number: 1, borrowerUserId: borrower.userId })
      .returning();
    const id = app!.id;
    await expect(
      assertApplicationParty(db, { organizationId: org.id, userId: borrower.userId, portal: 'borrower' }, id),
    ).resolves.toMatchObject({ id });
    await expect(
      assertApplicationParty(db, { organizationId: org.id, userId: viewer.userId, portal: 'lender' }, id),
    ).resolves.toMatchObject({ id });
    for (const access of [
      { organizationId: org.id, userId: sameOrgBorrower.userId, portal: 'borrower' as const },
      { organizationId: other.id, userId: other.admin.userId, portal: 'lender' as const },
      { organizationId: other.id, userId: borrower.userId, portal: 'borrower' as const },
    ]) {
      const error = await assertApplicationParty(db, access, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('NOT_FOUND');
    }
  });
});
