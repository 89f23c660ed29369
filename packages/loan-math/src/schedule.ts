/**
 * Schedule generation: one pass over the plan's periods, in integer cents.
 */
import { formatDate } from './dates.ts';
import { type Cents, centsToString, minCents, roundDiv } from './decimal.ts';
import { buildPlan, type Period, type Plan, periodUnits, rateIndexAt, solveLevel } from './plan.ts';
import { type LoanTermsInput, loanTermsSchema, parseWith } from './schema.ts';

/** One installment as the engine keeps it (cents, epoch days). */
export interface Row {
  index: number;
  start: number;
  due: number;
  /** Interest accrued over this period, rounded to cents. */
  own: Cents;
  /** Interest due with this installment: `own`, or 0 while interest is deferred, plus the deferred interest it collects. */
  interest: Cents;
  principal: Cents;
  total: Cents;
  /** Principal outstanding after this installment. */
  balance: Cents;
  /** Total disbursed by the end of this period. */
  disbursed: Cents;
  /** Interest deferred (interest grace) and not yet due after this installment. */
  deferredAfter: Cents;
  /** The installment rule in force for this installment (changes with rates and prepayments). */
  rule: InstallmentRule;
}

/** How principal is repaid from one installment to the next. */
export interface InstallmentRule {
  /** Level installment (equal_installments), or null. */
  level: Cents | null;
  /** Equal principal part (equal_principal), or null. */
  equalPrincipal: Cents | null;
  /** Index in plan.rates of the rate the level installment was solved at. */
  rateIdx: number;
}

export function initialRule(plan: Plan): InstallmentRule {
  return { level: plan.level, equalPrincipal: plan.equalPrincipal, rateIdx: 0 };
}

export interface AccrualState {
  balance: Cents;
  disbursed: Cents;
  drawIdx: number;
}

/**
 * Interest in cents over [from, to) inside period p, rounded once, starting from `state`
 * (balance and disbursed amount at `from`); disbursements dated in [from, to) are added as they
 * come, and a rate change splits the period. Mutates `state`.
 */
export function accrue(plan: Plan, p: Period, from: number, to: number, state: AccrualState): Cents {
  const draws = plan.draws;
  const rates = plan.rates;
  let rateIdx = rateIndexAt(plan, from);
  const noChange = rateIdx + 1 >= rates.length || rates[rateIdx + 1]!.from >= to;
  const noDraw = state.drawIdx >= draws.length || draws[state.drawIdx]!.date >= to;
  if (noChange && noDraw) {
    const base = plan.flat ? state.disbursed : state.balance;
    if (base === 0n || to <= from) return 0n;
    return roundDiv(base * BigInt(periodUnits(plan, p, from, to)) * rates[rateIdx]!.num, p.den, plan.rounding);
  }
  let cursor = from;
  let num = 0n;
  for (;;) {
    const nextDraw = state.drawIdx < draws.length ? Math.max(cursor, draws[state.drawIdx]!.date) : to;
    const nextRate = rateIdx + 1 < rates.length ? Math.max(cursor, rates[rateIdx + 1]!.from) : to;
    const next = Math.min(nextDraw, nextRate, to);
    if (next > cursor) {
      const base = plan.flat ? state.disbursed : state.balance;
      if (base !== 0n) num += base * BigInt(periodUnits(plan, p, cursor, next)) * rates[rateIdx]!.num;
      cursor = next;
    }
    if (next >= to) break;
    if (nextDraw === next) {
      const d = draws[state.drawIdx]!;
      state.balance += d.amount;
      state.disbursed += d.amount;
      state.drawIdx++;
    } else rateIdx++;
  }
  return num === 0n ? 0n : roundDiv(num, p.den, plan.rounding);
}

/**
 * Installments `from`…n−1, starting with the given outstanding principal, total disbursed and
 * deferred interest at the start of period `from`, under `rule`. A rate change re-solves the
 * level installment over the installments left, from the first period that starts at the new
 * rate.
 */
export function runSchedule(
  plan: Plan,
  from = 0,
  startBalance = 0n,
  startDisbursed = 0n,
  startDeferred = 0n,
  startRule: InstallmentRule = initialRule(plan),
): Row[] {
  const rows: Row[] = [];
  const { n, principalGrace, interestGrace, periods, draws } = plan;
  let drawIdx = 0;
  if (from > 0) {
    const startDay = periods[from]!.start;
    while (drawIdx < draws.length && draws[drawIdx]!.date < startDay) drawIdx++;
  }
  const state: AccrualState = { balance: startBalance, disbursed: startDisbursed, drawIdx };
  let deferred = startDeferred;
  let rule = startRule;
  const reSolve = plan.rates.length > 1 && rule.level !== null;
  for (let k = from; k < n; k++) {
    const p = periods[k]!;
    if (reSolve && k >= principalGrace) {
      const idx = rateIndexAt(plan, p.start);
      if (idx !== rule.rateIdx && state.balance > 0n)
        rule = {
          ...rule,
          rateIdx: idx,
          level: solveLevel(plan, state.balance, plan.rates[idx]!.percent, Math.max(1, plan.amortizationEnd - k)),
        };
    }
    const own = accrue(plan, p, p.start, p.due, state);
    let interest: Cents;
    if (k < interestGrace) {
      deferred += own;
      interest = 0n;
    } else {
      interest = own + deferred;
      deferred = 0n;
    }
    const balance = state.balance;
    let principal: Cents;
    if (k === n - 1) principal = balance;
    else if (k < principalGrace) principal = 0n;
    else if (rule.level !== null) {
      principal = rule.level - own;
      if (principal < 0n) principal = 0n;
      else if (principal > balance) principal = balance;
    } else if (rule.equalPrincipal !== null) {
      principal = minCents(rule.equalPrincipal, balance);
    } else principal = 0n;
    state.balance = balance - principal;
    rows.push({
      index: k,
      start: p.start,
      due: p.due,
      own,
      interest,
      principal,
      total: principal + interest,
      balance: state.balance,
      disbursed: state.disbursed,
      deferredAfter: deferred,
      rule,
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
  /** The level installment (equal installments), otherwise null. */
  installmentAmount: string | null;
  /** What the borrower receives in all: `principal`, or the sum of the draws. */
  disbursed: string;
  maturityDate: string;
}

export function formatSchedule(plan: Plan, rows: Row[]): Schedule {
  let tp = 0n;
  let ti = 0n;
  const installments = new Array<ScheduleInstallment>(rows.length);
  let periodStart = rows.length > 0 ? formatDate(rows[0]!.start) : '';
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    tp += r.principal;
    ti += r.interest;
    const dueDate = formatDate(r.due);
    installments[k] = {
      number: r.index + 1,
      periodStart,
      dueDate,
      principal: centsToString(r.principal),
      interest: centsToString(r.interest),
      total: centsToString(r.total),
      balance: centsToString(r.balance),
    };
    periodStart = dueDate;
  }
  return {
    installments,
    totals: { principal: centsToString(tp), interest: centsToString(ti), total: centsToString(tp + ti) },
    installmentAmount: plan.level === null ? null : centsToString(plan.level),
    disbursed: centsToString(plan.disbursedTotal),
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
