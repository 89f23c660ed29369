import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { generateSchedule, type LoanTermsInput } from './index.ts';

const base = {
  principal: '10000',
  annualRate: '10',
  startDate: '2023-12-15',
  payments: 3,
  amortization: 'interest_only',
  interestPeriod: 'daily',
} satisfies LoanTermsInput;

const interest = (t: LoanTermsInput) => generateSchedule(t).installments.map((i) => i.interest);
const dues = (t: LoanTermsInput) => generateSchedule(t).installments.map((i) => i.dueDate);

describe('day counts across a leap year (daily interest, 10,000 at 10%, Dec 15 2023 → Mar 15 2024)', () => {
  // Periods: Dec 15–Jan 15 (31 days, 17 in 2023 + 14 in 2024), Jan 15–Feb 15 (31), Feb 15–Mar 15 (29, leap).
  it('actual/365 always divides by 365', () => {
    expect(interest({ ...base, dayCount: 'actual/365' })).toEqual(['84.93', '84.93', '79.45']);
  });
  it('actual/actual splits days by the length of their own year', () => {
    // 1000 × (17/365 + 14/366) = 84.826…; 1000 × 31/366 = 84.699…; 1000 × 29/366 = 79.234…
    expect(interest({ ...base, dayCount: 'actual/actual' })).toEqual(['84.83', '84.70', '79.23']);
  });
  it('actual/360', () => {
    expect(interest({ ...base, dayCount: 'actual/360' })).toEqual(['86.11', '86.11', '80.56']);
  });
  it('30/360 counts every whole month as 30 days', () => {
    expect(interest({ ...base, dayCount: '30/360' })).toEqual(['83.33', '83.33', '83.33']);
  });
  it('30/360 US end-of-month rules (Jan 31 → Feb 29 is 29 days, Feb 29 → Mar 31 is 30)', () => {
    const t = { ...base, startDate: '2024-01-31', dayCount: '30/360', annualRate: '36' } as const;
    // 10000 × 36% × 29/360 = 290.00; × 30/360 = 300.00; Mar 31 → Apr 30: 30 days.
    expect(interest(t)).toEqual(['290.00', '300.00', '300.00']);
  });
  it('repayment interest ignores the day count for regular periods', () => {
    for (const dayCount of ['30/360', 'actual/360', 'actual/365', 'actual/actual'] as const)
      expect(interest({ ...base, interestPeriod: 'repayment', dayCount })).toEqual([
        '83.33',
        '83.33',
        '83.33',
      ]);
  });
});

describe('due dates', () => {
  it('keep a month-end anchor day (Jan 31 → Feb 29 → Mar 31)', () => {
    expect(dues({ ...base, startDate: '2023-12-31', payments: 4 })).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
    expect(dues({ ...base, startDate: '2024-01-01', firstDueDate: '2024-01-31', payments: 3 })).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
  });
  it('a start on the 31st with the default first due date keeps day 31 after February', () => {
    expect(dues({ ...base, startDate: '2024-01-31', payments: 3 })).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
  });
  it('quarterly, weekly and biweekly', () => {
    expect(dues({ ...base, startDate: '2023-11-30', frequency: 'quarterly', payments: 3 })).toEqual([
      '2024-02-29',
      '2024-05-30',
      '2024-08-30',
    ]);
    expect(dues({ ...base, startDate: '2024-02-26', frequency: 'weekly', payments: 2 })).toEqual([
      '2024-03-04',
      '2024-03-11',
    ]);
    expect(dues({ ...base, startDate: '2024-02-26', frequency: 'biweekly', payments: 2 })).toEqual([
      '2024-03-11',
      '2024-03-25',
    ]);
  });
  it('match Temporal over a 30-year schedule', () => {
    const s = generateSchedule({ ...base, startDate: '2020-08-31', payments: 360 });
    const start = Temporal.PlainDate.from('2020-08-31');
    s.installments.forEach((i, k) => {
      expect(i.dueDate).toBe(start.add({ months: k + 1 }).toString());
    });
  });
});

describe('irregular first period', () => {
  const t = {
    principal: '12000',
    annualRate: '12',
    startDate: '2024-01-01',
    payments: 12,
    amortization: 'interest_only',
  } as const;
  it('repayment: a long first period is 1 + odd days ÷ the preceding month’s days', () => {
    // Feb 15 back one month = Jan 15; 14 odd days (Jan 1–15) over 31 days (Dec 15–Jan 15).
    // 12000 × 1% × (1 + 14/31) = 174.193…
    expect(interest({ ...t, firstDueDate: '2024-02-15' })[0]).toBe('174.19');
    expect(interest({ ...t, firstDueDate: '2024-02-15' })[1]).toBe('120.00');
  });
  it('repayment: a short first period is a fraction of a month', () => {
    // Jan 1–Jan 20 = 19 days of the 31-day Dec 20–Jan 20 month: 120 × 19/31 = 73.548…
    expect(interest({ ...t, firstDueDate: '2024-01-20' })[0]).toBe('73.55');
  });
  it('daily: the first period accrues for its actual days', () => {
    // 12000 × 12% × 45/365 = 177.534…
    expect(
      interest({ ...t, firstDueDate: '2024-02-15', interestPeriod: 'daily', dayCount: 'actual/365' })[0],
    ).toBe('177.53');
  });
  it('due dates roll from the given first due date', () => {
    expect(dues({ ...t, firstDueDate: '2024-02-15' }).slice(0, 3)).toEqual([
      '2024-02-15',
      '2024-03-15',
      '2024-04-15',
    ]);
  });
});

describe('amortization', () => {
  it('equal principal: principal ÷ payments rounded to cents, last takes the remainder', () => {
    const s = generateSchedule({
      principal: '1000',
      annualRate: '12',
      startDate: '2024-01-01',
      payments: 3,
      amortization: 'equal_principal',
    });
    expect(s.installments.map((i) => i.principal)).toEqual(['333.33', '333.33', '333.34']);
    expect(s.installments.map((i) => i.interest)).toEqual(['10.00', '6.67', '3.33']);
    expect(s.installmentAmount).toBeNull();
  });
  it('interest only: all principal with the last installment', () => {
    const s = generateSchedule({ ...base, interestPeriod: 'repayment' });
    expect(s.installments.map((i) => i.principal)).toEqual(['0.00', '0.00', '10000.00']);
    expect(s.installments.at(-1)?.total).toBe('10083.33');
  });
  it('balloon: installment over the amortization term, the rest at the last payment', () => {
    const s = generateSchedule({
      principal: '100000',
      annualRate: '6',
      startDate: '2024-01-01',
      payments: 12,
      amortizationPayments: 360,
    });
    expect(s.installmentAmount).toBe('599.55');
    expect(s.installments.slice(0, 11).every((i) => i.total === '599.55')).toBe(true);
    const last = s.installments.at(-1)!;
    const before = s.installments.at(-2)!;
    expect(last.principal).toBe(before.balance);
    expect(Number(last.total)).toBeGreaterThan(98000);
    expect(s.totals.principal).toBe('100000.00');
  });
  it('flat interest: principal × rate ÷ periods per year every period', () => {
    const s = generateSchedule({
      principal: '12000',
      annualRate: '12',
      startDate: '2024-01-01',
      payments: 12,
      interestMethod: 'flat',
    });
    expect(s.installmentAmount).toBe('1120.00');
    expect(s.installments.every((i) => i.interest === '120.00' && i.total === '1120.00')).toBe(true);
    expect(s.totals.interest).toBe('1440.00');
  });
  it('zero rate: level installments of principal ÷ payments, no interest', () => {
    const s = generateSchedule({ principal: '1000', annualRate: '0', startDate: '2024-01-01', payments: 3 });
    expect(s.installments.map((i) => i.total)).toEqual(['333.33', '333.33', '333.34']);
    expect(s.totals.interest).toBe('0.00');
    const d = generateSchedule({
      principal: '1000',
      annualRate: '0',
      startDate: '2024-01-01',
      payments: 3,
      interestPeriod: 'daily',
      amortization: 'equal_principal',
    });
    expect(d.totals).toEqual({ principal: '1000.00', interest: '0.00', total: '1000.00' });
  });
});

describe('rounding', () => {
  // 120 × 4.25% ÷ 12 = 0.425 exactly: the tie decides.
  const t = { principal: '120', annualRate: '4.25', startDate: '2024-01-01', payments: 1 } as const;
  it('half_even rounds a tie to the even cent', () => {
    expect(interest({ ...t, rounding: 'half_even' })).toEqual(['0.42']);
  });
  it('half_up rounds a tie up', () => {
    expect(interest({ ...t, rounding: 'half_up' })).toEqual(['0.43']);
  });
  it('the installment multiple rounds the level installment with the configured mode', () => {
    // PMT(1%, 18, 5000) = 304.91 → 305 (multiple 1), 305 (multiple 5), 300 (multiple 10)
    const s = (m: string) =>
      generateSchedule({
        principal: '5000',
        annualRate: '12',
        startDate: '2022-11-01',
        payments: 18,
        installmentMultiple: m,
      }).installmentAmount;
    expect(s('1')).toBe('305.00');
    expect(s('5')).toBe('305.00');
    expect(s('10')).toBe('300.00');
    expect(s('0.05')).toBe('304.90');
  });
});

describe('grace', () => {
  const t = { principal: '12000', annualRate: '12', startDate: '2024-01-01', payments: 12 } as const;
  it('principal grace: interest only for N installments, level installment over the rest', () => {
    const s = generateSchedule({ ...t, principalGrace: 3 });
    expect(s.installments.slice(0, 3).map((i) => [i.principal, i.interest])).toEqual([
      ['0.00', '120.00'],
      ['0.00', '120.00'],
      ['0.00', '120.00'],
    ]);
    // PMT(1%, 9, 12000) = 120 ÷ (1 − 1.01^−9) = 1400.878…
    expect(s.installmentAmount).toBe('1400.88');
    expect(s.installments[3]?.total).toBe('1400.88');
    expect(s.totals.principal).toBe('12000.00');
  });
  it('interest grace: the first N installments’ interest is added to installment N+1', () => {
    const s = generateSchedule({ ...t, principalGrace: 2, interestGrace: 2 });
    expect(s.installments.slice(0, 2).map((i) => i.total)).toEqual(['0.00', '0.00']);
    expect(s.installments[2]?.interest).toBe('360.00');
    expect(s.totals.interest).toBe(
      generateSchedule({ ...t, principalGrace: 2 }).totals.interest, // same interest, due later
    );
  });
});

describe('draws (construction loan)', () => {
  const t = {
    principal: '100000',
    annualRate: '12',
    startDate: '2024-01-01',
    payments: 6,
    amortization: 'interest_only',
    interestPeriod: 'daily',
    dayCount: 'actual/360',
    draws: [
      { date: '2024-02-10', amount: '30000' },
      { date: '2024-01-01', amount: '40000' },
    ],
  } as const;
  it('accrues interest only on disbursed funds from each draw’s date', () => {
    const s = generateSchedule(t);
    // Jan: 40000 × 12% × 31/360 = 413.33; Feb: 40000 × 12% × 9/360 + 70000 × 12% × 20/360 = 586.67
    expect(s.installments.slice(0, 2).map((i) => i.interest)).toEqual(['413.33', '586.67']);
    expect(s.installments[1]?.balance).toBe('70000.00');
    expect(s.totals.principal).toBe('70000.00');
    expect(s.disbursed).toBe('70000.00');
  });
  it('a first draw after the start date accrues nothing before it', () => {
    const s = generateSchedule({ ...t, draws: [{ date: '2024-01-16', amount: '36000' }] });
    // 36000 × 12% × 16/360 = 192.00
    expect(s.installments[0]?.interest).toBe('192.00');
  });
  it('the level installment is computed from the commitment', () => {
    const s = generateSchedule({ ...t, amortization: 'equal_installments', interestPeriod: 'repayment' });
    expect(s.installmentAmount).toBe(
      generateSchedule({ principal: '100000', annualRate: '12', startDate: '2024-01-01', payments: 6 })
        .installmentAmount,
    );
    expect(s.totals.principal).toBe('70000.00');
  });
});
