import { describe, expect, it } from 'vitest';
import { generateSchedule, levelPayment, quotePayoff } from './index.ts';

const case1 = {
  principal: '5000',
  annualRate: '12',
  startDate: '2022-11-01',
  payments: 18,
  frequency: 'monthly',
  interestMethod: 'declining_balance',
  amortization: 'equal_installments',
  amortizationPayments: 18,
  dayCount: 'actual/365',
  interestPeriod: 'repayment',
  rounding: 'half_even',
  installmentMultiple: '1',
  principalGrace: 0,
  interestGrace: 0,
  draws: [],
} as const;

describe('reference cases (issue 3)', () => {
  it('5,000 at 12%, 18 monthly, installment multiple 1', () => {
    expect(levelPayment({ principal: '5000', annualRate: '12', payments: 18 })).toBe('304.91');
    const s = generateSchedule(case1);
    expect(s.installmentAmount).toBe('305.00');
    const interest = s.installments.map((i) => i.interest);
    expect(interest.slice(0, 4)).toEqual(['50.00', '47.45', '44.87', '42.27']);
    expect(interest.at(-1)).toBe('3.00');
    expect(s.installments.slice(0, 17).every((i) => i.total === '305.00')).toBe(true);
    expect(s.installments.at(-1)?.total).toBe('303.22');
    expect(s.installments.at(-1)?.balance).toBe('0.00');
    expect(s.totals).toEqual({ principal: '5000.00', interest: '488.22', total: '5488.22' });
    expect(s.installments[0]).toMatchObject({ number: 1, periodStart: '2022-11-01', dueDate: '2022-12-01' });
    expect(s.maturityDate).toBe('2024-05-01');
  });

  it('180,000 at 4.25%, 360 monthly, installment multiple 0.01', () => {
    const s = generateSchedule({
      principal: '180000',
      annualRate: '4.25',
      startDate: '2020-01-01',
      payments: 360,
      installmentMultiple: '0.01',
    });
    expect(s.installmentAmount).toBe('885.49');
    expect(s.installments[59]?.balance).toBe('163453.96');
    expect(s.installments.at(-1)?.total).toBe('886.85');
    expect(s.totals.interest).toBe('138777.76');
    expect(s.totals.principal).toBe('180000.00');
  });

  it('PMT(8%/12, 60, 15,000) = 304.15', () => {
    expect(levelPayment({ principal: '15000', annualRate: '8', payments: 60 })).toBe('304.15');
    const s = generateSchedule({
      principal: '15000',
      annualRate: '8',
      startDate: '2024-01-15',
      payments: 60,
    });
    expect(s.installmentAmount).toBe('304.15');
  });

  it('payoff of the 5,000 loan on a due date after three on-time payments', () => {
    const payments = ['2022-12-01', '2023-01-01', '2023-02-01'].map((date) => ({ date, amount: '305.00' }));
    expect(quotePayoff({ terms: case1, payments, payoffDate: '2023-03-01' })).toEqual({
      principal: '4227.32',
      interest: '42.27',
      fees: '0.00',
      total: '4269.59',
      perDiem: '1.36', // next period (Mar 1–Apr 1, 31 days): 4227.32 × 1% ÷ 31 = 1.3636…, rounded down
      goodThrough: '2023-03-01',
    });
    // Mid-period (repayment): the per diem is the period's interest ÷ its 28 days, 4227.32 × 1% ÷ 28
    // = 1.5097…, rounded down to 1.50; 14 days elapsed accrue 14 × 1.50 = 21.00.
    expect(quotePayoff({ terms: case1, payments, payoffDate: '2023-02-15' })).toMatchObject({
      principal: '4227.32',
      interest: '21.00',
      total: '4248.32',
      perDiem: '1.50',
    });
  });
});
