/**
 * Balances and installment statuses as of a date, derived from the ledger and the schedule by the
 * engine (never stored). The daily run caches a few of these figures in loan_servicing_state.
 */
import type { PaymentAllocation } from '@lending/loan-math';
import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { loans } from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { LOAN_NOT_FOUND, type LoanRow } from '../loans/loans.ts';
import { allocate, type LedgerView, ledgerOf, money, quote, rateChangesOf, viewOf } from './ledger.ts';
import type { DelinquencyBucket } from './servicing.inputs.ts';

export const dayNumber = (d: string) =>
  Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
export const addDays = (d: string, n: number) =>
  new Date((dayNumber(d) + n) * 86_400_000).toISOString().slice(0, 10);

export function bucketOf(daysPastDue: number): DelinquencyBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue < 30) return '1-29';
  if (daysPastDue < 60) return '30-59';
  if (daysPastDue < 90) return '60-89';
  return '90+';
}

export type InstallmentState = 'paid' | 'late' | 'due' | 'upcoming';

export interface LoanBalances {
  loanId: string;
  status: LoanRow['status'];
  asOf: string;
  principalOutstanding: string;
  /**
   * The commitment not disbursed yet (a construction loan's holdback still to draw). Under
   * `full_commitment` it is part of `principalOutstanding` (interest runs on it); under
   * `drawn_funds` it is not.
   */
  undisbursedCommitment: string;
  /** Interest accrued to the as-of date and not yet paid (never negative). */
  accruedInterest: string;
  /**
   * Interest paid before it accrued (an early or larger payment paid an installment's interest
   * ahead): a credit. `accruedInterest − interestPaidAhead` is the payoff quote's interest; one of
   * the two is always 0.
   */
  interestPaidAhead: string;
  feesOutstanding: string;
  penaltiesOutstanding: string;
  /** Everything due on or before the as-of date and unpaid (installments and charges). */
  pastDue: string;
  daysPastDue: number;
  bucket: DelinquencyBucket;
  maturedUnpaid: boolean;
  nextDue: { number: number; dueDate: string; amount: string } | null;
  totalPaid: string;
  unapplied: string;
  installments: {
    number: number;
    dueDate: string;
    principal: string;
    interest: string;
    fees: string;
    penalties: string;
    paid: string;
    outstanding: string;
    status: InstallmentState;
    paidOn: string | null;
  }[];
}

/** The derived state of a loan from an already loaded ledger view (no I/O). */
export function balancesFromView(
  view: LedgerView,
  asOf: string,
  options: { allocation?: PaymentAllocation; accrued?: boolean } = {},
): LoanBalances {
  const loan = view.loan;
  const allocation = options.allocation ?? allocate(view);
  let pastDue = new Decimal(0);
  let oldestLate: string | null = null;
  let nextDue: LoanBalances['nextDue'] = null;
  const installments = allocation.installments.map((i) => {
    const paid = new Decimal(i.paidPrincipal).plus(i.paidInterest).plus(i.paidFees).plus(i.paidPenalties);
    const status: InstallmentState =
      i.status === 'paid' ? 'paid' : i.dueDate < asOf ? 'late' : i.dueDate === asOf ? 'due' : 'upcoming';
    if (status === 'late' || status === 'due') pastDue = pastDue.plus(i.outstanding);
    if (status === 'late' && oldestLate === null) oldestLate = i.dueDate;
    if (nextDue === null && status !== 'paid' && i.dueDate >= asOf)
      nextDue = { number: i.number, dueDate: i.dueDate, amount: i.outstanding };
    return {
      number: i.number,
      dueDate: i.dueDate,
      principal: i.principal,
      interest: i.interest,
      fees: i.fees,
      penalties: i.penalties,
      paid: money(paid),
      outstanding: i.outstanding,
      status,
      paidOn: i.paidOn,
    };
  });
  let fees = new Decimal(0);
  let penalties = new Decimal(0);
  for (const i of allocation.installments) {
    fees = fees.plus(i.fees).minus(i.paidFees);
    penalties = penalties.plus(i.penalties).minus(i.paidPenalties);
  }
  const principalOutstanding = allocation.totals.principalOutstanding;
  const closed = loan.status === 'paid_off' || loan.status === 'charged_off';
  const startDate = String(view.terms.startDate);
  // The engine's quote nets interest accrued against interest paid ahead; shown apart.
  const netInterest =
    options.accrued === false || closed || asOf < startDate || new Decimal(principalOutstanding).lte(0)
      ? new Decimal(0)
      : new Decimal(quote(view, asOf).interest);
  const daysPastDue = closed || oldestLate === null ? 0 : dayNumber(asOf) - dayNumber(oldestLate);
  const maturedUnpaid = !closed && loan.maturityDate < asOf && new Decimal(principalOutstanding).gt(0);
  return {
    loanId: loan.id,
    status: loan.status,
    asOf,
    principalOutstanding,
    undisbursedCommitment: view.undisbursedCommitment,
    accruedInterest: money(Decimal.max(0, netInterest)),
    interestPaidAhead: money(Decimal.max(0, netInterest.neg())),
    feesOutstanding: money(fees),
    penaltiesOutstanding: money(penalties),
    pastDue: money(pastDue),
    daysPastDue,
    bucket: bucketOf(daysPastDue),
    maturedUnpaid,
    nextDue,
    // Money received: the engine's payoff also counts the undrawn commitment it cancelled.
    totalPaid: money(new Decimal(allocation.totals.received).minus(view.commitmentCancelled)),
    unapplied: allocation.totals.unapplied,
    installments,
  };
}

/** Loads and derives; callers check access first (`findLoan`). */
export async function balancesOfLoan(db: Executor, loan: LoanRow, asOf: string): Promise<LoanBalances> {
  // The engine's calendar: years 1900 to 2199.
  if (asOf < '1900-01-01' || asOf > '2199-12-31')
    throw new DomainError('BAD_REQUEST', `The as-of date must be between 1900 and 2199 (it is ${asOf}).`);
  const [entries, changes] = await Promise.all([ledgerOf(db, loan), rateChangesOf(db, loan)]);
  return balancesFromView(viewOf(loan, entries, changes, asOf), asOf);
}

/** Balances of a loan as of a date (for the other servicing areas: statements, payoff letters). */
export async function loanBalances(db: Executor, loanId: string, asOf: string): Promise<LoanBalances> {
  const [loan] = await db.select().from(loans).where(eq(loans.id, loanId));
  if (!loan) throw new DomainError('NOT_FOUND', LOAN_NOT_FOUND);
  return balancesOfLoan(db, loan, asOf);
}
