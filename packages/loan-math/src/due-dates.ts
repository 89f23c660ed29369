/**
 * Due dates and the shape of the first period, from the few terms that decide them. Kept apart
 * from plan.ts so that the terms schema can check dates against the maturity without importing
 * the engine (no schema ↔ plan import cycle).
 */
import { addMonths, civil, parseDate } from './dates.ts';

export const FREQUENCIES = ['monthly', 'quarterly', 'weekly', 'biweekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const BUSINESS_DAY_RULES = ['none', 'following', 'modified_following'] as const;
export type BusinessDayRule = (typeof BUSINESS_DAY_RULES)[number];

/** The terms that decide the due dates (validated; dates as YYYY-MM-DD). */
export interface DueDateTerms {
  startDate: string;
  payments: number;
  frequency: Frequency;
  firstDueDate?: string | undefined;
  businessDayRule?: BusinessDayRule | undefined;
  holidays?: readonly string[] | undefined;
}

export interface DueDates {
  start: number;
  /** Due dates as epoch days, after the business-day rule. */
  dues: number[];
  /** Due dates before the business-day rule (the contractual calendar). */
  contractual: number[];
  /**
   * The first period counted in regular periods: `w` whole periods back from the first due
   * date, plus `r` odd days at the front out of the `l` days of the period preceding them.
   * A regular first period is { w: 1, r: 0 }.
   */
  irregular: { w: number; r: number; l: number };
  /** One regular period before the first due date: where a regular first period would start. */
  regularStart: number;
  monthsPer: number;
  daysPer: number;
}

/** Sunday = 0 … Saturday = 6 (1970-01-01, epoch day 0, was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Moves a due date that falls on a Saturday, Sunday or holiday: `following` to the next business
 * day; `modified_following` to the next business day unless that is in the next month, then to
 * the previous business day.
 */
export function adjustToBusinessDay(
  day: number,
  rule: BusinessDayRule,
  holidays: ReadonlySet<number>,
): number {
  if (rule === 'none') return day;
  const isBusiness = (d: number) => {
    const w = weekday(d);
    return w !== 0 && w !== 6 && !holidays.has(d);
  };
  if (isBusiness(day)) return day;
  let next = day + 1;
  while (!isBusiness(next)) next++;
  if (rule === 'following' || civil(next).m === civil(day).m) return next;
  let prev = day - 1;
  while (!isBusiness(prev)) prev--;
  return prev;
}

export function dueDatesOf(t: DueDateTerms): DueDates {
  const start = parseDate(t.startDate);
  const n = t.payments;
  const contractual = new Array<number>(n);
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
      contractual[k] = anchored
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
    for (let k = 0; k < n; k++) contractual[k] = first + daysPer * k;
    const len = first - start;
    irregular = { w: Math.floor(len / daysPer), r: len % daysPer, l: daysPer };
  }
  const rule = t.businessDayRule ?? 'none';
  let dues = contractual;
  if (rule !== 'none') {
    const holidays = new Set((t.holidays ?? []).map(parseDate));
    dues = contractual.map((d) => adjustToBusinessDay(d, rule, holidays));
  }
  const f = civil(first);
  const regularStart = monthsPer ? addMonths(f.y, f.m, f.d, -monthsPer) : first - daysPer;
  return { start, dues, contractual, irregular, regularStart, monthsPer, daysPer };
}

/** The last due date (epoch day) of validated terms. */
export function maturityOf(t: DueDateTerms): number {
  const { dues } = dueDatesOf(t);
  return dues[dues.length - 1]!;
}
