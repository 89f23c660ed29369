/**
 * Accrual and payoff quote as of a date (docs/loan-math.md § Payoff quote).
 */
import { type LedgerState, runLedger, toInternalCharges, toInternalPayments } from './allocation.ts';
import { civil, formatDate, isLeapYear, parseDate } from './dates.ts';
import { type Cents, centsToString, roundDiv } from './decimal.ts';
import { buildPlan, dayCountDen, dayCountUnits, type Plan } from './plan.ts';
import { type AccrualState, accrue } from './schedule.ts';
import { type PayoffRequestInput, parseWith, payoffRequestSchema } from './schema.ts';

export interface PayoffQuote {
  /** Principal disbursed by the payoff date and not yet repaid. */
  principal: string;
  /** Interest accrued through the payoff date and not yet paid (past-due and current period). */
  interest: string;
  /** Fees and penalties charged by the payoff date and not yet paid. */
  fees: string;
  total: string;
  /** Interest one more day adds (rounded to cents). */
  perDiem: string;
  /** The last day the total is good for. */
  goodThrough: string;
}

/**
 * Interest in cents from maturity to `to` on the principal outstanding from day to day, by the
 * day count (rounded once).
 */
function postMaturityInterest(
  plan: Plan,
  s: LedgerState,
  principalAt: (day: number) => Cents,
  to: number,
): Cents {
  const mat = plan.periods[plan.n - 1]!.due;
  if (to <= mat) return 0n;
  const dc = plan.terms.dayCount;
  // Segment boundaries: payment dates after maturity.
  const cuts = [...new Set(s.payments.map((p) => p.date).filter((d) => d > mat && d < to))].sort(
    (a, b) => a - b,
  );
  let num = 0n;
  let from = mat;
  for (const cut of [...cuts, to]) {
    const base = principalAt(from);
    if (base !== 0n) num += base * BigInt(dayCountUnits(dc, from, cut));
    from = cut;
  }
  return roundDiv(num * plan.rateNum, 100n * BigInt(dayCountDen(dc)) * plan.rateScale, plan.rounding);
}

export function quoteFromLedger(plan: Plan, s: LedgerState, payoffDay: number): PayoffQuote {
  const rows = s.rows;
  const periods = plan.periods;
  const D = payoffDay;
  // Principal repaid on or before a day (payments take effect on their own date).
  const repaidBy = (day: number) => {
    let x = 0n;
    for (const p of s.payments) {
      if (p.date > day) continue;
      x += p.principalReduction;
      for (const l of p.lines) x += l.principal;
    }
    return x;
  };
  const disbursedBy = (day: number) => {
    let x = 0n;
    for (const d of plan.draws) if (d.date <= day) x += d.amount;
    return x;
  };
  const disbursed = disbursedBy(D);
  const principal = disbursed - repaidBy(D);

  // Interest accrued through D: whole periods that ended on or before D, the current period up
  // to D, and after maturity day by day.
  let accrued = 0n;
  let current = -1;
  for (const r of rows) {
    if (r.due <= D) accrued += r.own;
    else {
      current = r.index;
      break;
    }
  }
  let perDiem: Cents;
  if (current >= 0) {
    const p = periods[current]!;
    // The current period accrues on what is actually outstanding at its start (the schedule's
    // balance when every installment was paid; more when one was missed), draws on drawn funds.
    let drawIdx = 0;
    let disbursedBefore = 0n;
    while (drawIdx < plan.draws.length && plan.draws[drawIdx]!.date < p.start) {
      disbursedBefore += plan.draws[drawIdx]!.amount;
      drawIdx++;
    }
    const st: AccrualState = {
      balance: disbursedBefore - repaidBy(p.start),
      disbursed: disbursedBefore,
      drawIdx,
    };
    if (D > p.start) accrued += accrue(plan, p, p.start, D, st);
    // One more day on the same basis (a draw made on D included), so that inside the period
    // quote(D) + perDiem = quote(D + 1) up to each day's rounding.
    perDiem = accrue(plan, p, D, D + 1, { ...st });
  } else {
    accrued += postMaturityInterest(plan, s, (day) => disbursedBy(day) - repaidBy(day), D);
    const dc = plan.terms.dayCount;
    const yearDays =
      dc === 'actual/actual' ? (isLeapYear(civil(D).y) ? 366 : 365) : dc === 'actual/365' ? 365 : 360;
    perDiem = roundDiv(principal * plan.rateNum, 100n * BigInt(yearDays) * plan.rateScale, plan.rounding);
  }
  let interestPaid = 0n;
  for (const x of s.paidInterest) interestPaid += x;
  let interest = accrued - interestPaid;
  if (interest < 0n) interest = 0n;

  let fees = 0n;
  for (const c of s.charges) if (c.date <= D) fees += c.amount - c.paid;

  return {
    principal: centsToString(principal),
    interest: centsToString(interest),
    fees: centsToString(fees),
    total: centsToString(principal + interest + fees),
    perDiem: centsToString(perDiem),
    goodThrough: formatDate(D),
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
