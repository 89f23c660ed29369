/** The demo servicing seed: loans in every state, made through the domain, once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDraws } from '../draws/draws.ts';
import { listPortfolioLoans, portfolioDashboard } from '../portfolio/portfolio.ts';
import { ledgerAgreement } from '../servicing/agreement.ts';
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
      { status: 'active', loans: 7 },
      { status: 'paid_off', loans: 1 },
      { status: 'defaulted', loans: 1 },
      { status: 'charged_off', loans: 0 },
    ]);
    expect(Object.fromEntries(d.delinquency.map((b) => [b.bucket, b.loans]))).toEqual({
      current: 3,
      '1-29': 1,
      '30-59': 1,
      '60-89': 1,
      '90+': 2,
    });
    expect(d.expectedVsCollected.some((m) => Number(m.collected) > 0)).toBe(true);
    expect(await seedDemoServicing(db as never, people)).toEqual({ created: false });

    // The Loans list filters the same positions.
    const list = (q: Parameters<typeof listPortfolioLoans>[2]) => listPortfolioLoans(db, org.id, q);
    expect((await list({ page: 1, pageSize: 25 })).total).toBe(9);
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
    expect(paged.loans.map((l) => l.number)).toEqual([6, 5, 4]);
    expect(paged.total).toBe(9);
    expect((await list({ search: '100%_', page: 1, pageSize: 25 })).total).toBe(0);
  });

  it('gives the first borrower a construction loan with draws disbursed, approved and requested', async () => {
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
    const started = performance.now();
    await seedDemoServicing(db as never, people);
    const seconds = (performance.now() - started) / 1000;
    const [construction] = (await listPortfolioLoans(db, org.id, { search: 'foundry', page: 1, pageSize: 5 }))
      .loans;
    expect(construction?.reference).toBe('L-000009');
    const borrower = { organizationId: org.id, userId: borrowers[0]!.userId, portal: 'borrower' as const };
    const { budget, draws } = await listDraws(db, borrower, construction!.id);
    expect(budget).toMatchObject({ holdback: '60000.00', allocated: '60000.00', drawn: '17000.00' });
    expect(draws.map((d) => [d.number, d.status, d.amountRequested])).toEqual([
      [3, 'requested', '6000.00'],
      [2, 'approved', '12000.00'],
      [1, 'disbursed', '17000.00'],
    ]);
    expect(draws[1]!.inspection?.percentComplete).toBe(55);
    expect((await ledgerAgreement(db, construction!.id)).mismatches).toEqual([]);
    // Current: every installment due so far was paid on the draw-adjusted schedule.
    expect(construction!.daysPastDue).toBe(0);
    // A second run adds nothing (the construction step is idempotent by its product).
    expect(await seedDemoServicing(db as never, people)).toEqual({ created: false });
    expect((await listDraws(db, borrower, construction!.id)).draws).toHaveLength(3);
    expect(seconds).toBeLessThan(60);
  });
});
