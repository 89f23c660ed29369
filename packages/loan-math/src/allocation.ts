/**
 * Payment allocation: applies received payments to a loan's installments by a waterfall, and
 * keeps the state a payoff quote needs.
 *
 * Rules (docs/loan-math.md § Payment allocation):
 * 1. Payments are taken in date order (same date: in the order given). Late fees are assessed
 *    at the start of the day after an installment's grace period, before that day's payments.
 * 2. A payment first pays what is due on its date — installments with a due date on or before
 *    it, plus fees and penalties charged on or before it — oldest installment first, by the
 *    waterfall (default penalties → fees → interest → principal; `waterfallBy: 'installment'`
 *    pays one installment's items before the next one's, `'component'` pays one component on
 *    every installment before the next component).
 * 3. What is left pays the next installment not yet due (paying ahead of the due date).
 * 4. What is left after that is an over-payment: it reduces the outstanding principal at once.
 *    The installments after that next one are recomputed from the reduced balance with the same
 *    level installment (or equal principal part), so the loan ends sooner and costs less interest.
 * 5. What is left when no principal remains is reported as `unapplied` (to be refunded).
 */

import { type QuoteCents, quoteCents } from './accrual.ts';
import { formatDate, isCalendarDate, parseDate } from './dates.ts';
import {
  type Cents,
  Dec,
  decimalToCents,
  minCents,
  centsToString as money,
  type RoundingName,
  roundDiv,
  toCents,
} from './decimal.ts';
import { buildPlan, type Plan, solveLevel } from './plan.ts';
import { assertWithinLimits, type InstallmentRule, type Row, runSchedule } from './schedule.ts';
import {
  type AllocationRequestInput,
  allocationRequestSchema,
  inputError,
  LIMITS,
  type LoanTerms,
  type LoanTermsInput,
  parseWith,
  recordedRequestSchema,
  type WaterfallPart,
} from './schema.ts';

export interface Charge {
  date: number;
  amount: Cents;
  kind: 'fee' | 'penalty';
  /** 0-based installment the charge belongs to. */
  index: number;
  paid: Cents;
  description?: string;
}

export interface AppliedLine {
  index: number;
  penalties: Cents;
  fees: Cents;
  interest: Cents;
  principal: Cents;
}

export interface AppliedPayment {
  date: number;
  amount: Cents;
  lines: AppliedLine[];
  principalReduction: Cents;
  unapplied: Cents;
}

export interface LedgerState {
  plan: Plan;
  rows: Row[];
  paidPrincipal: Cents[];
  paidInterest: Cents[];
  charges: Charge[];
  payments: AppliedPayment[];
  /** Principal reductions by over-payment: date and amount. */
  reductions: { date: number; amount: Cents }[];
  /** Epoch day each installment was fully paid, if it was. */
  paidOn: (number | null)[];
  /** The day a payment paid the loan off (later payments are not applied), or null. */
  closedOn: number | null;
  /** Installments before this one are paid, charges included (where each payment starts looking). */
  open: number;
}

export interface AllocationOptions {
  waterfall: readonly WaterfallPart[];
  waterfallBy: 'installment' | 'component';
}

export interface InternalPayment {
  date: number;
  amount: Cents;
}

export interface InternalCharge {
  date: number;
  amount: Cents;
  kind: 'fee' | 'penalty';
  description?: string;
}

function installmentFor(rows: Row[], date: number): number {
  for (const r of rows) if (r.due >= date) return r.index;
  return rows.length - 1;
}

function lineFor(lines: AppliedLine[], index: number): AppliedLine {
  let line = lines.find((l) => l.index === index);
  if (!line) {
    line = { index, penalties: 0n, fees: 0n, interest: 0n, principal: 0n };
    lines.push(line);
  }
  return line;
}

function unpaidOf(s: LedgerState, i: number, upTo: number): Cents {
  const r = s.rows[i]!;
  let u = r.principal - s.paidPrincipal[i]! + (r.interest - s.paidInterest[i]!);
  for (const c of s.charges) if (c.index === i && c.date <= upTo) u += c.amount - c.paid;
  return u;
}

/**
 * Pays `part` of installment i with at most `left`; returns what was applied.
 * Charges are only payable from their charge date (`asOf`).
 */
function payPart(
  s: LedgerState,
  i: number,
  part: WaterfallPart,
  left: Cents,
  asOf: number,
  lines: AppliedLine[],
): Cents {
  if (left === 0n) return 0n;
  const r = s.rows[i]!;
  if (part === 'principal' || part === 'interest') {
    const paidArr = part === 'principal' ? s.paidPrincipal : s.paidInterest;
    const due = (part === 'principal' ? r.principal : r.interest) - paidArr[i]!;
    if (due <= 0n) return 0n;
    const x = minCents(due, left);
    paidArr[i] = paidArr[i]! + x;
    lineFor(lines, i)[part] += x;
    return x;
  }
  const kind = part === 'fees' ? 'fee' : 'penalty';
  let applied: Cents = 0n;
  for (const c of s.charges) {
    if (c.index !== i || c.kind !== kind || c.date > asOf) continue;
    const due = c.amount - c.paid;
    if (due <= 0n) continue;
    const rest = left - applied;
    if (rest === 0n) break;
    const x = minCents(due, rest);
    c.paid += x;
    applied += x;
  }
  if (applied !== 0n) lineFor(lines, i)[part] += applied;
  return applied;
}

/** Everything due on or before `day` and not yet paid: installments, fees and penalties. */
function dueThrough(s: LedgerState, day: number): Cents {
  let due = 0n;
  for (let i = 0; i < s.rows.length && s.rows[i]!.due <= day; i++) {
    const r = s.rows[i]!;
    due += r.principal - s.paidPrincipal[i]! + (r.interest - s.paidInterest[i]!);
  }
  for (const c of s.charges) if (c.date <= day) due += c.amount - c.paid;
  return due;
}

function markPaid(s: LedgerState, date: number): void {
  for (let i = s.open; i < s.rows.length; i++) {
    if (s.paidOn[i] !== null) continue;
    if (unpaidOf(s, i, date) <= 0n) s.paidOn[i] = date;
    // Paid installments are contiguous past the due ones (paying ahead pays the next first).
    else if (s.rows[i]!.due > date) break;
  }
  // Skip settled installments from now on (unless a charge on one is still open, even a later one).
  while (
    s.open < s.rows.length &&
    s.paidOn[s.open] !== null &&
    !s.charges.some((c) => c.index === s.open && c.paid < c.amount)
  )
    s.open++;
}

/** Installments due on or before the day take every part; later ones only fees and penalties charged. */
function payable(rows: Row[], i: number, part: WaterfallPart, day: number): boolean {
  return rows[i]!.due <= day || part === 'fees' || part === 'penalties';
}

function applyPayment(s: LedgerState, pay: InternalPayment, opts: AllocationOptions): AppliedPayment {
  const lines: AppliedLine[] = [];
  let left = pay.amount;
  const p = pay.date;
  const rows = s.rows;
  // No closures in here: this runs once per payment of a ledger on every posting, and tsx wraps
  // each named closure in a naming call.
  // Installments not yet due matter here only for charges.
  let end = s.open;
  while (end < rows.length && rows[end]!.due <= p) end++;
  const last = s.charges.length > 0 ? rows.length : end;
  if (opts.waterfallBy === 'installment') {
    for (let i = s.open; i < last && left !== 0n; i++)
      for (const part of opts.waterfall)
        if (payable(rows, i, part, p)) left -= payPart(s, i, part, left, p, lines);
  } else {
    for (const part of opts.waterfall)
      for (let i = s.open; i < last && left !== 0n; i++)
        if (payable(rows, i, part, p)) left -= payPart(s, i, part, left, p, lines);
  }
  // Paying ahead: the next installment not yet due.
  const next = end < rows.length ? end : -1;
  if (next >= 0 && left !== 0n)
    for (const part of opts.waterfall)
      if (part === 'interest' || part === 'principal') left -= payPart(s, next, part, left, p, lines);
  // Over-payment: reduce principal and recompute the installments after `next`.
  let principalReduction: Cents = 0n;
  if (next >= 0 && next < rows.length - 1 && left !== 0n) {
    const r = rows[next]!;
    principalReduction = minCents(left, r.balance);
    if (principalReduction !== 0n) {
      left -= principalReduction;
      r.balance -= principalReduction;
      const tail = runSchedule(
        s.plan,
        next + 1,
        r.balance,
        r.disbursed,
        r.deferredAfter,
        ruleAfterPrepayment(s.plan, r.rule, next + 1, r.balance),
      );
      for (const t of tail) rows[t.index] = t;
      s.reductions.push({ date: p, amount: principalReduction });
    }
  }
  const applied: AppliedPayment = { date: p, amount: pay.amount, lines, principalReduction, unapplied: left };
  s.payments.push(applied);
  markPaid(s, p);
  return applied;
}

/**
 * The installment rule after an extra principal payment, from installment `from` on:
 * `reduce_term` keeps the installment (the loan ends sooner); `reduce_installment` re-solves it
 * over the installments left (same maturity). Interest-only loans need neither: their interest
 * always accrues on the actual principal.
 */
export function ruleAfterPrepayment(
  plan: Plan,
  rule: InstallmentRule,
  from: number,
  balance: Cents,
): InstallmentRule {
  if (plan.terms.prepaymentRecalculation !== 'reduce_installment') return rule;
  const left = Math.max(1, plan.amortizationEnd - Math.max(from, plan.principalGrace));
  if (rule.level !== null)
    return { ...rule, level: solveLevel(plan, balance, plan.rates[rule.rateIdx]!.percent, left) };
  if (rule.equalPrincipal !== null)
    return { ...rule, equalPrincipal: roundDiv(balance, BigInt(left), plan.rounding) };
  return rule;
}

/**
 * A payment that covers the payoff quote of its date pays the loan off: the fees, the principal
 * outstanding and the interest accrued to that day (accrual.ts), nothing more; the installments
 * not yet due are closed; whatever is left is unapplied. This is what keeps the payoff letter's
 * promise: paying the quoted total on its date leaves exactly nothing owed.
 */
function applyPayoff(s: LedgerState, pay: InternalPayment, q: QuoteCents): AppliedPayment {
  const rows = s.rows;
  const D = pay.date;
  const lines: AppliedLine[] = [];
  let left = pay.amount;
  for (const c of s.charges) {
    if (c.date > D || c.paid >= c.amount) continue;
    const x = c.amount - c.paid;
    c.paid = c.amount;
    lineFor(lines, c.index)[c.kind === 'fee' ? 'fees' : 'penalties'] += x;
    left -= x;
  }
  let cur = rows.findIndex((r) => r.due > D);
  if (cur < 0) cur = rows.length - 1;
  let principalLeft = q.principal;
  let interestLeft = q.interest;
  // Installments already due first (oldest first), the rest with the current one.
  for (let i = 0; i < cur || (i === cur && rows[i]!.due <= D); i++) {
    const r = rows[i]!;
    const p = minCents(r.principal - s.paidPrincipal[i]!, principalLeft);
    const x = minCents(r.interest - s.paidInterest[i]!, interestLeft);
    if (p > 0n) {
      s.paidPrincipal[i] = s.paidPrincipal[i]! + p;
      lineFor(lines, i).principal += p;
      principalLeft -= p;
    }
    if (x > 0n) {
      s.paidInterest[i] = s.paidInterest[i]! + x;
      lineFor(lines, i).interest += x;
      interestLeft -= x;
    }
  }
  if (principalLeft !== 0n) {
    s.paidPrincipal[cur] = s.paidPrincipal[cur]! + principalLeft;
    lineFor(lines, cur).principal += principalLeft;
  }
  if (interestLeft !== 0n) {
    // A negative remainder is interest paid ahead of its accrual, credited against the payoff.
    s.paidInterest[cur] = s.paidInterest[cur]! + interestLeft;
    lineFor(lines, cur).interest += interestLeft;
  }
  left -= q.principal + q.interest;
  // The loan is closed: every installment is what was actually paid on it.
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (i < cur && r.due <= D) {
      r.interest = s.paidInterest[i]!;
      r.total = r.principal + r.interest;
      continue;
    }
    if (i > cur) r.own = 0n;
    r.principal = s.paidPrincipal[i]!;
    r.interest = s.paidInterest[i]!;
    r.total = r.principal + r.interest;
    r.balance = 0n;
    r.deferredAfter = 0n;
  }
  // The first payoff closes the loan; a later one only pays fees charged since.
  s.closedOn ??= D;
  const applied: AppliedPayment = {
    date: D,
    amount: pay.amount,
    lines,
    principalReduction: 0n,
    unapplied: left,
  };
  s.payments.push(applied);
  markPaid(s, D);
  return applied;
}

function lateFeeAmount(terms: LoanTerms, row: Row, rounding: RoundingName): Cents {
  const rule = terms.lateFee!;
  let fee = decimalToCents(new Dec(row.total.toString()).div(100).times(rule.percent).div(100), rounding);
  if (rule.minimum !== undefined && fee < toCents(rule.minimum)) fee = toCents(rule.minimum);
  if (rule.maximum !== undefined && fee > toCents(rule.maximum)) fee = toCents(rule.maximum);
  return fee;
}

/**
 * Runs payments and charges dated on or before `asOf` (all of them when omitted) through the
 * waterfall. Internal form (cents, epoch days) used by allocation and payoff.
 */
export function runLedger(
  plan: Plan,
  payments: InternalPayment[],
  charges: InternalCharge[],
  opts: AllocationOptions,
  asOf = Number.POSITIVE_INFINITY,
): LedgerState {
  const rows = runSchedule(plan);
  assertWithinLimits(rows);
  const s: LedgerState = {
    plan,
    rows,
    paidPrincipal: rows.map(() => 0n),
    paidInterest: rows.map(() => 0n),
    charges: [],
    payments: [],
    reductions: [],
    paidOn: rows.map(() => null),
    closedOn: null,
    open: 0,
  };
  for (const c of charges) {
    if (c.date > asOf) continue;
    const charge: Charge = { ...c, index: installmentFor(rows, c.date), paid: 0n };
    s.charges.push(charge);
  }
  s.charges.sort((a, b) => a.date - b.date);
  markPaid(s, plan.periods[0]!.start);
  const pays = payments
    .map((p, order) => ({ ...p, order }))
    .filter((p) => p.date <= asOf)
    .sort((a, b) => a.date - b.date || a.order - b.order);
  const rule = plan.terms.lateFee;
  const nextCheck = (k: number) => (rule ? rows[k]!.due + rule.graceDays + 1 : Number.POSITIVE_INFINITY);
  let k = 0; // next installment whose late-fee check is pending
  const assessUntil = (day: number) => {
    while (k < rows.length && nextCheck(k) <= day && nextCheck(k) <= asOf) {
      const check = nextCheck(k);
      const row = rows[k]!;
      const owed = row.principal - s.paidPrincipal[k]! + (row.interest - s.paidInterest[k]!);
      if (owed > 0n && row.total > 0n) {
        const amount = lateFeeAmount(plan.terms, row, plan.rounding);
        if (amount > 0n)
          s.charges.push({
            date: check,
            amount,
            kind: 'penalty',
            index: k,
            paid: 0n,
            description: 'late fee',
          });
      }
      k++;
    }
  };
  let repaid = 0n; // principal repaid so far
  // An upper bound of the interest credit a quote can show (interest paid beyond its accrual):
  // it arises only in periods where principal was repaid before the due date, and is at most
  // each such period's interest.
  let creditBound = 0n;
  for (const pay of pays) {
    assessUntil(pay.date);
    let disbursed = 0n;
    for (const d of plan.draws) if (d.date <= pay.date) disbursed += d.amount;
    let applied: AppliedPayment | undefined;
    // Not while disbursements are still to come (the loan is not over), and only a payment
    // that can reach the payoff total (at least the principal less any credit) costs a quote.
    const lastDraw = plan.draws[plan.draws.length - 1]!.date;
    if (lastDraw <= pay.date && pay.amount >= disbursed - repaid - creditBound) {
      const q = quoteCents(plan, s, pay.date);
      // Exactly what is due that day is an installment payment, even when it also clears the
      // loan (the last installment, or a flat loan's): it pays the installments as scheduled.
      if (q.total > 0n && pay.amount >= q.total && pay.amount !== dueThrough(s, pay.date))
        applied = applyPayoff(s, pay, q);
    }
    applied ??= applyPayment(s, pay, opts);
    repaid += applied.principalReduction;
    const ahead = new Set<number>();
    for (const l of applied.lines) {
      repaid += l.principal;
      if (rows[l.index]!.due > pay.date && l.principal + l.interest > 0n) ahead.add(l.index);
    }
    if (applied.principalReduction > 0n) {
      const next = rows.findIndex((r) => r.due > pay.date);
      if (next >= 0) ahead.add(next);
    }
    for (const i of ahead) creditBound += rows[i]!.own + rows[i]!.interest;
  }
  assessUntil(asOf === Number.POSITIVE_INFINITY ? rows[rows.length - 1]!.due + 366 : asOf);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Public form

export interface PaymentApplication {
  date: string;
  amount: string;
  /** What the payment paid on each installment. */
  applied: { number: number; penalties: string; fees: string; interest: string; principal: string }[];
  /** Paid beyond what was due and the next installment: reduces the principal at once. */
  principalReduction: string;
  /** Left over when nothing more was owed (to be refunded). */
  unapplied: string;
}

export interface InstallmentStatus {
  number: number;
  dueDate: string;
  /** As due (after any recomputation caused by over-payments). */
  principal: string;
  interest: string;
  fees: string;
  penalties: string;
  paidPrincipal: string;
  paidInterest: string;
  paidFees: string;
  paidPenalties: string;
  outstanding: string;
  status: 'paid' | 'partial' | 'unpaid';
  paidOn: string | null;
}

export interface PaymentAllocation {
  payments: PaymentApplication[];
  installments: InstallmentStatus[];
  totals: {
    received: string;
    penalties: string;
    fees: string;
    interest: string;
    principal: string;
    principalReduction: string;
    unapplied: string;
    /** Principal not yet repaid (of everything scheduled to be disbursed). */
    principalOutstanding: string;
  };
}

export function toInternalPayments(list: readonly { date: string; amount: string }[]): InternalPayment[] {
  return list.map((p) => ({ date: parseDate(p.date), amount: toCents(p.amount) }));
}

export function toInternalCharges(
  list: readonly {
    date: string;
    amount: string;
    kind: 'fee' | 'penalty';
    description?: string | undefined;
  }[],
): InternalCharge[] {
  return list.map((c) => ({
    date: parseDate(c.date),
    amount: toCents(c.amount),
    kind: c.kind,
    ...(c.description === undefined ? {} : { description: c.description }),
  }));
}

export function formatLedger(s: LedgerState): PaymentAllocation {
  let tPen: Cents = 0n;
  let tFee: Cents = 0n;
  let tInt: Cents = 0n;
  let tPri: Cents = 0n;
  let tRed: Cents = 0n;
  let tUn: Cents = 0n;
  let received: Cents = 0n;
  const payments = s.payments.map((p) => {
    received += p.amount;
    tRed += p.principalReduction;
    tUn += p.unapplied;
    return {
      date: formatDate(p.date),
      amount: money(p.amount),
      applied: p.lines
        .sort((a, b) => a.index - b.index)
        .map((l) => {
          tPen += l.penalties;
          tFee += l.fees;
          tInt += l.interest;
          tPri += l.principal;
          return {
            number: l.index + 1,
            penalties: money(l.penalties),
            fees: money(l.fees),
            interest: money(l.interest),
            principal: money(l.principal),
          };
        }),
      principalReduction: money(p.principalReduction),
      unapplied: money(p.unapplied),
    };
  });
  // Each installment's fees and penalties, charged and paid: one pass over the charges.
  const n = s.rows.length;
  const fee = { amount: new Array<Cents>(n).fill(0n), paid: new Array<Cents>(n).fill(0n) };
  const pen = { amount: new Array<Cents>(n).fill(0n), paid: new Array<Cents>(n).fill(0n) };
  for (const c of s.charges) {
    const into = c.kind === 'fee' ? fee : pen;
    into.amount[c.index] = into.amount[c.index]! + c.amount;
    into.paid[c.index] = into.paid[c.index]! + c.paid;
  }
  const installments = s.rows.map((r, i) => {
    const due = r.total + fee.amount[i]! + pen.amount[i]!;
    const paid = s.paidPrincipal[i]! + s.paidInterest[i]! + fee.paid[i]! + pen.paid[i]!;
    const outstanding = due - paid;
    const status: InstallmentStatus['status'] =
      outstanding <= 0n ? 'paid' : paid === 0n ? 'unpaid' : 'partial';
    const paidOn = s.paidOn[i];
    return {
      number: i + 1,
      dueDate: formatDate(r.due),
      principal: money(r.principal),
      interest: money(r.interest),
      fees: money(fee.amount[i]!),
      penalties: money(pen.amount[i]!),
      paidPrincipal: money(s.paidPrincipal[i]!),
      paidInterest: money(s.paidInterest[i]!),
      paidFees: money(fee.paid[i]!),
      paidPenalties: money(pen.paid[i]!),
      outstanding: money(outstanding),
      status,
      paidOn: status === 'paid' && paidOn !== null && paidOn !== undefined ? formatDate(paidOn) : null,
    };
  });
  const principalOutstanding = s.plan.disbursedTotal - tPri - tRed;
  return {
    payments,
    installments,
    totals: {
      received: money(received),
      penalties: money(tPen),
      fees: money(tFee),
      interest: money(tInt),
      principal: money(tPri),
      principalReduction: money(tRed),
      unapplied: money(tUn),
      principalOutstanding: money(principalOutstanding),
    },
  };
}

/**
 * Applies received payments to the loan's installments and says what each payment paid.
 * Input: `{ terms, payments: [{ date, amount }], fees?: [{ date, amount, kind? }], waterfall?, waterfallBy? }`.
 * Throws `LoanMathInputError` naming the bad fields.
 */
export function allocatePayments(request: AllocationRequestInput): PaymentAllocation {
  const r = parseWith(allocationRequestSchema, request);
  const plan = buildPlan(r.terms);
  const s = runLedger(plan, toInternalPayments(r.payments), toInternalCharges(r.fees), r);
  return formatLedger(s);
}

// ---------------------------------------------------------------------------------------------
// Recorded payments: validated once, when they were written

/** A payment read back from a record that validated it on the way in (e.g. a loan's ledger). */
export interface RecordedPayment {
  /** YYYY-MM-DD. */
  readonly date: string;
  /** A positive decimal with at most 2 places: "305.00". */
  readonly amount: string;
}

export interface RecordedCharge extends RecordedPayment {
  readonly kind: 'fee' | 'penalty';
  readonly description?: string | undefined;
}

export interface RecordedAllocationRequest {
  /** Validated here, with every default filled in (one object: cheap). */
  terms: LoanTermsInput;
  payments: readonly RecordedPayment[];
  fees?: readonly RecordedCharge[] | undefined;
  waterfall?: readonly WaterfallPart[] | undefined;
  waterfallBy?: 'installment' | 'component' | undefined;
}

const RECORDED_DATE = /^\d{4}-\d{2}-\d{2}$/;
const RECORDED_AMOUNT = /^\d{1,15}(\.\d{1,2})?$/;

function checkRecorded(list: readonly RecordedPayment[], field: 'payments' | 'fees'): void {
  for (let i = 0; i < list.length; i++) {
    const { date, amount } = list[i]!;
    if (typeof date !== 'string' || !RECORDED_DATE.test(date) || !isCalendarDate(date))
      throw inputError([field, i, 'date'], `must be a date written as YYYY-MM-DD (got ${String(date)})`);
    const year = Number(date.slice(0, 4));
    if (year < LIMITS.minYear || year > LIMITS.maxYear)
      throw inputError(
        [field, i, 'date'],
        `must be between the years ${LIMITS.minYear} and ${LIMITS.maxYear} (got ${date})`,
      );
    if (typeof amount !== 'string' || !RECORDED_AMOUNT.test(amount) || !/[1-9]/.test(amount))
      throw inputError(
        [field, i, 'amount'],
        `must be a positive amount with at most 2 decimals (got ${String(amount)})`,
      );
  }
}

/**
 * The parsed form of a request whose payments and fees were validated before: the terms and
 * options through zod, the payments and fees checked for form only (dates, cents) and converted.
 */
export function parseRecordedRequest(request: RecordedAllocationRequest) {
  const r = parseWith(recordedRequestSchema, {
    terms: request.terms,
    ...(request.waterfall === undefined ? {} : { waterfall: request.waterfall }),
    ...(request.waterfallBy === undefined ? {} : { waterfallBy: request.waterfallBy }),
  });
  const fees = request.fees ?? [];
  checkRecorded(request.payments, 'payments');
  checkRecorded(fees, 'fees');
  for (let i = 0; i < fees.length; i++)
    if (fees[i]!.kind !== 'fee' && fees[i]!.kind !== 'penalty')
      throw inputError(['fees', i, 'kind'], `must be one of fee, penalty (got ${String(fees[i]!.kind)})`);
  return {
    terms: r.terms,
    options: r as AllocationOptions,
    plan: buildPlan(r.terms),
    payments: toInternalPayments(request.payments),
    charges: toInternalCharges(fees),
  };
}

/**
 * `allocatePayments` for payments and fees that were validated when they were recorded (a loan's
 * ledger: every row was written through a validated input). Same result; only the terms and
 * options go through zod — re-parsing hundreds of recorded payments on every posting was most of
 * the engine's cost there. Throws `LoanMathInputError` naming the field when something is not
 * even of the recorded form.
 */
export function allocateRecordedPayments(request: RecordedAllocationRequest): PaymentAllocation {
  const r = parseRecordedRequest(request);
  return formatLedger(runLedger(r.plan, r.payments, r.charges, r.options));
}
