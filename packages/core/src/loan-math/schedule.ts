/**
 * Schedule generation: one pass over the plan's periods.
 */
import type Decimal from 'decimal.js';
import { formatDate } from './dates.ts';
import { money, ZERO } from './decimal.ts';
import { buildPlan, type Period, type Plan, segmentUnits } from './plan.ts';
import { type LoanTermsInput, loanTermsSchema, parseWith } from './schema.ts';

/** One installment as the engine keeps it (Decimals, epoch days). */
export interface Row {
  index: number;
  start: number;
  due: number;
  /** Interest accrued over this period, rounded to cents. */
  own: Decimal;
  /** Interest due with this installment: `own`, or 0 while interest is deferred, plus the deferred interest it collects. */
  interest: Decimal;
  principal: Decimal;
  total: Decimal;
  /** Principal outstanding after this installment. */
  balance: Decimal;
  /** Total disbursed by the end of this period. */
  disbursed: Decimal;
  /** Interest deferred (interest grace) and not yet due after this installment. */
  deferredAfter: Decimal;
}

export interface AccrualState {
  balance: Decimal;
  disbursed: Decimal;
  drawIdx: number;
}

/**
 * Unrounded interest over [from, to) inside period p, starting from `state` (balance and
 * disbursed amount at `from`); disbursements dated in [from, to) are added as they come.
 * Mutates and returns `state`.
 */
export function accrue(plan: Plan, p: Period, from: number, to: number, state: AccrualState): Decimal {
  const draws = plan.draws;
  let cursor = from;
  let num: Decimal = ZERO;
  while (state.drawIdx < draws.length && draws[state.drawIdx]!.date < to) {
    const d = draws[state.drawIdx]!;
    if (d.date > cursor) {
      const base = plan.flat ? state.disbursed : state.balance;
      if (!base.isZero()) num = num.plus(base.times(segmentUnits(plan, p, cursor, d.date)));
      cursor = d.date;
    }
    state.balance = state.balance.plus(d.amount);
    state.disbursed = state.disbursed.plus(d.amount);
    state.drawIdx++;
  }
  if (cursor < to) {
    const base = plan.flat ? state.disbursed : state.balance;
    if (!base.isZero()) {
      if (cursor === p.start && to === p.due && num.isZero()) return base.times(p.fullNum).div(p.fullDen);
      num = num.plus(base.times(segmentUnits(plan, p, cursor, to)));
    }
  }
  return num.isZero() ? ZERO : num.times(plan.rate).div(p.den);
}

/**
 * Installments `from`…n−1, starting with the given outstanding principal, total disbursed and
 * deferred interest at the start of period `from`.
 */
export function runSchedule(
  plan: Plan,
  from = 0,
  startBalance: Decimal = ZERO,
  startDisbursed: Decimal = ZERO,
  startDeferred: Decimal = ZERO,
): Row[] {
  const rows: Row[] = [];
  const { n, mode, level, equalPrincipal, principalGrace, interestGrace, periods, draws } = plan;
  const startDay = periods[from]!.start;
  let drawIdx = 0;
  while (drawIdx < draws.length && draws[drawIdx]!.date < startDay) drawIdx++;
  const state: AccrualState = { balance: startBalance, disbursed: startDisbursed, drawIdx };
  let deferred = startDeferred;
  for (let k = from; k < n; k++) {
    const p = periods[k]!;
    const own = accrue(plan, p, p.start, p.due, state).toDecimalPlaces(2, mode);
    let interest: Decimal;
    if (k < interestGrace) {
      deferred = deferred.plus(own);
      interest = ZERO;
    } else if (deferred.isZero()) {
      interest = own;
    } else {
      interest = own.plus(deferred);
      deferred = ZERO;
    }
    const balance = state.balance;
    let principal: Decimal;
    let total: Decimal | null = null;
    if (k === n - 1) principal = balance;
    else if (k < principalGrace) principal = ZERO;
    else if (level !== null) {
      principal = level.minus(own);
      if (principal.isNegative()) principal = ZERO;
      else if (principal.gt(balance)) principal = balance;
      else if (interest === own) total = level; // a level installment paid as such: no addition needed
    } else if (equalPrincipal !== null) {
      principal = equalPrincipal.gt(balance) ? balance : equalPrincipal;
    } else principal = ZERO;
    state.balance = principal.isZero() ? balance : balance.minus(principal);
    rows.push({
      index: k,
      start: p.start,
      due: p.due,
      own,
      interest,
      principal,
      total: total ?? (principal.isZero() ? interest : interest.isZero() ? principal : principal.plus(interest)),
      balance: state.balance,
      disbursed: state.disbursed,
      deferredAfter: deferred,
    });
  }
  return rows;
}

export interface ScheduleInstallment {
  number: number;
  periodStart: string;
  dueDate: string;
  principal: string;
  interest: string;
  total: string;
  balance: string;
}

export interface Schedule {
  installments: ScheduleInstallment[];
  totals: { principal: string; interest: string; total: string };
  /** The level installment before the last (equal installments), otherwise null. */
  installmentAmount: string | null;
  /** What the borrower receives in all: `principal`, or the sum of the draws. */
  disbursed: string;
  maturityDate: string;
}

export function formatSchedule(plan: Plan, rows: Row[]): Schedule {
  let ti: Decimal = ZERO;
  const installments = new Array<ScheduleInstallment>(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (!r.interest.isZero()) ti = ti.plus(r.interest);
    installments[k] = {
      number: r.index + 1,
      periodStart: formatDate(r.start),
      dueDate: formatDate(r.due),
      principal: money(r.principal),
      interest: money(r.interest),
      total: money(r.total),
      balance: money(r.balance),
    };
  }
  // The last installment takes the remaining balance, so principal always sums to what was
  // disbursed (the property tests check this sum installment by installment).
  const tp = plan.disbursedTotal;
  return {
    installments,
    totals: { principal: money(tp), interest: money(ti), total: money(tp.plus(ti)) },
    installmentAmount: plan.level === null ? null : money(plan.level),
    disbursed: money(plan.disbursedTotal),
    maturityDate: formatDate(plan.periods[plan.n - 1]!.due),
  };
}

/**
 * The repayment schedule of a loan. Validates `terms` first (throws `LoanMathInputError`, whose
 * message names each bad field). Pure: same terms, same schedule.
 */
export function generateSchedule(terms: LoanTermsInput): Schedule {
  const t = parseWith(loanTermsSchema, terms);
  const plan = buildPlan(t);
  return formatSchedule(plan, runSchedule(plan));
}
