import { describe, expect, it } from 'vitest';
import {
  describeLoanMathError,
  generateSchedule,
  LoanMathInputError,
  loanTermsSchema,
  parseLoanTerms,
  quotePayoff,
} from './index.ts';

const good = { principal: '5000', annualRate: '12', startDate: '2022-11-01', payments: 18 };

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LoanMathInputError);
    return describeLoanMathError(e);
  }
  throw new Error('expected an error');
}

const termsError = (patch: Record<string, unknown>) =>
  errorOf(() => generateSchedule({ ...good, ...patch } as never));

describe('terms validation names the field in plain words', () => {
  it.each([
    [{ principal: '-5000' }, /^principal: must not be negative/],
    [{ principal: '0' }, /^principal: must be more than zero/],
    [{ principal: 'five thousand' }, /^principal: must be the loan amount written as a decimal number/],
    [{ principal: '5000.001' }, /^principal: can have at most 2 decimal places/],
    [{ principal: '1e5' }, /^principal: must be the loan amount written as a decimal number/],
    [{ principal: true }, /^principal: must be the loan amount written as a decimal string/],
    [{ principal: undefined }, /^principal: is required/],
    [{ annualRate: '-1' }, /^annualRate: must not be negative/],
    [{ annualRate: 'NaN' }, /^annualRate: must be the yearly interest rate/],
    [{ annualRate: '5000' }, /^annualRate: can be at most 1000/],
    [{ payments: 0 }, /^payments: must be at least 1 \(got 0\)/],
    [{ payments: 1.5 }, /^payments: must be a whole number/],
    [{ payments: '18' }, /^payments: must be the number of installments as a whole number/],
    [
      { frequency: 'yearly' },
      /^frequency: must be one of monthly, quarterly, weekly, biweekly \(got "yearly"\)/,
    ],
    [{ dayCount: '30/365' }, /^dayCount: must be one of 30\/360, actual\/360, actual\/365, actual\/actual/],
    [{ interestMethod: 'simple' }, /^interestMethod: must be one of declining_balance, flat/],
    [{ amortization: 'bullet' }, /^amortization: must be one of/],
    [{ interestPeriod: 'monthly' }, /^interestPeriod: must be one of repayment, daily/],
    [{ rounding: 'up' }, /^rounding: must be one of half_even, half_up/],
    [{ startDate: '2023-02-29' }, /^startDate: is not a real calendar date \(got "2023-02-29"\)/],
    [{ startDate: '2023-13-01' }, /^startDate: is not a real calendar date/],
    [{ startDate: '1/2/2023' }, /^startDate: must be the disbursement date written as YYYY-MM-DD/],
    [{ firstDueDate: '2022-11-01' }, /^firstDueDate: must be after the start date, 2022-11-01/],
    [
      { startDate: '2010-07-30', firstDueDate: '2010-07-31', businessDayRule: 'modified_following' },
      /^businessDayRule: moves the first due date 2010-07-31 back to 2010-07-30, not after the start date 2010-07-30/,
    ],
    [{ amortizationPayments: 12 }, /^amortizationPayments: must be at least the number of payments, 18/],
    [{ principalGrace: 18 }, /^principalGrace: must be less than the number of payments/],
    [{ interestGrace: -1 }, /^interestGrace: must be at least 0/],
    [{ installmentMultiple: '0' }, /^installmentMultiple: must be more than zero/],
    [
      { draws: [{ date: '2022-10-01', amount: '100' }] },
      /^draws\[0\]\.date: must be on or after the start date/,
    ],
    [
      { draws: [{ date: '2030-01-01', amount: '100' }] },
      /^draws\[0\]\.date: must be before the last due date 2024-05-01/,
    ],
    [{ draws: [{ date: '2022-11-01', amount: '-1' }] }, /^draws\[0\]\.amount: must not be negative/],
    [
      { draws: [{ date: '2022-11-01', amount: '6000' }] },
      /^draws: add up to 6000.00, more than the committed principal/,
    ],
    [{ draws: 'soon' }, /^draws: must be a list of disbursements/],
    [{ principall: '5000' }, /unknown field "principall"/],
  ])('%j', (patch, message) => {
    expect(termsError(patch)).toMatch(message);
  });

  it('reports every bad field, one per line', () => {
    const msg = termsError({ principal: '-1', payments: 0, frequency: 'daily' });
    expect(msg.split('\n')).toHaveLength(3);
  });

  it('accepts JSON numbers for amounts and fills every default', () => {
    const t = parseLoanTerms({ principal: 5000, annualRate: 12.5, startDate: '2022-11-01', payments: 18 });
    expect(t).toMatchObject({
      principal: '5000',
      annualRate: '12.5',
      frequency: 'monthly',
      interestMethod: 'declining_balance',
      amortization: 'equal_installments',
      dayCount: 'actual/365',
      interestPeriod: 'repayment',
      rounding: 'half_even',
      installmentMultiple: '0.01',
      principalGrace: 0,
      interestGrace: 0,
      draws: [],
    });
  });

  it('is a plain zod schema (usable for form validation)', () => {
    const r = loanTermsSchema.safeParse({ ...good, payments: 0 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['payments']);
  });

  it('payoff requests name nested fields', () => {
    expect(errorOf(() => quotePayoff({ terms: { ...good, payments: 0 }, payoffDate: '2023-01-01' }))).toMatch(
      /^terms\.payments: must be at least 1/,
    );
    expect(errorOf(() => quotePayoff({ terms: good, payoffDate: '2023-02-30' }))).toMatch(
      /^payoffDate: is not a real calendar date/,
    );
    expect(errorOf(() => quotePayoff({ terms: good, payoffDate: '2022-01-01' }))).toMatch(
      /^payoffDate: must be on or after the loan's start date/,
    );
    expect(
      errorOf(() =>
        quotePayoff({
          terms: good,
          payoffDate: '2023-01-01',
          payments: [{ date: '2023-01-01', amount: 'x' }],
        }),
      ),
    ).toMatch(/^payments\[0\]\.amount: must be the amount received/);
    expect(errorOf(() => quotePayoff({ terms: good } as never))).toMatch(/^payoffDate: is required/);
  });
});
