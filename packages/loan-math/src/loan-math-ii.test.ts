/** Issue 7 §2–§5 and §7: odd first periods, rate changes, prepayments, business days, limits. */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termsArb } from './arbitraries.test-support.ts';
import {
  allocatePayments,
  generateSchedule,
  type LoanTermsInput,
  loanTermsSchema,
  parseLoanTerms,
  quotePayoff,
  reamortize,
} from './index.ts';

const D = (s: Decimal.Value) => new Decimal(s);

// Funded on Nov 25, first payment on Jan 31: a first period of 67 days (issue 7 §2).
const odd = {
  principal: '100000',
  annualRate: '12',
  startDate: '2024-11-25',
  firstDueDate: '2025-01-31',
  payments: 24,
} as const;

describe('irregular first period (oddFirstPeriod)', () => {
  it('accrue: the odd days all fall on the last installment (today’s behaviour)', () => {
    const s = generateSchedule({ ...odd, oddFirstPeriod: 'accrue' });
    expect(s.installmentAmount).toBe('4707.35');
    expect(s.installments.at(-1)?.total).toBe('6173.97');
    // 2 whole months back from Jan 31 (Nov 30 → Jan 31) and 5 odd days of a 30-day month.
    expect(s.firstPeriod).toMatchObject({
      days: 67,
      wholePeriods: 2,
      oddDays: 5,
      regularDays: 30,
      irregular: true,
    });
  });

  it('level (the default): solved over the actual periods, the last installment is level too', () => {
    const s = generateSchedule(odd);
    expect(s.firstPeriod.treatment).toBe('level');
    expect(s.installmentAmount).toBe('4761.72');
    expect(s.installments[0]?.interest).toBe('2166.67'); // 100000 × 1% × (2 + 5/30)
    expect(s.installments.slice(0, -1).every((i) => i.total === '4761.72')).toBe(true);
    expect(s.installments.at(-1)?.total).toBe('4761.81');
    const daily = generateSchedule({ ...odd, interestPeriod: 'daily' });
    expect(D(daily.installments.at(-1)!.total).minus(daily.installmentAmount!).abs().lt('0.10')).toBe(true);
  });

  it('prepaid: interest before the first regular period is charged at funding', () => {
    const s = generateSchedule({ ...odd, oddFirstPeriod: 'prepaid' });
    // Nov 25 → Dec 31: 1 month + 5 days of 30 = 100000 × 1% × (1 + 5/30)
    expect(s.prepaidInterest).toBe('1166.67');
    expect(s.installments[0]).toMatchObject({ periodStart: '2024-12-31', interest: '1000.00' });
    expect(s.installmentAmount).toBe('4707.35');
    expect(D(s.installments.at(-1)!.total).minus('4707.35').abs().lt('0.10')).toBe(true);
    // Nothing accrues in the payoff before the first regular period: it was paid at funding.
    expect(
      quotePayoff({ terms: { ...odd, oddFirstPeriod: 'prepaid' }, payoffDate: '2024-12-20' }).interest,
    ).toBe('0.00');
  });

  it('prepaid is refused for a first period shorter than a regular one', () => {
    const r = loanTermsSchema.safeParse({ ...odd, firstDueDate: '2024-12-10', oddFirstPeriod: 'prepaid' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['oddFirstPeriod']);
  });

  it('level: the last installment differs from the level one only by the installment’s rounding', () => {
    fc.assert(
      fc.property(termsArb({ draws: false, grace: false, issue7: false }), (terms) => {
        const t = parseLoanTerms(terms);
        fc.pre(t.amortization === 'equal_installments' && t.interestMethod === 'declining_balance');
        fc.pre(t.interestPeriod === 'repayment' && (t.amortizationPayments ?? t.payments) === t.payments);
        const s = generateSchedule({ ...terms, oddFirstPeriod: 'level' });
        fc.pre(s.firstPeriod.irregular && t.payments > 1);
        const i = D(t.annualRate)
          .div(100)
          .div({ monthly: 12, quarterly: 4, weekly: 52, biweekly: 26 }[t.frequency]);
        // Rounding the installment to its multiple (≤ m/2 each) and interest to cents (≤ 0.005
        // each), accumulated with interest to the end.
        const growth = D(1)
          .plus(i)
          .pow(t.payments)
          .minus(1)
          .div(i.isZero() ? 1 : i);
        const bound = D(t.installmentMultiple)
          .div(2)
          .plus('0.005')
          .times(i.isZero() ? t.payments : growth)
          .plus('0.01');
        const last = s.installments.at(-1)!;
        expect(D(last.total).minus(s.installmentAmount!).abs().lte(bound)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rate changes', () => {
  const base = { principal: '120000', annualRate: '6', startDate: '2024-01-01', payments: 24 } as const;

  it('accrue at the new rate from its date; installments after it are re-solved', () => {
    const s = generateSchedule({ ...base, rateChanges: [{ from: '2024-07-01', annualRate: '9' }] });
    const flat = generateSchedule(base);
    expect(s.installments.slice(0, 6)).toEqual(flat.installments.slice(0, 6));
    // Installment 7 (Jul 1 → Aug 1) accrues at 9 % on the balance after installment 6.
    const balance6 = D(s.installments[5]!.balance);
    expect(s.installments[6]!.interest).toBe(balance6.times('0.0075').toFixed(2));
    const later = s.installments.slice(6, -1).map((i) => i.total);
    expect(new Set(later).size).toBe(1);
    expect(D(later[0]!).gt(flat.installmentAmount!)).toBe(true);
    expect(s.installments.at(-1)?.balance).toBe('0.00');
  });

  it('a change inside a period splits that period by days', () => {
    const s = generateSchedule({
      ...base,
      interestPeriod: 'daily',
      rateChanges: [{ from: '2024-01-11', annualRate: '12' }],
    });
    // Jan 1 → 11 at 6 %, Jan 11 → Feb 1 at 12 %, actual/365 on 120000.
    const expected = D(120000)
      .times(D('0.06').times(10).plus(D('0.12').times(21)))
      .div(365);
    expect(s.installments[0]!.interest).toBe(expected.toFixed(2));
  });

  it('the payoff quote and per diem follow the new rate from its date (a default rate)', () => {
    const terms = {
      ...base,
      interestPeriod: 'daily',
      dayCount: 'actual/360',
      rateChanges: [{ from: '2024-03-10', annualRate: '18' }],
    } as const;
    const before = quotePayoff({ terms, payoffDate: '2024-03-09' });
    const after = quotePayoff({ terms, payoffDate: '2024-03-12' });
    expect(before.perDiem).toBe('20.00'); // 120000 × 6% ÷ 360
    expect(after.perDiem).toBe('60.00'); // 120000 × 18% ÷ 360
  });

  it('refuses a change on or before the start date, or the same date twice', () => {
    expect(
      loanTermsSchema.safeParse({ ...base, rateChanges: [{ from: '2024-01-01', annualRate: '7' }] }).success,
    ).toBe(false);
    const twice = [
      { from: '2024-05-01', annualRate: '7' },
      { from: '2024-05-01', annualRate: '8' },
    ];
    expect(loanTermsSchema.safeParse({ ...base, rateChanges: twice }).success).toBe(false);
  });
});

describe('prepayment recalculation', () => {
  const terms = { principal: '12000', annualRate: '12', startDate: '2024-01-01', payments: 12 } as const;
  const paid = (t: LoanTermsInput) => {
    const s = generateSchedule(t);
    return [
      ...s.installments.slice(0, 3).map((i) => ({ date: i.dueDate, amount: i.total })),
      { date: '2024-04-01', amount: D(s.installmentAmount!).plus(3000).toFixed(2) },
    ];
  };

  it('reduce_term: same installment, fewer of them', () => {
    const a = allocatePayments({ terms, payments: paid(terms) });
    const after = a.installments.slice(4);
    expect(after[0]!.principal).not.toBe('0.00');
    expect(a.installments.at(-1)?.principal).toBe('0.00');
  });

  it('reduce_installment: same maturity, a smaller installment', () => {
    const t = { ...terms, prepaymentRecalculation: 'reduce_installment' } as const;
    const a = allocatePayments({ terms: t, payments: paid(t) });
    const level = D(generateSchedule(t).installmentAmount!);
    const after = a.installments.slice(4, -1).map((i) => D(i.principal).plus(i.interest));
    expect(after.every((x) => x.lt(level) && x.eq(after[0]!))).toBe(true);
    expect(D(a.installments.at(-1)!.principal).gt(0)).toBe(true);
    expect(a.totals.principalOutstanding).toBe(D(a.totals.principalOutstanding).toFixed(2));
  });

  it('interest-only loans accrue on the actual principal after a prepayment', () => {
    const t = { ...terms, amortization: 'interest_only' } as const;
    const q = quotePayoff({
      terms: t,
      payments: [{ date: '2024-02-01', amount: '4120.00' }],
      payoffDate: '2024-03-01',
    });
    // 4,120 on Feb 1 pays installment 1's interest (120.00), installment 2's interest ahead
    // (120.00) and 3,880.00 of principal. February then accrues on the 8,120.00 left: 81.20,
    // against 120.00 already paid for it: a credit of 38.80 in the quote.
    expect(q).toMatchObject({ principal: '8120.00', interest: '-38.80', total: '8081.20' });
  });
});

describe('reamortize from a date and the actual balance', () => {
  const terms = { principal: '12000', annualRate: '12', startDate: '2024-01-01', payments: 12 } as const;

  it('re-solves the level installment over the installments left, same maturity', () => {
    const s = reamortize({ terms, asOf: '2024-06-01', balance: '5000.00' });
    expect(s.installments[0]).toMatchObject({ number: 6, periodStart: '2024-06-01', dueDate: '2024-07-01' });
    expect(s.maturityDate).toBe(generateSchedule(terms).maturityDate);
    expect(s.installments).toHaveLength(7);
    const sum = s.installments.reduce((a, i) => a.plus(i.principal), D(0));
    expect(sum.toFixed(2)).toBe('5000.00');
    expect(s.installments[0]!.interest).toBe('50.00');
  });

  it('from inside a period, interest accrues from that date only', () => {
    const s = reamortize({
      terms: { ...terms, interestPeriod: 'daily' },
      asOf: '2024-06-16',
      balance: '5000.00',
    });
    expect(s.installments[0]!.interest).toBe(D(5000).times('0.12').times(15).div(365).toFixed(2));
  });
});

describe('business days', () => {
  const terms = { principal: '10000', annualRate: '10', startDate: '2025-01-31', payments: 12 } as const;

  it('following and modified following move weekend and holiday due dates; interest follows the dates', () => {
    const none = generateSchedule(terms).installments.map((i) => i.dueDate);
    expect(none.slice(0, 3)).toEqual(['2025-02-28', '2025-03-31', '2025-04-30']);
    // 2025-05-31 is a Saturday; 2025-08-31 a Sunday.
    const following = generateSchedule({ ...terms, businessDayRule: 'following' }).installments.map(
      (i) => i.dueDate,
    );
    expect(following[3]).toBe('2025-06-02');
    const modified = generateSchedule({ ...terms, businessDayRule: 'modified_following' }).installments.map(
      (i) => i.dueDate,
    );
    expect(modified[3]).toBe('2025-05-30');
    expect(modified[6]).toBe('2025-08-29');
    // A holiday on a business day moves too (Apr 30 → May 1).
    const holiday = generateSchedule({ ...terms, businessDayRule: 'following', holidays: ['2025-04-30'] });
    expect(holiday.installments[2]!.dueDate).toBe('2025-05-01');
    const daily = generateSchedule({ ...terms, businessDayRule: 'following', interestPeriod: 'daily' });
    // May 30 → Jun 2 is longer than a month: the period's days are the actual ones.
    expect(daily.installments[3]).toMatchObject({ periodStart: '2025-04-30', dueDate: '2025-06-02' });
  });
});

describe('limits agree across entry points', () => {
  it('a schedule that would run past 2200 is refused, as such a payoff date would be', () => {
    const r = loanTermsSchema.safeParse({
      principal: '1000',
      annualRate: '5',
      startDate: '2199-01-01',
      payments: 36,
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['payments']);
  });

  it('totals over 15 digits are refused in a schedule, as they are as amounts', () => {
    expect(() =>
      generateSchedule({
        principal: '999999999999999',
        annualRate: '1000',
        startDate: '2024-01-01',
        payments: 12,
      }),
    ).toThrow(/principal: .*more than 15 digits/);
  });

  it('the late-fee minimum and maximum are compared as decimals', () => {
    const base = { principal: '1000', annualRate: '5', startDate: '2024-01-01', payments: 12 };
    expect(
      loanTermsSchema.safeParse({ ...base, lateFee: { percent: '5', minimum: '10.5', maximum: '10.49' } })
        .success,
    ).toBe(false);
    expect(
      loanTermsSchema.safeParse({ ...base, lateFee: { percent: '5', minimum: '9.99', maximum: '10' } })
        .success,
    ).toBe(true);
  });
});

describe('string inputs have a maximum length, checked first (issue 6 §2)', () => {
  const base = { principal: '1000', annualRate: '5', startDate: '2024-01-01', payments: 12 };
  const megabyte = `1${'0'.repeat(1024 * 1024)}`;

  it('a 1 MB decimal string is refused with a clear message, quickly', () => {
    const started = performance.now();
    const r = loanTermsSchema.safeParse({ ...base, principal: megabyte });
    const elapsed = performance.now() - started;
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.message).toBe(
      `is too long: a decimal number has at most 40 characters (got ${megabyte.length})`,
    );
    expect(elapsed).toBeLessThan(200); // generous: it takes well under a millisecond
  });

  it('so are 1 MB dates, choices, rates and descriptions', () => {
    const long = 'x'.repeat(1024 * 1024);
    const started = performance.now();
    for (const field of [
      'annualRate',
      'startDate',
      'frequency',
      'dayCount',
      'oddFirstPeriod',
      'businessDayRule',
    ]) {
      const r = loanTermsSchema.safeParse({ ...base, [field]: long });
      expect(r.success, field).toBe(false);
      expect(
        r.error?.issues.map((i) => i.path.join('.')),
        field,
      ).toEqual([field]);
      expect(r.error?.issues[0]?.message.length, field).toBeLessThan(300);
    }
    const q = quotePayoff;
    expect(() =>
      q({
        terms: base,
        payoffDate: '2024-02-01',
        fees: [{ date: '2024-01-15', amount: '5', description: long }],
      }),
    ).toThrow(/fees\[0\]\.description: can have at most 200 characters/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('40 characters are still accepted', () => {
    expect(loanTermsSchema.safeParse({ ...base, annualRate: `5.${'0'.repeat(38)}` }).success).toBe(true);
  });
});
