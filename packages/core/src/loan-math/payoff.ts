/**
 * Accrual and payoff quote as of a date (docs/loan-math.md § Payoff quote).
 */
import type Decimal from 'decimal.js';
import { type LedgerState, runLedger, toInternalCharges, toInternalPayments } from './allocation.ts';
import { civil, formatDate, isLeapYear, parseDate } from './dates.ts';
import { HUNDRED, money, ZERO } from './decimal.ts';
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

/** Interest from maturity to `to` on the principal outstanding from day to day (by the day count). */
function postMaturityInterest(
  plan: Plan,
  s: LedgerState,
  principalAt: (day: number) => Decimal,
  to: number,
): Decimal {
  const mat = plan.periods[plan.n - 1]!.due;
  if (to <= mat) return ZERO;
  const dc = plan.terms.dayCount;
  // Segment boundaries: payment dates after maturity.
  const cuts = [...new Set(s.payments.map((p) => p.date).filter((d) => d > mat && d < to))].sort(
    (a, b) => a - b,
  );
  let num: Decimal = ZERO;
  let from = mat;
  for (const cut of [...cuts, to]) {
    const base = principalAt(from);
    if (!base.isZero()) num = num.plus(base.times(dayCountUnits(dc, from, cut)));
    from = cut;
  }
  return num.times(plan.rate).div(HUNDRED.times(dayCountDen(dc)));
}

export function quoteFromLedger(plan: Plan, s: LedgerState, payoffDay: number): PayoffQuote {
  const { mode, rows, periods } = { mode: plan.mode, rows: s.rows, periods: plan.periods };
  const D = payoffDay;
  let disbursed: Decimal = ZERO;
  for (const d of plan.draws) if (d.date <= D) disbursed = disbursed.plus(d.amount);
  // Principal repaid on or before a day (payments only take effect on their own date).
  const repaidBy = (day: number) => {
    let x: Decimal = ZERO;
    for (const p of s.payments) {
      if (p.date > day) continue;
      x = x.plus(p.principalReduction);
      for (const l of p.lines) x = x.plus(l.principal);
    }
    return x;
  };
  const disbursedBy = (day: number) => {
    let x: Decimal = ZERO;
    for (const d of plan.draws) if (d.date <= day) x = x.plus(d.amount);
    return x;
  };
  const principal = disbursed.minus(repaidBy(D));

  // Interest accrued through D: whole periods that ended on or before D, the current period up
  // to D, and after maturity day by day.
  let accrued: Decimal = ZERO;
  let current = -1;
  for (const r of rows) {
    if (r.due <= D) accrued = accrued.plus(r.own);
    else {
      current = r.index;
      break;
    }
  }
  let perDiemRaw: Decimal;
  if (current >= 0) {
    const p = periods[current]!;
    const prev = current > 0 ? rows[current - 1]! : null;
    const drawIdxAt = (day: number) => {
      let i = 0;
      while (i < plan.draws.length && plan.draws[i]!.date < day) i++;
      return i;
    };
    if (D > p.start) {
      const st: AccrualState = {
        balance: prev ? prev.balance : ZERO,
        disbursed: prev ? prev.disbursed : ZERO,
        drawIdx: drawIdxAt(p.start),
      };
      accrued = accrued.plus(accrue(plan, p, p.start, D, st).toDecimalPlaces(2, mode));
    }
    const dayState: AccrualState = { balance: principal, disbursed, drawIdx: drawIdxAt(D) };
    dayState.drawIdx = plan.draws.length; // no draw inside the one day: it is a rate, not a forecast
    perDiemRaw = accrue(plan, p, D, D + 1, dayState);
  } else {
    accrued = accrued.plus(
      postMaturityInterest(plan, s, (day) => disbursedBy(day).minus(repaidBy(day)), D).toDecimalPlaces(
        2,
        mode,
      ),
    );
    const dc = plan.terms.dayCount;
    const yearDays =
      dc === 'actual/actual' ? (isLeapYear(civil(D).y) ? 366 : 365) : dc === 'actual/365' ? 365 : 360;
    perDiemRaw = principal.times(plan.rate).div(HUNDRED.times(yearDays));
  }
  let interestPaid: Decimal = ZERO;
  for (const x of s.paidInterest) interestPaid = interestPaid.plus(x);
  let interest = accrued.minus(interestPaid);
  if (interest.isNegative()) interest = ZERO;

  let fees: Decimal = ZERO;
  for (const c of s.charges) if (c.date <= D) fees = fees.plus(c.amount.minus(c.paid));

  const total = principal.plus(interest).plus(fees);
  return {
    principal: money(principal),
    interest: money(interest),
    fees: money(fees),
    total: money(total),
    perDiem: money(perDiemRaw.toDecimalPlaces(2, mode)),
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
