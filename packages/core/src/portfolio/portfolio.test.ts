/** The portfolio dashboard: figures from the ledger and the schedule, per organization. */
import Decimal from 'decimal.js';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { makeApplication, makeBorrower, makeOrganization, makeProduct } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { portfolioDashboard } from './portfolio.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

/** Pays the first `count` installments of a loan in full, each on its due date (as interest). */
async function payInstallments(loanId: string, organizationId: string, count: number) {
  const installments = await db
    .select()
    .from(schema.loanInstallments)
    .where(eq(schema.loanInstallments.loanId, loanId))
    .orderBy(asc(schema.loanInstallments.number));
  for (const i of installments.slice(0, count)) {
    await db.insert(schema.ledgerEntries).values({
      organizationId,
      loanId,
      kind: 'payment',
      effectiveDate: i.dueDate,
      amount: i.total,
      principal: new Decimal(i.principal).neg().toFixed(2),
      interest: new Decimal(i.interest).neg().toFixed(2),
      idempotencyKey: `test-payment-${loanId}-${i.number}`,
    });
  }
  return installments;
}

describe('portfolioDashboard', () => {
  it('buckets loans by days past due, weights rate and LTV by unpaid principal, and counts only its organization', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const product = await makeProduct(db, org);
    const fund = () =>
      makeApplication(db, org, borrower, { stage: 'funded', productId: product.id, fundedOn: '2026-01-15' });

    // Installments fall due on the 15th; as of 2026-06-20 five are due (Feb to Jun).
    const asOf = '2026-06-20';
    const paidCounts = [5, 4, 3, 2, 0]; // current, 1-29 (5 days), 30-59 (36), 60-89 (66), 90+ (125)
    const made: {
      loan: typeof schema.loans.$inferSelect;
      installments: (typeof schema.loanInstallments.$inferSelect)[];
    }[] = [];
    for (const paid of paidCounts) {
      const { loan } = await fund();
      made.push({ loan: loan!, installments: await payInstallments(loan!.id, org.id, paid) });
    }
    const { loan: paidOff } = await fund();
    await db.update(schema.loans).set({ status: 'paid_off' }).where(eq(schema.loans.id, paidOff!.id));
    await makeApplication(db, org, borrower, { stage: 'submitted', productId: product.id });

    // Another organization's loan is never counted.
    const other = await makeOrganization(db);
    await makeApplication(db, other, await makeBorrower(db, other), {
      stage: 'funded',
      fundedOn: '2026-01-15',
    });

    const d = await portfolioDashboard(db, org.id, { asOf });
    expect(d.asOf).toBe(asOf);
    expect(d.openLoans).toBe(5);
    const upb = made.reduce(
      (sum, m, k) =>
        sum
          .plus(m.loan.principal)
          .plus(
            m.installments.slice(0, paidCounts[k]).reduce((s, i) => s.minus(i.principal), new Decimal(0)),
          ),
      new Decimal(0),
    );
    expect(d.unpaidPrincipal).toBe(upb.toFixed(2));
    expect(d.weightedAverageRatePercent).toBe('11.5000');
    expect(d.weightedLtvPercent).not.toBeNull();
    expect(Number(d.weightedLtvPercent)).toBeGreaterThan(60);
    expect(Number(d.weightedLtvPercent)).toBeLessThan(72);
    expect(d.delinquency.map((b) => [b.bucket, b.loans])).toEqual([
      ['current', 1],
      ['1-29', 1],
      ['30-59', 1],
      ['60-89', 1],
      ['90+', 1],
    ]);
    expect(d.loansByStatus).toEqual([
      { status: 'active', loans: 5 },
      { status: 'paid_off', loans: 1 },
      { status: 'defaulted', loans: 0 },
      { status: 'charged_off', loans: 0 },
    ]);

    // Maturity: 12 monthly payments from 2026-01-15 mature in 2027-01, within the next 12 months.
    expect(d.maturityLadder[0]!.period).toBe('matured');
    expect(d.maturityLadder.at(-1)!.period).toBe('later');
    expect(d.maturityLadder).toHaveLength(14);
    const maturing = d.maturityLadder.find((r) => r.period === made[0]!.loan.maturityDate.slice(0, 7));
    expect(maturing?.loans).toBe(5);

    // Expected vs collected: 12 months ending with the as-of month.
    expect(d.expectedVsCollected).toHaveLength(12);
    expect(d.expectedVsCollected.at(-1)!.month).toBe('2026-06');
    const feb = d.expectedVsCollected.find((m) => m.month === '2026-02')!;
    const firstTotal = new Decimal(made[0]!.installments[0]!.total);
    // Expected counts every funded loan of the organization (the paid-off one too).
    expect(feb.expected).toBe(firstTotal.times(6).toFixed(2));
    expect(feb.collected).toBe(firstTotal.times(4).toFixed(2));
    const june = d.expectedVsCollected.at(-1)!;
    expect(june.collected).toBe(new Decimal(made[0]!.installments[4]!.total).toFixed(2));

    // The pipeline: applications by current stage (drafts are not part of it).
    expect(d.pipeline.find((s) => s.stage === 'funded')?.applications).toBe(6);
    expect(d.pipeline.find((s) => s.stage === 'submitted')?.applications).toBe(1);
    expect(d.pipeline.map((s) => s.stage)).toEqual([
      'submitted',
      'in_review',
      'offered',
      'accepted',
      'approved',
      'funded',
    ]);
  });

  it('follows a reversal: the payment no longer counts as collected and the loan falls behind', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { loan } = await makeApplication(db, org, borrower, { stage: 'funded', fundedOn: '2026-01-15' });
    const installments = await payInstallments(loan!.id, org.id, 5);
    const asOf = '2026-06-20';
    const before = await portfolioDashboard(db, org.id, { asOf });
    expect(before.delinquency.find((b) => b.bucket === 'current')?.loans).toBe(1);
    const [june] = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.idempotencyKey, `test-payment-${loan!.id}-5`));
    await db.insert(schema.ledgerEntries).values({
      organizationId: org.id,
      loanId: loan!.id,
      kind: 'reversal',
      effectiveDate: '2026-06-18',
      amount: june!.amount,
      principal: new Decimal(june!.principal).neg().toFixed(2),
      interest: new Decimal(june!.interest).neg().toFixed(2),
      reversesEntryId: june!.id,
      idempotencyKey: `test-reversal-${loan!.id}`,
    });
    const after = await portfolioDashboard(db, org.id, { asOf });
    expect(after.delinquency.find((b) => b.bucket === '1-29')?.loans).toBe(1);
    expect(after.expectedVsCollected.at(-1)!.collected).toBe('0.00');
    expect(after.expectedVsCollected.at(-1)!.expected).toBe(new Decimal(installments[4]!.total).toFixed(2));
  });

  it('answers with zeros for an organization without loans', async () => {
    const org = await makeOrganization(db);
    const d = await portfolioDashboard(db, org.id, { asOf: '2026-06-20' });
    expect(d.openLoans).toBe(0);
    expect(d.unpaidPrincipal).toBe('0.00');
    expect(d.weightedAverageRatePercent).toBeNull();
    expect(d.weightedLtvPercent).toBeNull();
    expect(d.delinquency.every((b) => b.loans === 0)).toBe(true);
    expect(d.expectedVsCollected.every((m) => m.expected === '0.00' && m.collected === '0.00')).toBe(true);
  });
});
