/** The demo pipeline: applications in every state, one funded loan, and seeding twice adds nothing. */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES } from '../applications/applications.constants.ts';
import * as schema from '../db/schema/index.ts';
import { makeBorrower, makeMember, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { seedDemoPipeline } from './seed-pipeline.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

describe('seedDemoPipeline', () => {
  it('shows every state at once, and runs once', async () => {
    const org = await makeOrganization(db);
    const underwriter = await makeMember(db, org, { role: 'underwriter' });
    const b1 = await makeBorrower(db, org);
    const b2 = await makeBorrower(db, org);
    const people = {
      organizationId: org.id,
      admin: org.admin.userId,
      underwriter: underwriter.userId,
      borrowers: [
        { userId: b1.userId, firstName: 'Blake', lastName: 'Borrower', email: b1.email },
        { userId: b2.userId, firstName: 'Robin', lastName: 'Rehab', email: b2.email },
      ],
    };
    const started = performance.now();
    expect(await seedDemoPipeline(db, people)).toEqual({ created: true });
    const ms = performance.now() - started;
    const statuses = await db
      .select({ status: schema.applications.status })
      .from(schema.applications)
      .where(eq(schema.applications.organizationId, org.id));
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(APPLICATION_STATUSES));
    const [loans] = await db
      .select({ n: count() })
      .from(schema.loans)
      .where(eq(schema.loans.organizationId, org.id));
    expect(Number(loans!.n)).toBe(1);
    expect(await seedDemoPipeline(db, people)).toEqual({ created: false });
    const [again] = await db
      .select({ n: count() })
      .from(schema.applications)
      .where(eq(schema.applications.organizationId, org.id));
    expect(Number(again!.n)).toBe(statuses.length);
    expect(ms).toBeLessThan(15_000);
  });
});
