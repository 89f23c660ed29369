/**
 * Schedule generation: one pass over the plan's periods, in integer cents.
 */
import { formatDate, parseDate } from './dates.ts';
import { type Cents, centsToString, minCents, roundDiv, toCents } from './decimal.ts';
import { buildPlan, type Period, type Plan, periodUnits, rateIndexAt, solveLevel } from './plan.ts';
import {
  inputError,
  LIMITS,
  type LoanTermsInput,
  loanTermsSchema,
  type OddFirstPeriod,
  parseWith,
  type ReamortizeRequestInput,
  reamortizeRequestSchema,
} from './schema.ts';

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
    if (from === p.start && to === p.due)
      return roundDiv(base * p.wholeUnits * rates[rateIdx]!.num, p.wholeDen, plan.rounding);
    return roundDiv(
      base * BigInt(periodUnits(plan, p, from, to)) * rates[rateIdx]!.num,
      p.den,
      plan.rounding,
    );
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
          level: solveLevel(
            plan,
            state.balance,
            plan.rates[idx]!.percent,
            Math.max(1, plan.amortizationEnd - k),
          ),
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
  /** Interest of the odd days before the first regular period, charged at funding (`prepaid`), else "0.00". */
  prepaidInterest: string;
  /** The first period, for explanations: its days, and how it compares with a regular period. */
  firstPeriod: {
    days: number;
    /** Days of the regular period it is measured against. */
    regularDays: number;
    /** Whole regular periods in it, and odd days before them. */
    wholePeriods: number;
    oddDays: number;
    irregular: boolean;
    treatment: OddFirstPeriod;
  };
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
    prepaidInterest: centsToString(plan.prepaidInterest),
    firstPeriod: { ...plan.firstPeriod, treatment: plan.terms.oddFirstPeriod },
  };
}

/** Largest total the engine accepts anywhere: as many digits as an amount may have (15). */
const MAX_TOTAL_CENTS = 10n ** BigInt(LIMITS.maxAmountDigits + 2) - 1n;

/**
 * A schedule whose amounts do not fit the limits every entry point shares (15 digits before the
 * decimal point) is refused, as the same amount would be refused as a payment or payoff.
 */
export function assertWithinLimits(rows: readonly Row[]): void {
  let total = 0n;
  for (const r of rows) total += r.total;
  if (total > MAX_TOTAL_CENTS)
    throw inputError(
      ['principal'],
      `with this rate and term the payments add up to ${centsToString(total)}, more than ${LIMITS.maxAmountDigits} digits: lower the amount, the rate or the term`,
    );
}

/**
 * Regenerates the schedule from `asOf` given the principal actually outstanding then (after a
 * prepayment, a missed payment, a rate change): the installments due after `asOf`, interest from
 * `asOf` on, and the level installment (or equal principal part) re-solved over the installments
 * left at the rate in force — same maturity.
 */
export function reamortize(request: ReamortizeRequestInput): Schedule {
  const r = parseWith(reamortizeRequestSchema, request);
  const plan = buildPlan(r.terms);
  const asOf = parseDate(r.asOf);
  const from = plan.periods.findIndex((p) => p.due > asOf);
  if (from < 0)
    throw inputError(
      ['asOf'],
      `must be before the last due date ${formatDate(plan.periods[plan.n - 1]!.due)}`,
    );
  const balance = toCents(r.balance);
  const p = plan.periods[from]!;
  const periods = plan.periods.slice();
  const start = Math.max(p.start, asOf);
  // The first period accrues from asOf only: no whole-period shortcut for it.
  periods[from] = {
    ...p,
    start,
    wholeUnits: BigInt(periodUnits(plan, { ...p, start }, start, p.due)),
    wholeDen: p.den,
  };
  const shifted: Plan = { ...plan, periods };
  let disbursed = 0n;
  for (const d of plan.draws) if (d.date <= asOf) disbursed += d.amount;
  const rateIdx = rateIndexAt(plan, asOf);
  const left = Math.max(1, plan.amortizationEnd - Math.max(from, plan.principalGrace));
  const rule: InstallmentRule = {
    rateIdx,
    level: plan.level === null ? null : solveLevel(plan, balance, plan.rates[rateIdx]!.percent, left),
    equalPrincipal: plan.equalPrincipal === null ? null : roundDiv(balance, BigInt(left), plan.rounding),
  };
  const rows = runSchedule(shifted, from, balance, disbursed, 0n, rule);
  assertWithinLimits(rows);
  const out = formatSchedule({ ...shifted, level: rule.level }, rows);
  return { ...out, disbursed: centsToString(disbursed) };
}

/**
 * The repayment schedule of a loan. Validates `terms` first (throws `LoanMathInputError`, whose
 * message names each bad field). Pure: same terms, same schedule.
 */
export function generateSchedule(terms: LoanTermsInput): Schedule {
  const t = parseWith(loanTermsSchema, terms);
  const plan = buildPlan(t);
  const rows = runSchedule(plan);
  assertWithinLimits(rows);
  return formatSchedule(plan, rows);
}
