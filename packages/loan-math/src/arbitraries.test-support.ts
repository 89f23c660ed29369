/**
 * fast-check arbitraries for valid loan terms (tests and the benchmark's random loans).
 * Test-only helper: imports fast-check, so it is not exported from index.ts.
 */
import fc from 'fast-check';
import { epochDay, formatDate } from './dates.ts';
import {
  AMORTIZATIONS,
  DAY_COUNTS,
  FREQUENCIES,
  INTEREST_METHODS,
  INTEREST_PERIODS,
  type LoanTermsInput,
  loanTermsSchema,
  ROUNDINGS,
} from './schema.ts';

const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

interface RateChangePart {
  at: number;
  rate: number;
}

interface DrawPart {
  dayFraction: number;
  share: number;
}

export interface TermsArbOptions {
  maxPayments?: number;
  draws?: boolean;
  grace?: boolean;
  /** Rate changes, business days and odd-first-period treatments too (default true). */
  issue7?: boolean;
}

export function termsArb(opts: TermsArbOptions = {}): fc.Arbitrary<LoanTermsInput> {
  const maxPayments = opts.maxPayments ?? 120;
  return (
    fc
      .record({
        principalCents: fc.integer({ min: 100_00, max: 5_000_000_00 }),
        annualRate: fc.oneof(
          fc.constant('0'),
          fc.integer({ min: 1, max: 30_000 }).map((r) => (r / 1000).toString()),
        ),
        start: fc.integer({ min: epochDay(2000, 1, 1), max: epochDay(2040, 12, 31) }),
        payments: fc.integer({ min: 1, max: maxPayments }),
        extraAmortization: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 240 })),
        frequency: fc.constantFrom(...FREQUENCIES),
        firstDueOffset: fc.option(fc.integer({ min: 1, max: 75 }), { nil: undefined }),
        interestMethod: fc.constantFrom(...INTEREST_METHODS),
        amortization: fc.constantFrom(...AMORTIZATIONS),
        dayCount: fc.constantFrom(...DAY_COUNTS),
        interestPeriod: fc.constantFrom(...INTEREST_PERIODS),
        rounding: fc.constantFrom(...ROUNDINGS),
        installmentMultiple: fc.constantFrom('0.01', '0.01', '0.05', '1'),
        principalGrace: opts.grace === false ? fc.constant(0) : fc.integer({ min: 0, max: 6 }),
        interestGrace: opts.grace === false ? fc.constant(0) : fc.integer({ min: 0, max: 3 }),
        oddFirstPeriod: fc.constantFrom('level', 'accrue', 'prepaid'),
        businessDayRule:
          opts.issue7 === false
            ? fc.constant('none')
            : fc.constantFrom('none', 'none', 'following', 'modified_following'),
        rateChanges:
          opts.issue7 === false
            ? fc.constant<RateChangePart[]>([])
            : fc.oneof(
                fc.constant<RateChangePart[]>([]),
                fc.array(
                  fc.record({
                    at: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
                    rate: fc.integer({ min: 0, max: 30_000 }),
                  }),
                  {
                    maxLength: 2,
                  },
                ),
              ),
        drawParts:
          opts.draws === false
            ? fc.constant<DrawPart[]>([])
            : fc.oneof(
                fc.constant<DrawPart[]>([]),
                fc.array(
                  fc.record({
                    dayFraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
                    share: fc.integer({ min: 1, max: 100 }),
                  }),
                  {
                    minLength: 1,
                    maxLength: 5,
                  },
                ),
              ),
      })
      .map((r) => {
        // Shortest possible period, so that every draw falls before maturity.
        const periodDays = { monthly: 28, quarterly: 89, weekly: 7, biweekly: 14 }[r.frequency];
        const payments = r.payments;
        const t: Record<string, unknown> = {
          principal: money(r.principalCents),
          annualRate: r.annualRate,
          startDate: formatDate(r.start),
          payments,
          frequency: r.frequency,
          interestMethod: r.interestMethod,
          amortization: r.amortization,
          amortizationPayments: payments + r.extraAmortization,
          dayCount: r.dayCount,
          interestPeriod: r.interestPeriod,
          rounding: r.rounding,
          installmentMultiple: r.installmentMultiple,
          principalGrace: Math.min(r.principalGrace, payments - 1),
          interestGrace: Math.min(r.interestGrace, payments - 1),
        };
        if (r.firstDueOffset !== undefined) t.firstDueDate = formatDate(r.start + r.firstDueOffset);
        if (opts.issue7 !== false) {
          // `prepaid` needs a first period of at least one whole period.
          const longEnough =
            r.firstDueOffset === undefined ||
            r.firstDueOffset >= { monthly: 31, quarterly: 92, weekly: 7, biweekly: 14 }[r.frequency];
          t.oddFirstPeriod = r.oddFirstPeriod === 'prepaid' && !longEnough ? 'level' : r.oddFirstPeriod;
          t.businessDayRule = r.businessDayRule;
          const span = (r.firstDueOffset ?? periodDays) + periodDays * (payments - 1);
          const days = [...new Set(r.rateChanges.map((c) => 1 + Math.floor(c.at * span)))];
          t.rateChanges = days.map((d, i) => ({
            from: formatDate(r.start + d),
            annualRate: (r.rateChanges[i]!.rate / 1000).toString(),
          }));
        }
        if (r.drawParts.length > 0) {
          // Draws between the start and (roughly) 60% of the term; shares of the commitment.
          const firstDue = r.firstDueOffset ?? periodDays;
          const span = Math.max(1, Math.floor((firstDue + periodDays * (payments - 1)) * 0.6));
          const totalShare = r.drawParts.reduce((a, d) => a + d.share, 0) + 5;
          let left = r.principalCents;
          t.draws = r.drawParts.map((d, i) => {
            const c = Math.max(1, Math.floor((r.principalCents * d.share) / totalShare));
            left -= c;
            return {
              date: formatDate(i === 0 ? r.start : r.start + Math.floor(d.dayFraction * span)),
              amount: money(c),
            };
          });
          if (left < 0) delete t.draws;
        }
        return t as LoanTermsInput;
      })
      // Random, but valid: a business-day rule can move a near first due date onto the start date,
      // which the schema refuses (tested in schema.test.ts).
      .filter((t) => loanTermsSchema.safeParse(t).success)
  );
}
