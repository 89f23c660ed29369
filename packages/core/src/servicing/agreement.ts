/**
 * The ledger agreement check: the sums of the ledger's allocation columns equal what the engine
 * derives from the same ledger and the schedule. Used by the tests after every sequence of
 * writes, and usable as an operational consistency check.
 */

import type { PaymentAllocation } from '@lending/loan-math';
import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { loans } from '../db/schema/index.ts';
import { allocate, ledgerOf, ledgerSums, rateChangesOf, viewOf } from './ledger.ts';

export interface LedgerAgreement {
  mismatches: string[];
  allocation: PaymentAllocation;
}

export async function ledgerAgreement(db: Executor, loanId: string): Promise<LedgerAgreement> {
  const [loan] = await db.select().from(loans).where(eq(loans.id, loanId));
  if (!loan) throw new Error(`no loan ${loanId}`);
  const view = viewOf(loan, await ledgerOf(db, loan), await rateChangesOf(db, loan));
  const a = allocate(view);
  const sums = await ledgerSums(db, loan);
  let fees = new Decimal(0);
  let penalties = new Decimal(0);
  for (const i of a.installments) {
    fees = fees.plus(i.fees).minus(i.paidFees);
    penalties = penalties.plus(i.penalties).minus(i.paidPenalties);
  }
  const mismatches: string[] = [];
  const same = (what: string, ledger: string, engine: string) => {
    if (!new Decimal(ledger).eq(engine)) mismatches.push(`${what}: ledger ${ledger}, engine ${engine}`);
  };
  // Under full_commitment the engine's principal counts the commitment not yet disbursed (and
  // not cancelled at payoff); the ledger's principal column holds what was disbursed.
  const undrawn = view.interestOnFullCommitment ? view.undisbursedCommitment : '0';
  same(
    'principal outstanding',
    new Decimal(sums.principal).plus(undrawn).toFixed(2),
    a.totals.principalOutstanding,
  );
  same('interest paid (negated)', sums.interest, new Decimal(a.totals.interest).neg().toFixed(2));
  same('fees outstanding', sums.fees, fees.toFixed(2));
  same('penalties outstanding', sums.penalties, penalties.toFixed(2));
  const allocated = new Decimal(a.totals.principal)
    .plus(a.totals.principalReduction)
    .plus(a.totals.interest)
    .plus(a.totals.fees)
    .plus(a.totals.penalties)
    .plus(a.totals.unapplied);
  same('received = allocated + unapplied', allocated.toFixed(2), a.totals.received);
  // The schedule agrees: every installment's paid parts never exceed what it asks.
  for (const i of a.installments)
    if (new Decimal(i.outstanding).lt(0))
      mismatches.push(`installment ${i.number} over-paid: ${i.outstanding}`);
  return { mismatches, allocation: a };
}
