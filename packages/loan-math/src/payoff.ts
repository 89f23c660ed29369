/**
 * Payoff quote as of a date (docs/loan-math.md § Payoff quote); the accrual basis is in accrual.ts.
 */
import { quoteCents } from './accrual.ts';
import {
  type LedgerState,
  parseRecordedRequest,
  type RecordedAllocationRequest,
  runLedger,
  toInternalCharges,
  toInternalPayments,
} from './allocation.ts';
import { formatDate, isCalendarDate, parseDate } from './dates.ts';
import { centsToString } from './decimal.ts';
import { buildPlan, type Plan } from './plan.ts';
import { inputError, type PayoffRequestInput, parseWith, payoffRequestSchema } from './schema.ts';

export interface PayoffQuote {
  /** Principal disbursed by the payoff date and not yet repaid. */
  principal: string;
  /**
   * Interest accrued through the payoff date and not yet paid (past-due and current period).
   * Negative when more interest was paid ahead than has accrued: a credit that lowers the total.
   */
  interest: string;
  /** Fees and penalties charged by the payoff date and not yet paid. */
  fees: string;
  total: string;
  /** Interest one more day adds: the quote for the next day is total + perDiem (same period). */
  perDiem: string;
  /** The last day the total is good for. */
  goodThrough: string;
}

export function quoteFromLedger(plan: Plan, s: LedgerState, payoffDay: number): PayoffQuote {
  const q = quoteCents(plan, s, payoffDay);
  return {
    principal: centsToString(q.principal),
    interest: centsToString(q.interest),
    fees: centsToString(q.fees),
    total: centsToString(q.total),
    perDiem: centsToString(q.perDiem),
    goodThrough: formatDate(payoffDay),
  };
}

/**
 * What it takes to pay the loan off on `payoffDate`, given the payments received (payments and
 * fees dated after the payoff date are ignored). Input:
 * `{ terms, payments: [{ date, amount }], payoffDate, fees?, waterfall?, waterfallBy? }`.
 * Throws `LoanMathInputError` naming the bad fields.
 */
export function quotePayoff(request: PayoffRequestInput): PayoffQuote {
  const r = parseWith(payoffRequestSchema, request);
  const plan = buildPlan(r.terms);
  const D = parseDate(r.payoffDate);
  const s = runLedger(plan, toInternalPayments(r.payments), toInternalCharges(r.fees), r, D);
  return quoteFromLedger(plan, s, D);
}

/**
 * `quotePayoff` for payments and fees validated when they were recorded (see
 * `allocateRecordedPayments`): the same quote, without re-parsing every payment with zod.
 */
export function quoteRecordedPayoff(
  request: RecordedAllocationRequest & { payoffDate: string },
): PayoffQuote {
  const r = parseRecordedRequest(request);
  const date = request.payoffDate;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !isCalendarDate(date))
    throw inputError(['payoffDate'], `must be the payoff date written as YYYY-MM-DD (got ${String(date)})`);
  const D = parseDate(date);
  if (D < parseDate(r.terms.startDate))
    throw inputError(
      ['payoffDate'],
      `must be on or after the loan's start date, ${r.terms.startDate} (it is ${date})`,
    );
  const s = runLedger(r.plan, r.payments, r.charges, r.options, D);
  return quoteFromLedger(r.plan, s, D);
}
