/**
 * A loan's "plan": everything about its terms that does not depend on money received — the
 * periods (start, due date), how interest accrues in each, the rates and their changes, the
 * disbursements, the level installment. Built once per call; schedule, allocation and payoff all
 * run over it.
 *
 * Money here is integer cents (`bigint`); see decimal.ts.
 */
import type Decimal from 'decimal.js';
import { days30360US, parseDate, unitsActualActual } from './dates.ts';
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
import { dueDatesOf, type Frequency } from './due-dates.ts';
import type { DayCount, LoanTerms } from './schema.ts';

export const PERIODS_PER_YEAR: Record<Frequency, number> = {
  monthly: 12,
  quarterly: 4,
  weekly: 52,
  biweekly: 26,
};

/**
 * One accrual period [start, due). Interest in cents of a segment [a, b) on a base of B cents at
 * a rate of R (percent × `plan.rateScale`) is B × units(a, b) × R ÷ den, exact, rounded once per
 * period (see `periodUnits`).
 */
export interface Period {
  /** 0-based; installment number = index + 1. `n` for the time after maturity. */
  index: number;
  start: number;
  due: number;
  /** Accrues by the day count (interestPeriod `daily`, and after maturity). */
  daily: boolean;
  /** repayment / flat: units per day (W·L + r for an irregular first period, else 1). */
  fracNum: number;
  den: bigint;
  /** The whole period's units and denominator in reduced form (the common, fast case). */
  wholeUnits: bigint;
  wholeDen: bigint;
}

export interface Draw {
  date: number;
  amount: Cents;
}

/** A rate in effect from a day on (the first one from the beginning of time). */
export interface RateStep {
  from: number;
  /** percent × plan.rateScale, exact. */
  num: bigint;
  /** The same rate as a decimal (for PMT). */
  percent: Dec;
}

export interface Plan {
  terms: LoanTerms;
  n: number;
  ppy: number;
  rates: RateStep[];
  /** Common scale of every rate numerator (10^decimals). */
  rateScale: bigint;
  rounding: RoundingName;
  perDay: boolean; // interestPeriod 'daily' with declining balance
  flat: boolean;
  dayCount: DayCount;
  periods: Period[];
  /** After the last due date: accrues day by day by the day count. */
  afterMaturity: Period;
  draws: Draw[];
  commitment: Cents;
  disbursedTotal: Cents;
  /** Level installment (equal_installments) at the start, or null. */
  level: Cents | null;
  /** Equal principal part (equal_principal), or null. */
  equalPrincipal: Cents | null;
  principalGrace: number;
  interestGrace: number;
  /** Installments the principal is amortized over, counted from the first (≥ n: balloon). */
  amortizationEnd: number;
  /** Interest of the odd days before the first regular period, charged at funding (`prepaid`). */
  prepaidInterest: Cents;
  /** The first period as the terms define it (for explanations). */
  firstPeriod: {
    days: number;
    wholePeriods: number;
    oddDays: number;
    regularDays: number;
    irregular: boolean;
  };
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

/**
 * units(a, b) of a segment inside period p. 30/360 is counted from the period's start
 * (units(start, b) − units(start, a)) so that segments always add up to the whole period, which
 * a 30/360 count of the segments themselves does not (Jan 30 → Jan 31 counts 0 days, Jan 15 →
 * Jan 31 counts 16).
 */
export function periodUnits(plan: Plan, p: Period, a: number, b: number): number {
  if (!p.daily) return p.fracNum * (b - a);
  if (plan.dayCount === '30/360') return days30360US(p.start, b) - days30360US(p.start, a);
  return dayCountUnits(plan.dayCount, a, b);
}

/** Index in plan.rates of the rate in effect on `day`. */
export function rateIndexAt(plan: Plan, day: number): number {
  const rates = plan.rates;
  if (rates.length === 1) return 0;
  let i = 0;
  while (i + 1 < rates.length && rates[i + 1]!.from <= day) i++;
  return i;
}

export function pmt(principal: Decimal, periodicRate: Decimal, n: number): Decimal {
  if (n <= 0) return principal;
  if (periodicRate.isZero()) return principal.div(n);
  const f = periodicRate.plus(ONE).pow(n);
  return principal.times(periodicRate).times(f).div(f.minus(ONE));
}

export function roundToMultiple(x: Decimal, multiple: Decimal, mode: Decimal.Rounding): Decimal {
  if (multiple.eq('0.01')) return x.toDecimalPlaces(2, mode);
  return x.div(multiple).toDecimalPlaces(0, mode).times(multiple);
}

/**
 * The level installment that repays `balance` over `count` installments at the rate `percent`,
 * rounded to the installment multiple. `firstFactor` is the first period's interest factor when
 * it is not one regular period (the `level` treatment of an irregular first period): then
 * PMT × (1 + f₁) ÷ (1 + i), which is exactly level over the actual first period and regular ones
 * after it.
 */
export function solveLevel(
  plan: Plan,
  balance: Cents,
  percent: Dec,
  count: number,
  firstFactor?: Dec,
): Cents {
  const t = plan.terms;
  const P = new Dec(balance.toString()).div(100);
  const i = percent.div(HUNDRED).div(plan.ppy);
  let raw: Decimal;
  if (plan.flat) {
    // Flat: interest on the amount lent, whatever the balance.
    const lent = new Dec(plan.commitment.toString()).div(100);
    // Total flat interest spread evenly: (count − 1) regular periods plus the first one.
    const interest = firstFactor
      ? lent.times(i.times(count - 1).plus(firstFactor))
      : lent.times(i).times(count);
    raw = P.plus(interest).div(count);
  } else {
    raw = pmt(P, i, count);
    if (firstFactor) {
      raw = raw.times(firstFactor.plus(ONE)).div(i.plus(ONE));
      // A first period so long that its interest exceeds the installment: the first installment
      // pays that interest (no negative amortization) and the rest are level.
      if (count > 1 && P.times(firstFactor).gte(raw)) raw = pmt(P, i, count - 1);
    }
  }
  return decimalToCents(
    roundToMultiple(raw, new Dec(t.installmentMultiple), roundingMode(t.rounding)),
    t.rounding,
  );
}

/**
 * The level installment over the loan's actual periods (daily interest: each period's own
 * day-count fraction; periods beyond the last installment, for a balloon, regular):
 * X = P·Π(1 + f_k) ÷ Σ_m Π_{k>m}(1 + f_k), rounded to the installment multiple.
 */
function solveLevelOverPeriods(plan: Plan, balance: Cents, count: number, from = 0): Cents {
  const t = plan.terms;
  const rate = plan.rates[0]!;
  const regular = rate.percent.div(HUNDRED).div(plan.ppy).plus(ONE);
  let sum = new Dec(0);
  let product = new Dec(1);
  let firstFactor = ONE;
  for (let k = count - 1; k >= from; k--) {
    sum = sum.plus(product);
    const p = plan.periods[k];
    const factor = p
      ? new Dec(periodUnits(plan, p, p.start, p.due))
          .times(rate.num.toString())
          .div(p.den.toString())
          .plus(ONE)
      : regular;
    product = product.times(factor);
    firstFactor = factor;
  }
  const P = new Dec(balance.toString()).div(100);
  const raw = P.times(product).div(sum);
  // As in solveLevel: a first period whose interest exceeds the installment is paid on its own.
  if (from === 0 && count > 1 && P.times(firstFactor.minus(ONE)).gte(raw))
    return solveLevelOverPeriods(plan, balance, count, 1);
  return decimalToCents(
    roundToMultiple(raw, new Dec(t.installmentMultiple), roundingMode(t.rounding)),
    t.rounding,
  );
}

export function buildPlan(t: LoanTerms): Plan {
  const ppy = PERIODS_PER_YEAR[t.frequency];
  const flat = t.interestMethod === 'flat';
  const perDay = !flat && t.interestPeriod === 'daily';
  const { dues, start, irregular, regularStart } = dueDatesOf(t);
  const n = t.payments;
  const dc = t.dayCount;

  // Rates: the terms' rate from the start, then each change from its date, on one common scale.
  const changes = [...t.rateChanges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const fractions = [t.annualRate, ...changes.map((c) => c.annualRate)].map(toFraction);
  let rateScale = 1n;
  for (const f of fractions) if (f.scale > rateScale) rateScale = f.scale;
  const rates: RateStep[] = fractions.map((f, k) => ({
    from: k === 0 ? Number.NEGATIVE_INFINITY : parseDate(changes[k - 1]!.from),
    num: f.num * (rateScale / f.scale),
    percent: new Dec(k === 0 ? t.annualRate : changes[k - 1]!.annualRate),
  }));

  const dailyDen = 100n * BigInt(dayCountDen(dc)) * rateScale;
  const regularDen = 100n * BigInt(ppy) * rateScale;
  const isIrregular = !(irregular.w === 1 && irregular.r === 0);
  // `prepaid`: the interest before the last whole period is charged at funding; the schedule
  // starts at the first whole period.
  const prepaid = isIrregular && t.oddFirstPeriod === 'prepaid' && irregular.w >= 1;
  const firstStart = prepaid ? regularStart : start;
  const periods: Period[] = new Array(n);
  let prev = firstStart;
  for (let k = 0; k < n; k++) {
    const due = dues[k]!;
    const actualDays = due - prev;
    if (perDay) {
      const units = BigInt(dc === '30/360' ? days30360US(prev, due) : dayCountUnits(dc, prev, due));
      periods[k] = {
        index: k,
        start: prev,
        due,
        daily: true,
        fracNum: 1,
        den: dailyDen,
        wholeUnits: units,
        wholeDen: dailyDen,
      };
    } else if (k === 0 && isIrregular && !prepaid) {
      // Irregular first period: (W + r/L) regular periods, spread evenly over its actual days.
      const fracNum = irregular.w * irregular.l + irregular.r;
      periods[k] = {
        index: k,
        start: prev,
        due,
        daily: false,
        fracNum,
        den: regularDen * BigInt(irregular.l) * BigInt(actualDays),
        wholeUnits: BigInt(fracNum),
        wholeDen: regularDen * BigInt(irregular.l),
      };
    } else
      periods[k] = {
        index: k,
        start: prev,
        due,
        daily: false,
        fracNum: 1,
        den: regularDen * BigInt(actualDays),
        wholeUnits: 1n,
        wholeDen: regularDen,
      };
    prev = due;
  }
  const afterMaturity: Period = {
    index: n,
    start: dues[n - 1]!,
    due: Number.POSITIVE_INFINITY,
    daily: true,
    fracNum: 1,
    den: dailyDen,
    wholeUnits: 0n,
    wholeDen: dailyDen,
  };

  const commitment = toCents(t.principal);
  const draws: Draw[] =
    t.draws.length > 0
      ? t.draws
          .map((d) => ({ date: parseDate(d.date), amount: toCents(d.amount) }))
          .sort((x, y) => x.date - y.date)
      : [{ date: start, amount: commitment }];
  let disbursedTotal = 0n;
  for (const d of draws) disbursedTotal += d.amount;

  const amortizationEnd = t.amortizationPayments ?? t.payments;
  const plan: Plan = {
    terms: t,
    n,
    ppy,
    rates,
    rateScale,
    rounding: t.rounding,
    perDay,
    flat,
    dayCount: dc,
    periods,
    afterMaturity,
    draws,
    commitment,
    disbursedTotal,
    level: null,
    equalPrincipal: null,
    principalGrace: t.principalGrace,
    interestGrace: t.interestGrace,
    amortizationEnd,
    prepaidInterest: 0n,
    firstPeriod: {
      days: dues[0]! - start,
      wholePeriods: irregular.w,
      oddDays: irregular.r,
      regularDays: irregular.l || dues[0]! - start,
      irregular: isIrregular,
    },
  };

  if (prepaid) {
    // The odd days' interest on what is disbursed at the start, by the loan's own rule: daily
    // by the day count, otherwise r/L of a regular period.
    let atStart = 0n;
    for (const d of draws) if (d.date <= start) atStart += d.amount;
    const num = perDay
      ? atStart * BigInt(dayCountUnits(dc, start, firstStart)) * rates[0]!.num
      : atStart * BigInt((irregular.w - 1) * irregular.l + irregular.r) * rates[0]!.num;
    const den = perDay ? dailyDen : regularDen * BigInt(irregular.l);
    plan.prepaidInterest = roundDiv(num, den, t.rounding);
  }

  const amortizing = amortizationEnd - t.principalGrace;
  if (t.amortization === 'equal_installments') {
    const levelOverActual = isIrregular && t.oddFirstPeriod === 'level' && t.principalGrace === 0;
    if (levelOverActual && perDay) plan.level = solveLevelOverPeriods(plan, commitment, amortizing);
    else {
      let firstFactor: Dec | undefined;
      if (levelOverActual) {
        // The first period's interest factor: its interest on a base of 1.
        const p0 = periods[0]!;
        firstFactor = new Dec(periodUnits(plan, p0, p0.start, p0.due))
          .times(rates[0]!.num.toString())
          .div(p0.den.toString());
      }
      plan.level = solveLevel(plan, commitment, rates[0]!.percent, amortizing, firstFactor);
    }
  } else if (t.amortization === 'equal_principal') {
    plan.equalPrincipal = roundDiv(commitment, BigInt(amortizing), t.rounding);
  }
  return plan;
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
