import Decimal from 'decimal.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { allocatePayments, generateSchedule, type LoanTermsInput, quotePayoff } from './index.ts';

const terms = {
  principal: '5000',
  annualRate: '12',
  startDate: '2022-11-01',
  payments: 18,
  installmentMultiple: '1',
} satisfies LoanTermsInput;
const onTime = ['2022-12-01', '2023-01-01', '2023-02-01'].map((date) => ({ date, amount: '305.00' }));

describe('payment allocation', () => {
  it('an on-time payment pays its installment’s interest, then principal', () => {
    const a = allocatePayments({ terms, payments: onTime });
    expect(a.payments[0]?.applied).toEqual([
      { number: 1, penalties: '0.00', fees: '0.00', interest: '50.00', principal: '255.00' },
    ]);
    expect(a.installments.slice(0, 3).map((i) => [i.status, i.paidOn])).toEqual([
      ['paid', '2022-12-01'],
      ['paid', '2023-01-01'],
      ['paid', '2023-02-01'],
    ]);
    expect(a.installments[3]?.status).toBe('unpaid');
    expect(a.totals.principalOutstanding).toBe('4227.32');
  });

  it('a partial payment pays interest first; the next payment finishes the oldest installment', () => {
    const a = allocatePayments({
      terms,
      payments: [
        { date: '2022-12-03', amount: '100' },
        { date: '2023-01-02', amount: '510' },
      ],
    });
    expect(a.payments[0]?.applied).toEqual([
      { number: 1, penalties: '0.00', fees: '0.00', interest: '50.00', principal: '50.00' },
    ]);
    expect(a.payments[1]?.applied).toEqual([
      { number: 1, penalties: '0.00', fees: '0.00', interest: '0.00', principal: '205.00' },
      { number: 2, penalties: '0.00', fees: '0.00', interest: '47.45', principal: '257.55' },
    ]);
    expect(a.installments[0]?.paidOn).toBe('2023-01-02');
  });

  it('waterfallBy component pays all interest before any principal', () => {
    const payments = [{ date: '2023-01-05', amount: '200' }];
    const byInstallment = allocatePayments({ terms, payments });
    const byComponent = allocatePayments({ terms, payments, waterfallBy: 'component' });
    expect(byInstallment.payments[0]?.applied.map((l) => [l.number, l.interest, l.principal])).toEqual([
      [1, '50.00', '150.00'],
    ]);
    expect(byComponent.payments[0]?.applied.map((l) => [l.number, l.interest, l.principal])).toEqual([
      [1, '50.00', '102.55'],
      [2, '47.45', '0.00'],
    ]);
  });

  it('a custom waterfall order (principal before interest)', () => {
    const a = allocatePayments({
      terms,
      payments: [{ date: '2022-12-01', amount: '300' }],
      waterfall: ['principal', 'interest', 'fees', 'penalties'],
    });
    expect(a.payments[0]?.applied[0]).toMatchObject({ principal: '255.00', interest: '45.00' });
  });

  it('a payment before the due date pays the next installment; more is an over-payment that shortens the loan', () => {
    const a = allocatePayments({ terms, payments: [...onTime, { date: '2023-02-20', amount: '1500' }] });
    const last = a.payments.at(-1)!;
    expect(last.applied).toEqual([
      { number: 4, penalties: '0.00', fees: '0.00', interest: '42.27', principal: '262.73' },
    ]);
    expect(last.principalReduction).toBe('1195.00');
    // Installment 5 is recomputed on 3964.59 − 1195.00 = 2769.59: interest 27.70, same 305.00 total.
    expect(a.installments[4]).toMatchObject({ principal: '277.30', interest: '27.70' });
    expect(a.installments.at(-1)?.principal).toBe('0.00'); // paid off before the original maturity
    expect(a.totals.principalOutstanding).toBe('2769.59');
    const q = quotePayoff({
      terms,
      payments: [...onTime, { date: '2023-02-20', amount: '1500' }],
      payoffDate: '2023-04-01',
    });
    // Interest accrues on the principal actually outstanding: installment 4's period (Feb 1 → Mar 1,
    // 28 days) on 4227.32 for 19 days and on 2769.59 for 9 days = 37.59; installment 5's on
    // 2769.59 = 27.70; less the 42.27 paid ahead with installment 4: 23.02.
    expect(q).toMatchObject({ principal: '2769.59', interest: '23.02', total: '2792.61' });
  });

  it('money left when nothing more is owed is unapplied', () => {
    const s = generateSchedule(terms);
    const payments = s.installments.map((i) => ({ date: i.dueDate, amount: i.total }));
    payments.push({ date: '2024-06-01', amount: '10.00' });
    const a = allocatePayments({ terms, payments });
    expect(a.totals.unapplied).toBe('10.00');
    expect(a.totals.principalOutstanding).toBe('0.00');
  });

  it('fees and late fees are paid before interest', () => {
    const withLateFee = { ...terms, lateFee: { percent: '5', minimum: '20', maximum: '100', graceDays: 10 } };
    const a = allocatePayments({
      terms: withLateFee,
      fees: [{ date: '2022-11-15', amount: '35.00', description: 'wire fee' }],
      payments: [{ date: '2022-12-20', amount: '400' }],
    });
    // Late fee: installment 1 unpaid after Dec 11 → 5% of 305.00 = 15.25 → minimum 20.00.
    expect(a.payments[0]?.applied[0]).toEqual({
      number: 1,
      penalties: '20.00',
      fees: '35.00',
      interest: '50.00',
      principal: '255.00',
    });
    expect(a.payments[0]?.applied[1]).toMatchObject({ number: 2, interest: '40.00', principal: '0.00' });
  });
});

describe('payoff quote', () => {
  it('with nothing paid: past-due interest plus the current period’s accrued interest', () => {
    // Every period accrues on the 5,000 actually outstanding (the missed principal keeps bearing
    // interest): Nov, Dec, Jan 50.00 each, then 14 days × the per diem 5000 × 1% ÷ 28 = 1.7857…
    // rounded down to 1.78: 24.92; total 174.92.
    expect(quotePayoff({ terms, payoffDate: '2023-02-15' })).toMatchObject({
      principal: '5000.00',
      interest: '174.92',
      perDiem: '1.78',
    });
  });
  it('the per diem is what one more day adds, with installments paid or missed', () => {
    const paid = ['2022-12-01', '2023-01-01'].map((date) => ({ date, amount: '305.00' }));
    for (const payments of [[], paid]) {
      for (const day of ['2022-12-10', '2023-01-20', '2023-02-15']) {
        const today = quotePayoff({ terms, payments, payoffDate: day });
        const next = Temporal.PlainDate.from(day).add({ days: 1 }).toString();
        const added = new Decimal(quotePayoff({ terms, payments, payoffDate: next }).total).minus(
          today.total,
        );
        expect(added.toFixed(2), `${day} after ${payments.length} payments`).toBe(today.perDiem);
      }
    }
  });
  it('on the start date nothing has accrued', () => {
    expect(quotePayoff({ terms, payoffDate: '2022-11-01' })).toMatchObject({
      interest: '0.00',
      total: '5000.00',
    });
  });
  it('after maturity interest accrues day by day on the outstanding principal (day count)', () => {
    // 18 periods on the 5,000 never repaid (50.00 each) + May 1 → Jun 1: 31 days × the per diem
    // 5000 × 12% ÷ 365 = 1.6438… → 1.64: 50.84.
    expect(quotePayoff({ terms, payoffDate: '2024-06-01' })).toMatchObject({
      principal: '5000.00',
      interest: '950.84',
      perDiem: '1.64',
    });
  });
  it('daily interest: balance × rate × day-count fraction from the period start', () => {
    const t = { ...terms, interestPeriod: 'daily', dayCount: 'actual/360' } as const;
    // per diem 5000 × 12% / 360 = 1.666… → 1.66 (rounded down); 10 days: 16.60
    expect(quotePayoff({ terms: t, payoffDate: '2022-11-11' })).toMatchObject({
      interest: '16.60',
      perDiem: '1.66',
    });
  });
  it('unpaid fees and late fees are in the quote', () => {
    const t = { ...terms, lateFee: { percent: '5', graceDays: 10 } };
    const q = quotePayoff({
      terms: t,
      payoffDate: '2023-01-15',
      fees: [{ date: '2022-11-15', amount: '35.00' }],
    });
    // late fees: installments 1 (Dec 12) and 2 (Jan 12), 5% of 305.00 = 15.25 each
    expect(q.fees).toBe('65.50');
    const r = quotePayoff({ terms: t, payoffDate: '2023-01-15' });
    expect(r.fees).toBe('30.50');
    expect(new Decimal(q.total).minus(r.total).toFixed(2)).toBe('35.00');
  });
  it('payments after the payoff date are ignored', () => {
    const a = quotePayoff({ terms, payments: onTime, payoffDate: '2023-01-15' });
    const b = quotePayoff({ terms, payments: onTime.slice(0, 2), payoffDate: '2023-01-15' });
    expect(a).toEqual(b);
  });
  it('construction loan: only disbursed principal by the payoff date', () => {
    const t = {
      principal: '100000',
      annualRate: '12',
      startDate: '2024-01-01',
      payments: 6,
      amortization: 'interest_only',
      interestPeriod: 'daily',
      dayCount: 'actual/360',
      draws: [
        { date: '2024-01-01', amount: '40000' },
        { date: '2024-02-10', amount: '30000' },
      ],
    } satisfies LoanTermsInput;
    // Jan 413.33 (the whole period, due Feb 1) + Feb 1–10: 9 days × 13.33 on 40000 (119.97) +
    // Feb 10–15: 5 days × 23.33 on 70000 (116.65) = 649.95
    expect(quotePayoff({ terms: t, payoffDate: '2024-02-15' })).toMatchObject({
      principal: '70000.00',
      interest: '649.95',
      perDiem: '23.33',
    });
    expect(quotePayoff({ terms: t, payoffDate: '2024-02-05' })).toMatchObject({ principal: '40000.00' });
  });
});
