/**
 * Annual percentage rate by the actuarial method of Regulation Z, Appendix J (12 CFR 1026).
 *
 * The general equation (Appendix J (b)(8)): the advances and the payments, each discounted to
 * the beginning of the term over its t full unit-periods and its fraction f of a unit-period,
 * are equal:
 *
 *   Σ A_k / ((1 + f_k·i)(1 + i)^t_k)  =  Σ P_j / ((1 + f_j·i)(1 + i)^t_j)
 *
 * i is the rate per unit-period; the APR is i × unit-periods per year.
 *
 * Time (Appendix J (b)(3)–(5)): full unit-periods are counted back from each date toward the
 * beginning of the term; what is left at the front is the fraction: remaining days ÷ 30 for a
 * month (all months equal), ÷ 15 for a semimonth, ÷ 7·k for k weeks; for a unit-period of
 * several months, (remaining months + days ÷ 30) ÷ months. A single advance repaid by a single
 * payment within a year is measured in days ÷ 365.
 *
 * Arithmetic: the root is found with binary floating point (Newton's method — fast, and only a
 * search), then the APR rounded to 4 decimals is *verified* with decimal.js: the equation's
 * sides must change sign between APR − 0.00005 and APR + 0.00005 percent. If they do not (a
 * float rounding landed on the wrong side), the root is bisected in decimal arithmetic. So the
 * printed APR is exactly the true APR rounded to 4 decimals. Equal consecutive payments are
 * summed as one geometric series, so a 360-payment loan costs a few decimal operations.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import { addMonths, civil, daysInMonth, formatDate, parseDate } from './dates.ts';
import { centsToString, toCents } from './decimal.ts';
import { buildPlan } from './plan.ts';
import { assertWithinLimits, generateSchedule, runSchedule, type Schedule } from './schedule.ts';
import {
  dateSchema,
  decimalSchema,
  inputError,
  LIMITS,
  type LoanTermsInput,
  loanTermsSchema,
  moneySchema,
  parseWith,
  type ReadonlyInput,
  strictObject,
} from './schema.ts';

/** A private decimal type for APR verification (isolated, like decimal.ts's). */
const D = Decimal.clone({ precision: 24, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
type D = InstanceType<typeof D>;

export const UNIT_PERIODS = [
  'month',
  'semimonth',
  '2months',
  'quarter',
  'year',
  'week',
  '2weeks',
  '4weeks',
] as const;
export type UnitPeriod = (typeof UNIT_PERIODS)[number];

const PER_YEAR: Record<UnitPeriod, number> = {
  month: 12,
  semimonth: 24,
  '2months': 6,
  quarter: 4,
  year: 1,
  week: 52,
  '2weeks': 26,
  '4weeks': 13,
};

/** How far a date is from the beginning of the term: t full unit-periods and a fraction f = fNum ÷ fDen. */
interface Timing {
  t: number;
  fNum: number;
  fDen: number;
}

interface Flow {
  date: number;
  cents: bigint;
}

type Unit = UnitPeriod | 'term-days';

function timing(unit: Unit, start: number, date: number): Timing {
  if (unit === 'term-days') return { t: 0, fNum: date - start, fDen: 365 };
  if (unit === 'week' || unit === '2weeks' || unit === '4weeks') {
    const len = unit === 'week' ? 7 : unit === '2weeks' ? 14 : 28;
    const days = date - start;
    return { t: Math.floor(days / len), fNum: days % len, fDen: len };
  }
  // Full months counted back from the date (a month-end date counts back month-end to month-end).
  const c = civil(date);
  const endOfMonth = c.d === daysInMonth(c.y, c.m);
  const back = (m: number) => {
    const d = addMonths(c.y, c.m, c.d, -m);
    if (!endOfMonth) return d;
    const b = civil(d);
    return addMonths(b.y, b.m, 31, 0);
  };
  const s = civil(start);
  let months = Math.max(0, (c.y - s.y) * 12 + (c.m - s.m));
  while (months > 0 && back(months) < start) months--;
  const days = back(months) - start;
  if (unit === 'semimonth') {
    const half = days >= 15 ? 1 : 0;
    return { t: months * 2 + half, fNum: days - 15 * half, fDen: 15 };
  }
  const k = unit === 'month' ? 1 : unit === '2months' ? 2 : unit === 'quarter' ? 3 : 12;
  // (remaining months + days/30) / k  =  (30·months + days) / (30·k)
  return { t: Math.floor(months / k), fNum: (months % k) * 30 + days, fDen: 30 * k };
}

/** The standard interval between two dates, if it is one (Appendix J (b)(3)(iii)). */
function intervalOf(a: number, b: number): UnitPeriod | null {
  const ca = civil(a);
  const cb = civil(b);
  const months = (cb.y - ca.y) * 12 + (cb.m - ca.m);
  const bothMonthEnd = ca.d === daysInMonth(ca.y, ca.m) && cb.d === daysInMonth(cb.y, cb.m);
  if (months > 0 && (addMonths(ca.y, ca.m, ca.d, months) === b || bothMonthEnd)) {
    if (months === 1) return 'month';
    if (months === 2) return '2months';
    if (months === 3) return 'quarter';
    if (months === 12) return 'year';
  }
  const days = b - a;
  if (days === 7) return 'week';
  if (days === 14) return '2weeks';
  if (days === 28) return '4weeks';
  if (days >= 13 && days <= 17) return 'semimonth';
  return null;
}

const APPROX_DAYS: Record<UnitPeriod, number> = {
  week: 7,
  '2weeks': 14,
  semimonth: 365.25 / 24,
  '4weeks': 28,
  month: 365.25 / 12,
  '2months': 365.25 / 6,
  quarter: 365.25 / 4,
  year: 365.25,
};

/**
 * The unit-period (Appendix J (b)(4)): the common period that occurs most often (the shorter of
 * two equally frequent ones); with no common period, the standard interval nearest the average
 * period.
 */
export function determineUnitPeriod(start: number, advances: number[], payments: number[]): UnitPeriod {
  const counts = new Map<UnitPeriod, number>();
  let periods = 0;
  let total = 0;
  const count = (a: number, b: number) => {
    if (b <= a) return; // the same day twice is no period
    periods++;
    total += b - a;
    const u = intervalOf(a, b);
    if (u) counts.set(u, (counts.get(u) ?? 0) + 1);
  };
  const pays = payments.slice().sort((x, y) => x - y);
  const advs = advances.slice().sort((x, y) => x - y);
  if (pays.length > 0) count(start, pays[0]!);
  for (let k = 1; k < pays.length; k++) count(pays[k - 1]!, pays[k]!);
  for (let k = 1; k < advs.length; k++) count(advs[k - 1]!, advs[k]!);
  let best: UnitPeriod | null = null;
  for (const [u, n] of counts) {
    if (n < 2) continue;
    const bn = best ? counts.get(best)! : 0;
    if (n > bn || (n === bn && APPROX_DAYS[u] < APPROX_DAYS[best!])) best = u;
  }
  if (best) return best;
  const average = periods > 0 ? total / periods : 365.25 / 12;
  let nearest: UnitPeriod = 'month';
  for (const u of UNIT_PERIODS)
    if (Math.abs(APPROX_DAYS[u] - average) < Math.abs(APPROX_DAYS[nearest] - average)) nearest = u;
  return nearest;
}

/** Flows with the same amount, the same fraction and consecutive t: one geometric series. */
interface Group {
  sign: 1 | -1;
  cents: bigint;
  t0: number;
  count: number;
  fNum: number;
  fDen: number;
}

function groupFlows(unit: Unit, start: number, advances: Flow[], payments: Flow[]): Group[] {
  const groups: Group[] = [];
  const add = (sign: 1 | -1, flows: Flow[]) => {
    const sorted = [...flows].sort((a, b) => a.date - b.date);
    let g: Group | null = null;
    for (const f of sorted) {
      const tm = timing(unit, start, f.date);
      if (g && g.cents === f.cents && g.fNum * tm.fDen === tm.fNum * g.fDen && g.t0 + g.count === tm.t) {
        g.count++;
        continue;
      }
      g = { sign, cents: f.cents, t0: tm.t, count: 1, fNum: tm.fNum, fDen: tm.fDen };
      groups.push(g);
    }
  };
  add(1, payments);
  add(-1, advances);
  return groups;
}

/** Payments' present value minus advances', at rate i per unit-period (floating point). */
function gFloat(groups: Group[], i: number): number {
  const v = 1 / (1 + i);
  let sum = 0;
  for (const g of groups) {
    const series = i === 0 ? g.count : (v ** g.t0 * (1 - v ** g.count)) / (1 - v);
    sum += (g.sign * Number(g.cents) * series) / (1 + (g.fNum / g.fDen) * i);
  }
  return sum;
}

function gDecimal(groups: Group[], i: D): D {
  const one = new D(1);
  const v = one.div(one.plus(i));
  let sum = new D(0);
  for (const g of groups) {
    const series = i.isZero()
      ? new D(g.count)
      : v
          .pow(g.t0)
          .times(one.minus(v.pow(g.count)))
          .div(one.minus(v));
    const term = new D(g.cents.toString()).times(series).div(one.plus(new D(g.fNum).div(g.fDen).times(i)));
    sum = g.sign > 0 ? sum.plus(term) : sum.minus(term);
  }
  return sum;
}

/** The rate per unit-period that solves the general equation (float search). */
function solveFloat(groups: Group[]): number {
  // g decreases in i when payments come after advances: bracket, then Newton with bisection.
  let lo = -0.99;
  let hi = 0.01;
  while (gFloat(groups, hi) > 0 && hi < 1e6) hi *= 2;
  let x = Math.min(hi, 0.005);
  for (let k = 0; k < 200; k++) {
    const gx = gFloat(groups, x);
    if (gx > 0) lo = x;
    else hi = x;
    const h = Math.max(1e-9, Math.abs(x) * 1e-7);
    const slope = (gFloat(groups, x + h) - gx) / h;
    let next = slope !== 0 ? x - gx / slope : Number.NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) < 1e-15) return next;
    x = next;
  }
  return x;
}

export interface AprResult {
  /** Percent, 4 decimals: "9.6857". */
  apr: string;
  financeCharge: string;
  amountFinanced: string;
  totalOfPayments: string;
  unitPeriod: UnitPeriod | 'term';
}

/**
 * APR of cash flows. Amount financed = the advances; total of payments = the payments; finance
 * charge = the difference.
 */
export function aprOfFlows(advances: Flow[], payments: Flow[], unitPeriod?: UnitPeriod): AprResult {
  const start = Math.min(...advances.map((a) => a.date));
  let unit: Unit;
  if (unitPeriod) unit = unitPeriod;
  else if (advances.length === 1 && payments.length === 1 && payments[0]!.date - start <= 365)
    unit = 'term-days'; // Appendix J (b)(4)(iii) and (b)(5)(iv): measured in days
  else
    unit = determineUnitPeriod(
      start,
      advances.map((a) => a.date),
      payments.map((p) => p.date),
    );
  const perYear = unit === 'term-days' ? 1 : PER_YEAR[unit];
  const groups = groupFlows(unit, start, advances, payments);
  const i = solveFloat(groups);
  // Round to 4 decimals in percent, then verify the sign change in decimal arithmetic.
  const scale = new D(100).times(perYear);
  let apr = new D(i).times(scale).toDecimalPlaces(4, D.ROUND_HALF_EVEN);
  const half = new D('0.00005');
  const gAt = (aprPercent: D) => gDecimal(groups, aprPercent.div(scale));
  if (!(gAt(apr.minus(half)).gte(0) && gAt(apr.plus(half)).lte(0))) {
    let lo = apr.minus(1);
    let hi = apr.plus(1);
    for (let k = 0; k < 80 && hi.minus(lo).gt('0.000001'); k++) {
      const mid = lo.plus(hi).div(2);
      if (gAt(mid).gt(0)) lo = mid;
      else hi = mid;
    }
    apr = lo.plus(hi).div(2).toDecimalPlaces(4, D.ROUND_HALF_EVEN);
  }
  let advanced = 0n;
  for (const a of advances) advanced += a.cents;
  let paid = 0n;
  for (const p of payments) paid += p.cents;
  return {
    apr: apr.toFixed(4),
    financeCharge: centsToString(paid - advanced),
    amountFinanced: centsToString(advanced),
    totalOfPayments: centsToString(paid),
    unitPeriod: unit === 'term-days' ? 'term' : unit,
  };
}

// ---------------------------------------------------------------------------------------------
// Inputs

const flowSchema = (what: string) =>
  strictObject(
    {
      date: dateSchema(`the date of the ${what}`),
      amount: moneySchema(`the amount of the ${what}`, '1000.00'),
    },
    `a ${what} { "date", "amount" }`,
  );

export const cashFlowAprRequestSchema = strictObject(
  {
    advances: z
      .array(flowSchema('advance'), { error: 'must be a list of advances { "date", "amount" }' })
      .min(1, 'must list at least one advance')
      .max(LIMITS.maxListLength, `can have at most ${LIMITS.maxListLength} advances`),
    payments: z
      .array(flowSchema('payment'), { error: 'must be a list of payments { "date", "amount" }' })
      .min(1, 'must list at least one payment')
      .max(LIMITS.maxListLength, `can have at most ${LIMITS.maxListLength} payments`),
    unitPeriod: z
      .string({ error: `must be one of ${UNIT_PERIODS.join(', ')}` })
      .max(20, { abort: true, error: `must be one of ${UNIT_PERIODS.join(', ')}` })
      .pipe(z.enum(UNIT_PERIODS, { error: `must be one of ${UNIT_PERIODS.join(', ')}` }))
      .optional(),
  },
  'cash flows { "advances", "payments", "unitPeriod"? }',
);

export const loanAprRequestSchema = strictObject(
  {
    terms: loanTermsSchema,
    /**
     * Points, origination and other fees paid at funding (finance charges). Default: the terms'
     * originationPoints and originationFee. Prepaid odd-days interest is always added.
     */
    prepaidFinanceCharges: decimalSchema({
      what: 'the prepaid finance charges',
      example: '1234.00',
      allowZero: true,
      maxDecimals: 2,
    }).optional(),
  },
  'a loan { "terms", "prepaidFinanceCharges"? }',
);

export type CashFlowAprRequestInput = ReadonlyInput<z.input<typeof cashFlowAprRequestSchema>>;
export type LoanAprRequestInput = ReadonlyInput<z.input<typeof loanAprRequestSchema>>;
export type AprRequestInput = CashFlowAprRequestInput | LoanAprRequestInput;

/** The prepaid finance charges a loan's terms carry: points on the principal, fees, prepaid interest. */
export function termsPrepaidFinanceCharges(
  t: { principal: string; originationPoints: string; originationFee: string },
  rounding: 'half_even' | 'half_up',
): bigint {
  const points = new D(t.principal)
    .times(t.originationPoints)
    .div(100)
    .toDecimalPlaces(2, rounding === 'half_up' ? D.ROUND_HALF_UP : D.ROUND_HALF_EVEN);
  return toCents(points.toFixed(2)) + toCents(t.originationFee);
}

/**
 * APR of a loan (its schedule as the payments, its disbursements less the prepaid finance
 * charges as the amount financed) or of raw cash flows as Appendix J states its examples.
 * Throws `LoanMathInputError` naming the bad fields.
 */
export function computeApr(request: AprRequestInput): AprResult {
  if (request !== null && typeof request === 'object' && 'terms' in request) {
    const r = parseWith(loanAprRequestSchema, request);
    const plan = buildPlan(r.terms);
    const rows = runSchedule(plan);
    assertWithinLimits(rows);
    const prepaid =
      (r.prepaidFinanceCharges === undefined
        ? termsPrepaidFinanceCharges(r.terms, r.terms.rounding)
        : toCents(r.prepaidFinanceCharges)) + plan.prepaidInterest;
    const advances: Flow[] = plan.draws.map((d) => ({ date: d.date, cents: d.amount }));
    // The prepaid finance charges are withheld from the first advance.
    if (prepaid >= advances[0]!.cents)
      throw inputError(
        ['prepaidFinanceCharges'],
        `add up to ${centsToString(prepaid)}, at least the first disbursement ${centsToString(advances[0]!.cents)}`,
      );
    advances[0] = { ...advances[0]!, cents: advances[0]!.cents - prepaid };
    const payments: Flow[] = rows
      .filter((row) => row.total > 0n)
      .map((row) => ({ date: row.due, cents: row.total }));
    return aprOfFlows(advances, payments);
  }
  const r = parseWith(cashFlowAprRequestSchema, request);
  const advances = r.advances.map((a) => ({ date: parseDate(a.date), cents: toCents(a.amount) }));
  const payments = r.payments.map((p) => ({ date: parseDate(p.date), cents: toCents(p.amount) }));
  const first = Math.min(...advances.map((a) => a.date));
  const early = payments.findIndex((p) => p.date <= first);
  if (early >= 0)
    throw inputError(
      ['payments', early, 'date'],
      `must be after the first advance ${formatDate(first)} (got "${formatDate(payments[early]!.date)}")`,
    );
  return aprOfFlows(advances, payments, r.unitPeriod);
}

export interface LoanEstimate extends Schedule {
  /** APR with the prepaid finance charges (points, fees, prepaid interest). */
  apr: AprResult;
  /** Points and fees charged at funding, plus prepaid odd-days interest. */
  prepaidFinanceCharges: string;
}

/** What an offer or the calculator shows: the schedule, the APR with fees, the charges at funding. */
export function estimateLoan(terms: LoanTermsInput): LoanEstimate {
  const t = parseWith(loanTermsSchema, terms);
  const schedule = generateSchedule(t);
  const apr = computeApr({ terms: t });
  const prepaid = termsPrepaidFinanceCharges(t, t.rounding) + toCents(schedule.prepaidInterest);
  return { ...schedule, apr, prepaidFinanceCharges: centsToString(prepaid) };
}
