/**
 * Interest paid ahead: a payment made before the interest it pays has accrued. Accrued interest is
 * never negative; what was paid ahead is its own figure, and balances, payoff quote and statement
 * still add up (docs/servicing.md § Interest paid ahead).
 */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatement } from '../statements/statement.ts';
import { makeBorrower, makeFundedLoan, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { ledgerAgreement } from './agreement.ts';
import { loanBalances } from './balances.ts';
import { quoteLoanPayoff, recordPayment, type ServicingActor } from './payments.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 10 });
  db = database.db;
});
afterAll(() => database.close());

describe('interest paid ahead', () => {
  it('an installment paid early: accrued interest 0, the rest paid ahead; balances, quote and statement add up', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    // 300,000 at 11.5 %, interest only, funded 2026-01-15, due the 15th of each month.
    const { loan } = await makeFundedLoan(db, org, borrower);
    const servicer: ServicingActor = { organizationId: org.id, userId: org.admin.userId, portal: 'lender' };
    const due = (await loanBalances(db, loan.id, '2026-02-01')).installments;
    await recordPayment(db, servicer, {
      loanId: loan.id,
      idempotencyKey: 'paid-ahead-on-time',
      amount: due[0]!.outstanding,
      effectiveDate: '2026-02-15',
      method: 'wire',
    });
    // The March installment (a month of interest) paid on Feb 27: 12 days of it have accrued.
    await recordPayment(db, servicer, {
      loanId: loan.id,
      idempotencyKey: 'paid-ahead-early',
      amount: due[1]!.outstanding,
      effectiveDate: '2026-02-27',
      method: 'wire',
    });
    for (const asOf of ['2026-02-27', '2026-02-28', '2026-03-10']) {
      const b = await loanBalances(db, loan.id, asOf);
      expect(b.accruedInterest).toBe('0.00');
      expect(new Decimal(b.interestPaidAhead).gt(0)).toBe(true);
      // Accrued less paid ahead is the payoff quote's interest (negative: a credit).
      const q = await quoteLoanPayoff(db, servicer, loan.id, asOf);
      expect(new Decimal(b.accruedInterest).minus(b.interestPaidAhead).toFixed(2)).toBe(q.interest);
    }
    // The statement: no negative interest; the closing total is what a payoff would take.
    const s = await buildStatement(db, servicer, loan.id, '2026-02');
    for (const side of [s.opening, s.closing]) {
      expect(new Decimal(side.interest).gte(0)).toBe(true);
      expect(side.total).toBe(
        new Decimal(side.principal)
          .plus(side.interest)
          .plus(side.fees)
          .minus(side.interestPaidAhead)
          .toFixed(2),
      );
    }
    expect(new Decimal(s.closing.interestPaidAhead).gt(0)).toBe(true);
    const q = await quoteLoanPayoff(db, servicer, loan.id, '2026-02-28');
    expect(s.closing.total).toBe(q.total);
    // Interest charged in February = the interest that accrued in the month (the net interest
    // balance moved by it, plus what payments took off it).
    const paid = s.activity.reduce((a, e) => a.minus(e.interest), new Decimal(0));
    const net = (side: typeof s.opening) => new Decimal(side.interest).minus(side.interestPaidAhead);
    expect(s.totals.interest).toBe(net(s.closing).minus(net(s.opening)).plus(paid).toFixed(2));
    expect(new Decimal(s.totals.interest).gt(0)).toBe(true);
    // March opens with interest paid ahead and closes with interest accrued (after the due date).
    const march = await buildStatement(db, servicer, loan.id, '2026-03');
    expect(march.opening).toEqual(s.closing);
    expect(march.closing.interestPaidAhead).toBe('0.00');
    expect(new Decimal(march.closing.interest).gt(0)).toBe(true);
    expect(march.totals.interest).toBe(net(march.closing).minus(net(march.opening)).toFixed(2));
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
  });
});
