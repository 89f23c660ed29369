/**
 * A loan's "plan": everything about its terms that does not depend on money received — the
 * periods (start, due date), each period's interest factor, the disbursements, the level
 * installment. Built once per call; schedule, allocation and payoff all run over it.
 *
 * Money here is integer cents (`bigint`); see decimal.ts.
 */
import type Decimal from 'decimal.js';
import { addMonths, civil, days30360US, parseDate, unitsActualActual } from './dates.ts';
import {
  type Cents,
  Dec,
  decimalToCents,
  HUNDRED,
  ONE,
  type RoundingName,
  roundDiv,
  roundingMode,
  toCents,
  toFraction,
} from './decimal.ts';
import type { DayCount, Frequency, LoanTerms } from './schema.ts';

export const PERIODS_PER_YEAR: Record<Frequency, number> = {
  monthly: 12,
  quarterly: 4,
  weekly: 52,
  biweekly: 26,
};

export interface Period {
  /** 0-based; installment number = index + 1. */
  index: number;
  start: number;
  due: number;
  /**
   * Interest in cents of a segment [a, b) of this period on a base of B cents is
   *   B × units(a, b) × rateNum ÷ den
   * (exact, rounded once per period) with `units` chosen per interest method (`segmentUnits`);
   * `den` already includes the percent (100), the rate's decimal scale and the day basis.
   */
  den: bigint;
  /** repayment / flat only: full-period fraction numerator (W·L + r). */
  fracNum: number;
  actualDays: number;
  /** Whole-period interest on a base B is B × fullNum ÷ fullDen (reduced form of the above). */
  fullNum: bigint;
  fullDen: bigint;
}

export interface Draw {
  date: number;
  amount: Cents;
}

export interface Plan {
  terms: LoanTerms;
  n: number;
  ppy: number;
  /** annualRate as an exact fraction: rateNum ÷ rateScale percent. */
  rateNum: bigint;
  rateScale: bigint;
  rounding: RoundingName;
  perDay: boolean; // interestPeriod 'daily' with declining balance
  flat: boolean;
  periods: Period[];
  draws: Draw[];
  commitment: Cents;
  disbursedTotal: Cents;
  /** Level installment (equal_installments), or null. */
  level: Cents | null;
  /** Equal principal part (equal_principal), or null. */
  equalPrincipal: Cents | null;
  principalGrace: number;
  interestGrace: number;
}

export function dayCountUnits(dc: DayCount, a: number, b: number): number {
  switch (dc) {
    case '30/360':
      return days30360US(a, b);
    case 'actual/actual':
      return unitsActualActual(a, b);
    default:
      return b - a;
  }
}

export function dayCountDen(dc: DayCount): number {
  switch (dc) {
    case '30/360':
    case 'actual/360':
      return 360;
    case 'actual/365':
      return 365;
    case 'actual/actual':
      return 365 * 366;
  }
}

/** units(a, b) for a segment inside period p (see Period). */
export function segmentUnits(plan: Plan, p: Period, a: number, b: number): number {
  if (plan.perDay) return dayCountUnits(plan.terms.dayCount, a, b);
  return p.fracNum * (b - a);
}

/** Due dates and period starts. */
function buildDueDates(t: LoanTerms): {
  dues: number[];
  start: number;
  irregular: { w: number; r: number; l: number };
} {
  const start = parseDate(t.startDate);
  const n = t.payments;
  const dues = new Array<number>(n);
  const s = civil(start);
  const monthsPer = t.frequency === 'monthly' ? 1 : t.frequency === 'quarterly' ? 3 : 0;
  const daysPer = t.frequency === 'weekly' ? 7 : t.frequency === 'biweekly' ? 14 : 0;
  const defaultFirst = monthsPer ? addMonths(s.y, s.m, s.d, monthsPer) : start + daysPer;
  const first = t.firstDueDate === undefined ? defaultFirst : parseDate(t.firstDueDate);
  let irregular = { w: 1, r: 0, l: 0 };
  if (monthsPer) {
    // Anchored on the start date when the first due date is the regular one (keeps day 31 after
    // a short month), otherwise on the first due date.
    const anchored = first === defaultFirst;
    const a = anchored ? s : civil(first);
    for (let k = 0; k < n; k++)
      dues[k] = anchored
        ? addMonths(a.y, a.m, a.d, monthsPer * (k + 1))
        : addMonths(a.y, a.m, a.d, monthsPer * k);
    if (!anchored) {
      // Whole periods counted back from the first due date, plus odd days at the front.
      const f = civil(first);
      let w = 0;
      while (addMonths(f.y, f.m, f.d, -monthsPer * (w + 1)) >= start) w++;
      const wStart = addMonths(f.y, f.m, f.d, -monthsPer * w);
      const prev = addMonths(f.y, f.m, f.d, -monthsPer * (w + 1));
      irregular = { w, r: wStart - start, l: wStart - prev };
    }
  } else {
    for (let k = 0; k < n; k++) dues[k] = first + daysPer * k;
    const len = first - start;
    irregular = { w: Math.floor(len / daysPer), r: len % daysPer, l: daysPer };
  }
  return { dues, start, irregular };
}

export function pmt(principal: Decimal, periodicRate: Decimal, n: number): Decimal {
  if (periodicRate.isZero()) return principal.div(n);
  const f = periodicRate.plus(ONE).pow(n);
  return principal.times(periodicRate).times(f).div(f.minus(ONE));
}

export function roundToMultiple(x: Decimal, multiple: Decimal, mode: Decimal.Rounding): Decimal {
  if (multiple.eq('0.01')) return x.toDecimalPlaces(2, mode);
  return x.div(multiple).toDecimalPlaces(0, mode).times(multiple);
}

export function buildPlan(t: LoanTerms): Plan {
  const ppy = PERIODS_PER_YEAR[t.frequency];
  const rate = new Dec(t.annualRate);
  const { num: rateNum, scale: rateScale } = toFraction(t.annualRate);
  const mode = roundingMode(t.rounding);
  const flat = t.interestMethod === 'flat';
  const perDay = !flat && t.interestPeriod === 'daily';
  const { dues, start, irregular } = buildDueDates(t);
  const n = t.payments;
  const dc = t.dayCount;
  const periods: Period[] = new Array(n);
  const big = new Map<number, bigint>();
  const b = (x: number) => {
    let v = big.get(x);
    if (v === undefined) {
      v = BigInt(x);
      big.set(x, v);
    }
    return v;
  };
  const dailyDen = 100n * b(dayCountDen(dc)) * rateScale;
  const regularDen = 100n * b(ppy) * rateScale;
  let prev = start;
  for (let k = 0; k < n; k++) {
    const due = dues[k]!;
    const actualDays = due - prev;
    let p: Period;
    if (perDay) {
      p = {
        index: k,
        start: prev,
        due,
        den: dailyDen,
        fracNum: 1,
        actualDays,
        fullNum: b(dayCountUnits(dc, prev, due)),
        fullDen: dailyDen,
      };
    } else if (k === 0 && !(irregular.w === 1 && irregular.r === 0)) {
      // Irregular first period: (W + r/L) regular periods, spread evenly over its actual days.
      const fracNum = irregular.w * irregular.l + irregular.r;
      const den = regularDen * b(irregular.l) * b(actualDays);
      p = {
        index: k,
        start: prev,
        due,
        den,
        fracNum,
        actualDays,
        fullNum: b(fracNum * actualDays),
        fullDen: den,
      };
    } else {
      // Regular period: units(a,b) = (b − a) over 100·ppy·A, so the whole period is
      // rate ÷ (100·ppy) — kept in reduced form for the whole-period case.
      p = {
        index: k,
        start: prev,
        due,
        den: regularDen * b(actualDays),
        fracNum: 1,
        actualDays,
        fullNum: 1n,
        fullDen: regularDen,
      };
    }
    periods[k] = p;
    prev = due;
  }

  const commitment = toCents(t.principal);
  const draws: Draw[] =
    t.draws.length > 0
      ? t.draws
          .map((d) => ({ date: parseDate(d.date), amount: toCents(d.amount) }))
          .sort((x, y) => x.date - y.date)
      : [{ date: start, amount: commitment }];
  let disbursedTotal = 0n;
  for (const d of draws) disbursedTotal += d.amount;

  const amortizing = (t.amortizationPayments ?? t.payments) - t.principalGrace;
  let level: Cents | null = null;
  let equalPrincipal: Cents | null = null;
  if (t.amortization === 'equal_installments') {
    const P = new Dec(t.principal);
    const periodic = rate.div(HUNDRED).div(ppy);
    const raw = flat ? P.div(amortizing).plus(P.times(periodic)) : pmt(P, periodic, amortizing);
    level = decimalToCents(roundToMultiple(raw, new Dec(t.installmentMultiple), mode), t.rounding);
  } else if (t.amortization === 'equal_principal') {
    equalPrincipal = roundDiv(commitment, BigInt(amortizing), t.rounding);
  }
  return {
    terms: t,
    n,
    ppy,
    rateNum,
    rateScale,
    rounding: t.rounding,
    perDay,
    flat,
    periods,
    draws,
    commitment,
    disbursedTotal,
    level,
    equalPrincipal,
    principalGrace: t.principalGrace,
    interestGrace: t.interestGrace,
  };
}

/** The last due date of (validated) terms, as an epoch day. */
export function maturityOf(t: LoanTerms): number {
  const { dues } = buildDueDates(t);
  return dues[dues.length - 1]!;
}

/**
 * The level installment PMT = P·i / (1 − (1 + i)^−n) with i = annualRate ÷ 100 ÷ periods per
 * year, computed at 40 significant digits and rounded once to `multiple` (default 0.01).
 */
export function levelPayment(args: {
  principal: string;
  annualRate: string;
  payments: number;
  frequency?: Frequency;
  rounding?: 'half_even' | 'half_up';
  multiple?: string;
}): string {
  const i = new Dec(args.annualRate).div(HUNDRED).div(PERIODS_PER_YEAR[args.frequency ?? 'monthly']);
  const raw = pmt(new Dec(args.principal), i, args.payments);
  return roundToMultiple(
    raw,
    new Dec(args.multiple ?? '0.01'),
    roundingMode(args.rounding ?? 'half_even'),
  ).toFixed(2);
}
