/**
 * Late fees that a later write shows were not owed: removed by a reversal row in that write's
 * transaction, once; charged again by the run when the payment that removed them bounces; a
 * servicer's waiver is never charged again.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { makeBorrower, makeFundedLoan, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { ledgerAgreement } from './agreement.ts';
import { loanBalances } from './balances.ts';
import { chargeFee, recordPayment, reversePayment, type ServicingActor } from './payments.ts';
import { runServicingForDate } from './run.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 10 });
  db = database.db;
});
afterAll(() => database.close());

let n = 0;
const key = () => `late-fees-${Date.now()}-${++n}`;

/** A loan (first installment due 2026-02-15, 10 grace days: a late fee dated 2026-02-26) run past it. */
async function loanWithLateFee() {
  const org = await makeOrganization(db);
  const borrower = await makeBorrower(db, org);
  const { loan } = await makeFundedLoan(db, org, borrower);
  const servicer: ServicingActor = { organizationId: org.id, userId: org.admin.userId, portal: 'lender' };
  await runServicingForDate(db, org.id, '2026-03-01');
  const fees = await rowsOf(loan.id, 'late_fee');
  expect(fees.map((f) => f.effectiveDate)).toEqual(['2026-02-26']);
  const installment = (await loanBalances(db, loan.id, '2026-03-01')).installments[0]!;
  return { org, loan, servicer, fee: fees[0]!, installment };
}

async function rowsOf(loanId: string, kind: (typeof schema.ledgerEntryKindEnum.enumValues)[number]) {
  return db
    .select()
    .from(schema.ledgerEntries)
    .where(and(eq(schema.ledgerEntries.loanId, loanId), eq(schema.ledgerEntries.kind, kind)))
    .orderBy(schema.ledgerEntries.sequence);
}

const reversalsOf = async (loanId: string, entryId: string) =>
  (await rowsOf(loanId, 'reversal')).filter((r) => r.reversesEntryId === entryId);

describe('late fees and back-dated payments', () => {
  it('a back-dated payment within grace removes the late fee by a reversal, once; the run does not charge it again', async () => {
    const { org, loan, servicer, fee, installment } = await loanWithLateFee();
    // The installment's principal and interest (the fee itself is not part of it).
    const amount = (Number(installment.principal) + Number(installment.interest)).toFixed(2);
    const payment = {
      loanId: loan.id,
      idempotencyKey: key(),
      amount,
      effectiveDate: '2026-02-20',
      method: 'check' as const,
    };
    // The same payment sent twice at once: one payment, one removal.
    const [a, b] = await Promise.all([
      recordPayment(db, servicer, payment),
      recordPayment(db, servicer, payment),
    ]);
    expect(a.entry.id).toBe(b.entry.id);
    const removals = await reversalsOf(loan.id, fee.id);
    expect(removals).toHaveLength(1);
    expect(removals[0]).toMatchObject({
      effectiveDate: '2026-02-26',
      amount: fee.amount,
      penalties: `-${fee.amount}`,
      idempotencyKey: `late-fee-removal:${fee.id}`,
    });
    // The late fee row itself is untouched (the ledger is append-only).
    const [still] = (await rowsOf(loan.id, 'late_fee')).filter((f) => f.id === fee.id);
    expect(still).toEqual(fee);
    const after = await loanBalances(db, loan.id, '2026-03-01');
    expect(after.installments[0]!.status).toBe('paid');
    expect(after.penaltiesOutstanding).toBe('0.00');
    expect(after.unapplied).toBe('0.00');
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
    // Later runs leave it removed.
    await runServicingForDate(db, org.id, '2026-03-02');
    expect((await rowsOf(loan.id, 'late_fee')).filter((f) => f.effectiveDate === '2026-02-26')).toHaveLength(
      1,
    );
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
  });

  it('a payment after the grace leaves the fee; the bounced payment that removed one brings it back', async () => {
    const { org, loan, servicer, fee, installment } = await loanWithLateFee();
    const amount = (Number(installment.principal) + Number(installment.interest)).toFixed(2);
    await recordPayment(db, servicer, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: '100.00',
      effectiveDate: '2026-02-27',
      method: 'ach',
    });
    expect(await reversalsOf(loan.id, fee.id)).toHaveLength(0);
    const inGrace = await recordPayment(db, servicer, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount,
      effectiveDate: '2026-02-25',
      method: 'ach',
    });
    expect(await reversalsOf(loan.id, fee.id)).toHaveLength(1);
    // NSF: the installment was not paid in grace after all; the next run charges the fee again.
    await reversePayment(db, servicer, { entryId: inGrace.entry.id, idempotencyKey: key(), reason: 'NSF' });
    await runServicingForDate(db, org.id, '2026-03-03');
    const fees = (await rowsOf(loan.id, 'late_fee')).filter((f) => f.effectiveDate === '2026-02-26');
    expect(fees).toHaveLength(2);
    expect(fees[1]!.idempotencyKey).toBe(`${fee.idempotencyKey}:2`);
    expect(fees[1]!.amount).toBe(fee.amount);
    const b = await loanBalances(db, loan.id, '2026-03-03');
    expect(b.installments[0]!.status).toBe('late');
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
  });

  it('a reversed fee frees the money that makes the installment paid in grace; a waived fee is not charged again', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { loan } = await makeFundedLoan(db, org, borrower);
    const servicer: ServicingActor = { organizationId: org.id, userId: org.admin.userId, portal: 'lender' };
    const installment = (await loanBalances(db, loan.id, '2026-02-01')).installments[0]!;
    // An inspection fee on Feb 1 takes 75 of the on-time payment: the installment is short.
    const inspection = await chargeFee(db, servicer, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: '75.00',
      effectiveDate: '2026-02-01',
      description: 'Inspection',
    });
    await recordPayment(db, servicer, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: installment.outstanding,
      effectiveDate: '2026-02-15',
      method: 'ach',
    });
    await runServicingForDate(db, org.id, '2026-03-01');
    const [fee] = await rowsOf(loan.id, 'late_fee');
    expect(fee?.effectiveDate).toBe('2026-02-26');
    // The inspection fee was charged in error: reversing it shows the installment paid on time.
    await reversePayment(db, servicer, {
      entryId: inspection.entry.id,
      idempotencyKey: key(),
      reason: 'Error',
    });
    expect(await reversalsOf(loan.id, fee!.id)).toHaveLength(1);
    expect((await loanBalances(db, loan.id, '2026-03-01')).penaltiesOutstanding).toBe('0.00');
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);

    // A servicer's waiver of a fee that was owed stays a waiver.
    const late = await loanWithLateFee();
    await reversePayment(db, late.servicer, {
      entryId: late.fee.id,
      idempotencyKey: key(),
      reason: 'Waived',
    });
    await runServicingForDate(db, late.org.id, '2026-03-04');
    expect(await rowsOf(late.loan.id, 'late_fee')).toHaveLength(1);
    expect((await ledgerAgreement(db, late.loan.id)).mismatches).toEqual([]);
  });
});
