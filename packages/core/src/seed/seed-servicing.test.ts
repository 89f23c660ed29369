/** The demo servicing seed: loans in every state, made through the domain, once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPortfolioLoans, portfolioDashboard } from '../portfolio/portfolio.ts';
import { makeBorrower, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { seedDemoServicing } from './seed-servicing.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('seedDemoServicing', () => {
  it('funds loans current, late in each bucket, paid off and defaulted; a second run changes nothing', async () => {
    const { db } = database;
    const org = await makeOrganization(db);
    const borrowers = await Promise.all([makeBorrower(db, org), makeBorrower(db, org)]);
    const people = {
      organizationId: org.id,
      admin: org.admin.userId,
      borrowers: borrowers.map((b, k) => ({
        userId: b.userId,
        firstName: ['Casey', 'Robin'][k]!,
        lastName: ['Cash', 'Rehab'][k]!,
        email: b.email,
      })),
    };
    expect(await seedDemoServicing(db as never, people)).toEqual({ created: true });
    const d = await portfolioDashboard(db, org.id, {});
    expect(d.loansByStatus).toEqual([
      { status: 'active', loans: 6 },
      { status: 'paid_off', loans: 1 },
      { status: 'defaulted', loans: 1 },
      { status: 'charged_off', loans: 0 },
    ]);
    expect(Object.fromEntries(d.delinquency.map((b) => [b.bucket, b.loans]))).toEqual({
      current: 2,
      '1-29': 1,
      '30-59': 1,
      '60-89': 1,
      '90+': 2,
    });
    expect(d.expectedVsCollected.some((m) => Number(m.collected) > 0)).toBe(true);
    expect(await seedDemoServicing(db as never, people)).toEqual({ created: false });

    // The Loans list filters the same positions.
    const list = (q: Parameters<typeof listPortfolioLoans>[2]) => listPortfolioLoans(db, org.id, q);
    expect((await list({ page: 1, pageSize: 25 })).total).toBe(8);
    const late = await list({ bucket: '90+', page: 1, pageSize: 25 });
    expect(late.total).toBe(2);
    expect(late.loans.every((l) => l.daysPastDue >= 90)).toBe(true);
    expect((await list({ status: 'paid_off', page: 1, pageSize: 25 })).loans.map((l) => l.status)).toEqual([
      'paid_off',
    ]);
    const oak = await list({ search: 'oak st', page: 1, pageSize: 25 });
    expect(oak.loans.map((l) => l.reference)).toEqual(['L-000001']);
    expect((await list({ search: 'L-000002', page: 1, pageSize: 25 })).loans.map((l) => l.number)).toEqual([
      2,
    ]);
    const paged = await list({ page: 2, pageSize: 3 });
    expect(paged.loans.map((l) => l.number)).toEqual([5, 4, 3]);
    expect(paged.total).toBe(8);
    expect((await list({ search: '100%_', page: 1, pageSize: 25 })).total).toBe(0);
  });
});
