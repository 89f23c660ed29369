/**
 * The borrower's home (issue 9 item 7): the next payment is the amount due now — what is past due
 * plus the next installment — with the days past due, from servicing's derivation over the ledger.
 */
import Decimal from 'decimal.js';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayUtc } from '../offers/terms.ts';
import { loanBalances } from '../servicing/balances.ts';
import { recordPayment } from '../servicing/payments.ts';
import { createTestCaller, makeApplication, makeBorrower, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 10 });
});
afterAll(() => database.close());

describe('borrower home', () => {
  it('shows past due + the next installment as the amount due, and the days past due', async () => {
    const { db } = database;
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    // Funded about four months ago (12 monthly installments): three or four are due by now.
    const fundedOn = Temporal.PlainDate.from(todayUtc()).subtract({ months: 4, days: 3 }).toString();
    const { loan } = await makeApplication(db, org, borrower, { stage: 'funded', fundedOn });
    const me = createTestCaller(db, borrower, org);
    const b = await loanBalances(db, loan!.id, todayUtc());
    const [first, second] = b.installments;
    // The first installment paid on time, the second partly: the rest of it is past due.
    const servicer = { organizationId: org.id, userId: org.admin.userId, portal: 'lender' as const };
    await recordPayment(db, servicer, {
      loanId: loan!.id,
      idempotencyKey: 'home-1',
      amount: first!.outstanding,
      effectiveDate: first!.dueDate,
      method: 'ach',
    });
    await recordPayment(db, servicer, {
      loanId: loan!.id,
      idempotencyKey: 'home-2',
      amount: '1000.00',
      effectiveDate: second!.dueDate,
      method: 'ach',
    });
    const now = await loanBalances(db, loan!.id, todayUtc());
    const late = now.installments.filter((i) => i.status === 'late');
    expect(late[0]!.number).toBe(2);
    const pastDue = late.reduce((a, i) => a.plus(i.outstanding), new Decimal(0));
    const next = now.installments.find((i) => i.status === 'due' || i.status === 'upcoming')!;

    const home = await me.borrower.home();
    expect(home.nextPayment).toEqual({
      loanId: loan!.id,
      loanReference: expect.stringMatching(/^L-\d{6}$/),
      dueDate: next.dueDate,
      amount: next.outstanding,
      pastDue: pastDue.toFixed(2),
      amountDue: pastDue.plus(next.outstanding).toFixed(2),
      daysPastDue: Temporal.PlainDate.from(second!.dueDate).until(todayUtc()).days,
    });
    expect(new Decimal(home.nextPayment!.pastDue).gt(0)).toBe(true);
    // The borrower's loans list says the same.
    const mine = await me.loans.mine();
    expect(mine.loans[0]!.nextPayment).toMatchObject({
      amountDue: home.nextPayment!.amountDue,
      daysPastDue: home.nextPayment!.daysPastDue,
    });
  });

  it('a loan that is up to date: the amount due is the next installment, 0 days past due', async () => {
    const { db } = database;
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const fundedOn = Temporal.PlainDate.from(todayUtc()).add({ days: 2 }).toString();
    await makeApplication(db, org, borrower, { stage: 'funded', fundedOn });
    const home = await createTestCaller(db, borrower, org).borrower.home();
    expect(home.nextPayment).toMatchObject({ pastDue: '0.00', daysPastDue: 0 });
    expect(home.nextPayment!.amountDue).toBe(home.nextPayment!.amount);
    expect(new Decimal(home.nextPayment!.amount).gt(0)).toBe(true);
  });
});
