/**
 * The accrual basis of payoff quotes (docs/loan-math.md § Payoff quote).
 *
 * One accrual basis: interest accrues on the principal actually outstanding from day to day
 * (disbursed − repaid, each change effective on its date), at the rate in force that day, by the
 * loan's own period rule.
 * - A period that has ended accrues exactly and is rounded once, as the schedule does; on-time
 *   payments therefore accrue exactly the scheduled interest.
 * - The current period (and the time after maturity) accrues a whole number of cents per day:
 *   the day's interest rounded down to the cent (the per diem), times the days. So the quote
 *   rises by exactly the per diem each day, and never by more than the exact interest; at the
 *   due date the period's exact interest (rounded once) replaces the days' sum, and is never less.
 */
import { civil, epochDay, isLeapYear } from './dates.ts';
import { type Cents, roundDiv } from './decimal.ts';
import { type Period, type Plan, periodUnits, rateIndexAt } from './plan.ts';

/** What the quote needs from the ledger (payments applied so far, interest paid, charges). */
export interface LedgerView {
  payments: readonly { date: number; principalReduction: Cents; lines: readonly { principal: Cents }[] }[];
  paidInterest: readonly Cents[];
  charges: readonly { date: number; amount: Cents; paid: Cents }[];
  /** The day a payoff closed the loan: interest stops accruing there. */
  closedOn?: number | null;
}

export interface QuoteCents {
  principal: Cents;
  interest: Cents;
  fees: Cents;
  total: Cents;
  perDiem: Cents;
}

/** The principal outstanding (or, for flat interest, disbursed) as a step function of the day. */
interface Timeline {
  dates: number[];
  /** Value from dates[i] (inclusive) until dates[i + 1]. */
  values: Cents[];
}

function timeline(changes: { date: number; delta: Cents }[]): Timeline {
  changes.sort((a, b) => a.date - b.date);
  const dates: number[] = [];
  const values: Cents[] = [];
  let v = 0n;
  for (const c of changes) {
    v += c.delta;
    if (dates.length > 0 && dates[dates.length - 1] === c.date) values[values.length - 1] = v;
    else {
      dates.push(c.date);
      values.push(v);
    }
  }
  return { dates, values };
}

/** Index of the last change on or before `day` (−1 before the first). */
function stepAt(tl: Timeline, day: number): number {
  let lo = 0;
  let hi = tl.dates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tl.dates[mid]! <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Calls `segment(a, b, base, rate)` for each piece of [from, to) with one base and one rate.
 */
function forEachSegment(
  plan: Plan,
  tl: Timeline,
  from: number,
  to: number,
  segment: (a: number, b: number, base: Cents, rate: bigint) => void,
): void {
  const rates = plan.rates;
  let r = rateIndexAt(plan, from);
  let i = stepAt(tl, from);
  let cursor = from;
  while (cursor < to) {
    const nextChange = i + 1 < tl.dates.length ? tl.dates[i + 1]! : Number.POSITIVE_INFINITY;
    const nextRate = r + 1 < rates.length ? rates[r + 1]!.from : Number.POSITIVE_INFINITY;
    const next = Math.min(nextChange, nextRate, to);
    const base = i < 0 ? 0n : tl.values[i]!;
    if (base !== 0n && next > cursor) segment(cursor, next, base, rates[r]!.num);
    cursor = next;
    if (nextChange === next) i++;
    if (nextRate === next) r++;
  }
}

/** Exact interest of [from, to) in period p, rounded once (what the schedule does). */
function accrueExact(plan: Plan, p: Period, tl: Timeline, from: number, to: number): Cents {
  let num = 0n;
  forEachSegment(plan, tl, from, to, (a, b, base, rate) => {
    num += base * BigInt(periodUnits(plan, p, a, b)) * rate;
  });
  return num === 0n ? 0n : roundDiv(num, p.den, plan.rounding);
}

/**
 * Whole cents per day: each day's interest rounded down to the cent. actual/actual days of a
 * leap year and of other years differ (1/366 vs 1/365), so they are counted apart; 30/360 counts
 * its day units from the period start.
 */
function accrueDaily(plan: Plan, p: Period, tl: Timeline, from: number, to: number): Cents {
  let sum = 0n;
  forEachSegment(plan, tl, from, to, (a, b, base, rate) => {
    if (p.daily && plan.dayCount === 'actual/actual') {
      let x = a;
      while (x < b) {
        const y = civil(x).y;
        const end = Math.min(b, epochDay(y + 1, 1, 1));
        const perDay = (base * (isLeapYear(y) ? 365n : 366n) * rate) / p.den;
        sum += BigInt(end - x) * perDay;
        x = end;
      }
      return;
    }
    const perUnit = (base * BigInt(p.daily ? 1 : p.fracNum) * rate) / p.den;
    const units = p.daily ? periodUnits(plan, p, a, b) : b - a;
    sum += BigInt(units) * perUnit;
  });
  return sum;
}

/** The period [start, due) that contains `day`, or the time after maturity. */
function periodOf(plan: Plan, day: number): Period {
  const periods = plan.periods;
  let lo = 0;
  let hi = periods.length - 1;
  if (day >= periods[hi]!.due) return plan.afterMaturity;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (periods[mid]!.due > day) hi = mid;
    else lo = mid + 1;
  }
  return periods[lo]!;
}

/** The quote in cents as of day D, from the ledger's payments and charges dated on or before D. */
export function quoteCents(plan: Plan, s: LedgerView, D: number): QuoteCents {
  // Principal changes: disbursements, and (except for flat interest, which accrues on what was
  // disbursed whatever is repaid) principal repaid, each effective on its own date.
  const changes: { date: number; delta: Cents }[] = [];
  let principal = 0n;
  for (const d of plan.draws) {
    changes.push({ date: d.date, delta: d.amount });
    if (d.date <= D) principal += d.amount;
  }
  for (const p of s.payments) {
    if (p.date > D) continue;
    let x = p.principalReduction;
    for (const l of p.lines) x += l.principal;
    principal -= x;
    if (x !== 0n && !plan.flat) changes.push({ date: p.date, delta: -x });
  }
  const tl = timeline(changes);

  // A closed loan accrued what its payoff counted, as of the payoff day, and accrues no more.
  const closed = s.closedOn !== undefined && s.closedOn !== null && s.closedOn <= D;
  const asOf = closed ? (s.closedOn as number) : D;
  let accrued = 0n;
  for (const p of plan.periods) {
    if (p.due > asOf) break;
    accrued += accrueExact(plan, p, tl, p.start, p.due);
  }
  const current = periodOf(plan, asOf);
  if (asOf > current.start) accrued += accrueDaily(plan, current, tl, current.start, asOf);
  const perDiem = !closed && D >= current.start ? accrueDaily(plan, current, tl, D, D + 1) : 0n;

  let interestPaid = 0n;
  for (const x of s.paidInterest) interestPaid += x;
  const interest = accrued - interestPaid;
  let fees = 0n;
  for (const c of s.charges) if (c.date <= D) fees += c.amount - c.paid;
  return { principal, interest, fees, total: principal + interest + fees, perDiem };
}
