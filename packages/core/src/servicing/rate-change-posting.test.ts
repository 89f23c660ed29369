/**
 * A payment posted on a loan with a rate change (a default rate) is allocated with that rate: the
 * posting reads the loan's rate changes in its locking query (payments.ts
 * `lockLoanWithRateChanges`), and the ledger agrees with the engine afterwards. Regression: the
 * query's subquery compared with an unqualified column and read no rate change at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, makeBorrower, makeFundedLoan, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { ledgerAgreement } from './agreement.ts';
import { addDays } from './balances.ts';
import { markDefault, recordPayment } from './payments.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 4 });
});
afterAll(() => database.close());

describe('posting a payment on a loan with a rate change', () => {
  it('allocates with the default rate; the ledger agrees with the engine', async () => {
    const db = database.db;
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { loan } = await makeFundedLoan(db, org, borrower);
    const actor = { ...actorOf(org.admin, org), portal: 'lender' as const };
    await markDefault(db, actor, {
      loanId: loan.id,
      effectiveDate: addDays(loan.fundedOn, 1),
      reason: 'Test',
    });
    // 300,000 at 11.5 %: 2,875.00 a month; at the default rate from the next day, more interest,
    // so a payment of 2,875.01 on the funding date pays interest only.
    const posted = await recordPayment(db, actor, {
      loanId: loan.id,
      idempotencyKey: `rate-change-${Date.now()}`,
      amount: '2875.01',
      effectiveDate: loan.fundedOn,
      method: 'wire',
    });
    expect(posted.entry.interest).toBe('-2875.01');
    expect(posted.entry.principal).toBe('0.00');
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
  });
});
