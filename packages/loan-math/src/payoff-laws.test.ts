/**
 * The promises a payoff letter makes ("the total as of D; add the per diem for each later day"),
 * as properties over random terms, payments and fees (issue 7 §1).
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { termsArb } from './arbitraries.test-support.ts';
import {
  allocatePayments,
  allocateRecordedPayments,
  generateSchedule,
  LoanMathInputError,
  type LoanTermsInput,
  parseLoanTerms,
  quotePayoff,
  quoteRecordedPayoff,
} from './index.ts';

const addDays = (iso: string, n: number) => Temporal.PlainDate.from(iso).add({ days: n }).toString();
const daysBetween = (a: string, b: string) =>
  Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b)).days;
const money = (c: number) => (c / 100).toFixed(2);

type Part = 'penalties' | 'fees' | 'interest' | 'principal';

interface Scenario {
  terms: LoanTermsInput;
  waterfall: Part[];
  waterfallBy: 'installment' | 'component';
  payments: { date: string; amount: string }[];
  fees: { date: string; amount: string; kind: 'fee' | 'penalty' }[];
  /** The day quoted, and a later day in the same period. */
  day: string;
  later: string;
}

/**
 * Random terms; random payments (some installments paid on time, late, early, partly, more) and
 * fees before `day`; `day` anywhere from the start to after maturity.
 */
function scenarioArb(): fc.Arbitrary<Scenario> {
  return fc
    .record({
      terms: termsArb({ maxPayments: 36 }),
      dayPick: fc.double({ min: 0, max: 1.1, noNaN: true }),
      laterPick: fc.double({ min: 0, max: 1, noNaN: true }),
      pays: fc.array(
        fc.record({
          installment: fc.nat(),
          shift: fc.integer({ min: -10, max: 40 }),
          share: fc.constantFrom(0, 0.5, 1, 1, 1, 1.7),
        }),
        { maxLength: 12 },
      ),
      waterfall: fc.shuffledSubarray<Part>(['penalties', 'fees', 'interest', 'principal'], {
        minLength: 4,
        maxLength: 4,
      }),
      waterfallBy: fc.constantFrom('installment' as const, 'component' as const),
      fees: fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          cents: fc.integer({ min: 1, max: 50_000 }),
        }),
        {
          maxLength: 3,
        },
      ),
    })
    .map(({ terms, dayPick, laterPick, pays, fees, waterfall, waterfallBy }) => {
      const s = generateSchedule(terms);
      const start = s.installments[0]!.periodStart;
      const span = daysBetween(start, s.maturityDate);
      const day = addDays(start, Math.floor(span * dayPick));
      // The next boundary after `day`: a due date, or (after maturity) 60 days on.
      const next = s.installments.find((i) => i.dueDate > day)?.dueDate ?? addDays(day, 60);
      const room = Math.max(0, daysBetween(day, next) - 1);
      const later = addDays(day, Math.floor(room * laterPick));
      const payments = pays
        .map((p) => {
          const i = s.installments[p.installment % s.installments.length]!;
          const cents = Math.round(Number.parseFloat(i.total) * 100 * p.share);
          return { date: addDays(i.dueDate, p.shift), amount: money(cents) };
        })
        .filter((p) => p.amount !== '0.00' && p.date >= start && p.date <= day);
      const feeList = fees
        .map((f) => ({
          date: addDays(start, Math.floor(daysBetween(start, day) * f.at)),
          amount: money(f.cents),
          kind: 'fee' as const,
        }))
        .filter((f) => f.date <= day);
      return { terms, waterfall, waterfallBy, payments, fees: feeList, day, later };
    });
}

const quote = (s: Scenario, payoffDate: string, payments = s.payments) =>
  quotePayoff({
    terms: s.terms,
    payments,
    fees: s.fees,
    payoffDate,
    waterfall: s.waterfall,
    waterfallBy: s.waterfallBy,
  });

/** No disbursement or rate change in (from, to]: either changes the daily interest. */
function noDrawBetween(terms: LoanTermsInput, from: string, to: string): boolean {
  const t = parseLoanTerms(terms);
  return [...t.draws.map((d) => d.date), ...t.rateChanges.map((c) => c.from)].every(
    (d) => d <= from || d > to,
  );
}

const runs = { numRuns: 250 };

describe('payoff quote laws (random terms, payments and fees)', () => {
  it('with nothing paid after D, the quote never decreases from one day to the next', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const today = quote(s, s.day);
        const tomorrow = quote(s, addDays(s.day, 1));
        expect(
          new Decimal(tomorrow.total).gte(today.total),
          `${s.day}: ${today.total} → ${tomorrow.total}`,
        ).toBe(true);
      }),
      runs,
    );
  });

  it('within a period, quote(D + 1) = quote(D) + perDiem(D), to the cent', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const tomorrow = addDays(s.day, 1);
        const next = generateSchedule(s.terms).installments.find((i) => i.dueDate > s.day)?.dueDate;
        fc.pre(next === undefined || tomorrow < next);
        fc.pre(noDrawBetween(s.terms, s.day, tomorrow));
        const q = quote(s, s.day);
        expect(quote(s, tomorrow).total).toBe(new Decimal(q.total).plus(q.perDiem).toFixed(2));
      }),
      runs,
    );
  });

  it('within a period whose days are alike (all but 30/360), quote(D + n) = quote(D) + n × perDiem(D)', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const t = parseLoanTerms(s.terms);
        fc.pre(t.dayCount !== '30/360' || t.interestPeriod !== 'daily' || t.interestMethod === 'flat');
        // actual/actual: a day of a leap year and a day of another year differ.
        fc.pre(t.dayCount !== 'actual/actual' || s.day.slice(0, 4) === s.later.slice(0, 4));
        fc.pre(noDrawBetween(s.terms, s.day, s.later));
        // After maturity the day count always applies.
        const afterMaturity = s.day >= generateSchedule(s.terms).maturityDate;
        fc.pre(!afterMaturity || t.dayCount !== '30/360');
        const n = daysBetween(s.day, s.later);
        const q = quote(s, s.day);
        expect(quote(s, s.later).total).toBe(
          new Decimal(q.total).plus(new Decimal(q.perDiem).times(n)).toFixed(2),
        );
      }),
      runs,
    );
  });

  it('paying the quote on D, then quoting D, leaves exactly 0', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const q = quote(s, s.day);
        fc.pre(new Decimal(q.total).gt(0));
        // Not while disbursements are still to come (the loan is not over).
        fc.pre(parseLoanTerms(s.terms).draws.every((d) => d.date <= s.day));
        const after = quote(s, s.day, [...s.payments, { date: s.day, amount: q.total }]);
        expect(after).toMatchObject({ principal: '0.00', interest: '0.00', fees: '0.00', total: '0.00' });
      }),
      runs,
    );
  });
});

describe('payoff quote: the cases of issue 7', () => {
  const terms = {
    principal: '5000',
    annualRate: '12',
    startDate: '2022-11-01',
    payments: 18,
    installmentMultiple: '1',
    dayCount: 'actual/365',
    interestPeriod: 'repayment',
  } as const;

  it('does not fall when a due date passes with the installment unpaid', () => {
    const dec31 = quotePayoff({ terms, payoffDate: '2022-12-31' });
    const jan1 = quotePayoff({ terms, payoffDate: '2023-01-01' });
    // Dec: 30 days × 5000 × 1% ÷ 31 = 1.6129… → 1.61 a day; on Jan 1 the whole period, 50.00.
    expect(dec31).toMatchObject({
      principal: '5000.00',
      interest: '98.30',
      perDiem: '1.61',
      total: '5098.30',
    });
    expect(jan1).toMatchObject({ principal: '5000.00', interest: '100.00', total: '5100.00' });
  });

  it('under 30/360 daily interest the per diem is what the next day adds, also around the 31st', () => {
    // From Jan 15, 30/360 counts 15 days to Jan 30, 16 to Jan 31 and 16 to Feb 1: the 31st is the
    // day that counts, and Jan 31 → Feb 1 adds nothing. The per diem says so on each day.
    const t = { ...terms, startDate: '2024-01-15', dayCount: '30/360', interestPeriod: 'daily' } as const;
    const jan30 = quotePayoff({ terms: t, payoffDate: '2024-01-30' });
    const jan31 = quotePayoff({ terms: t, payoffDate: '2024-01-31' });
    const feb1 = quotePayoff({ terms: t, payoffDate: '2024-02-01' });
    expect(jan30.perDiem).toBe('1.66'); // 5000 × 12% ÷ 360 = 1.666… rounded down
    expect(jan31.total).toBe(new Decimal(jan30.total).plus('1.66').toFixed(2));
    expect(jan31.perDiem).toBe('0.00');
    expect(feb1.total).toBe(jan31.total);
  });

  it('a payment of the quoted total closes the loan; anything beyond it is unapplied', () => {
    const paid = [{ date: '2022-12-01', amount: '305.00' }];
    const q = quotePayoff({ terms, payments: paid, payoffDate: '2023-01-20' });
    const after = quotePayoff({
      terms,
      payments: [...paid, { date: '2023-01-20', amount: new Decimal(q.total).plus(10).toFixed(2) }],
      payoffDate: '2023-01-20',
    });
    expect(after.total).toBe('0.00');
    const later = quotePayoff({
      terms,
      payments: [...paid, { date: '2023-01-20', amount: q.total }],
      payoffDate: '2023-06-01',
    });
    expect(later).toMatchObject({ total: '0.00', perDiem: '0.00' });
  });
});

describe('recorded payments (validated when written): the same results without re-parsing them', () => {
  it('allocateRecordedPayments = allocatePayments and quoteRecordedPayoff = quotePayoff', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const request = {
          terms: s.terms,
          payments: s.payments,
          fees: s.fees,
          waterfall: s.waterfall,
          waterfallBy: s.waterfallBy,
        };
        expect(allocateRecordedPayments(request)).toEqual(allocatePayments(request));
        expect(quoteRecordedPayoff({ ...request, payoffDate: s.day })).toEqual(
          quotePayoff({ ...request, payoffDate: s.day }),
        );
      }),
      runs,
    );
  });

  it('still refuses what is not of the recorded form, naming the field', () => {
    const terms = { principal: '5000', annualRate: '12', startDate: '2022-11-01', payments: 18 } as const;
    const bad = (request: Parameters<typeof allocateRecordedPayments>[0]) => {
      try {
        allocateRecordedPayments(request);
      } catch (e) {
        expect(e).toBeInstanceOf(LoanMathInputError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ terms, payments: [{ date: '2023-02-30', amount: '10.00' }] })).toMatch(
      /^payments\[0\]\.date/,
    );
    expect(bad({ terms, payments: [{ date: '2023-02-01', amount: '10.001' }] })).toMatch(
      /^payments\[0\]\.amount/,
    );
    expect(bad({ terms, payments: [{ date: '2023-02-01', amount: '0.00' }] })).toMatch(
      /^payments\[0\]\.amount/,
    );
    expect(
      bad({ terms, payments: [], fees: [{ date: '2023-02-01', amount: '5', kind: 'other' as never }] }),
    ).toMatch(/^fees\[0\]\.kind/);
    expect(bad({ terms: { ...terms, payments: 0 }, payments: [] })).toMatch(/^terms\.payments/);
    expect(() => quoteRecordedPayoff({ terms, payments: [], payoffDate: '2022-10-31' })).toThrow(
      /payoffDate: must be on or after/,
    );
  });
});
