import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { computeApr, generateSchedule, type LoanTermsInput } from './index.ts';

/** Dates of `count` payments every `months` months from `first` (same day of month). */
function monthly(first: string, count: number, amount: string, months = 1) {
  const d = Temporal.PlainDate.from(first);
  return Array.from({ length: count }, (_, k) => ({
    date: d.add({ months: k * months }).toString(),
    amount,
  }));
}
function everyDays(first: string, count: number, amount: string, days: number) {
  const d = Temporal.PlainDate.from(first);
  return Array.from({ length: count }, (_, k) => ({ date: d.add({ days: k * days }).toString(), amount }));
}
/** The 1st and the 16th of each month from March 1, 1978. */
function semimonthly(count: number, amount: string) {
  return Array.from({ length: count }, (_, k) => {
    const month = Temporal.PlainDate.from('1978-03-01').add({ months: Math.floor(k / 2) });
    return { date: month.with({ day: k % 2 === 0 ? 1 : 16 }).toString(), amount };
  });
}
/** Appendix J states its APRs to two decimals: ours, to four, must round to them. */
const toTwo = (apr: string) => Number.parseFloat(apr).toFixed(2);

// 12 CFR 1026 Appendix J (c), "Examples for the actuarial method": the inputs and the APRs as
// the appendix publishes them (transcribed from the public test suite of
// simontreanor/FSharp.Finance.Personal, tests/AprUsActuarialTests.fs, which quotes Appendix J).
describe('APR: the worked examples of Regulation Z, Appendix J (c)', () => {
  const cases: [string, { date: string; amount: string }[], { date: string; amount: string }[], string][] = [
    [
      '(c)(1)(i) monthly, regular first period',
      [{ date: '1978-01-10', amount: '5000' }],
      monthly('1978-02-10', 24, '230'),
      '9.69',
    ],
    [
      '(c)(1)(ii) monthly, long first period',
      [{ date: '1978-02-10', amount: '6000' }],
      monthly('1978-04-01', 36, '200'),
      '11.82',
    ],
    [
      '(c)(1)(iii) semimonthly, short first period',
      [{ date: '1978-02-23', amount: '5000' }],
      semimonthly(24, '219.17'),
      '10.34',
    ],
    [
      '(c)(1)(iv) quarterly, long first period',
      [{ date: '1978-05-23', amount: '10000' }],
      monthly('1978-10-01', 40, '385', 3),
      '8.97',
    ],
    [
      '(c)(1)(v) weekly, long first period',
      [{ date: '1978-03-20', amount: '500' }],
      everyDays('1978-04-21', 30, '17.60', 7),
      '14.96',
    ],
    [
      '(c)(2)(i) monthly, odd first payment',
      [{ date: '1978-01-10', amount: '5000' }],
      [{ date: '1978-02-10', amount: '250' }, ...monthly('1978-03-10', 23, '230')],
      '10.08',
    ],
    [
      '(c)(2)(ii) every 4 weeks, long first period, odd first payment',
      [{ date: '1978-03-18', amount: '400' }],
      [{ date: '1978-04-20', amount: '39.50' }, ...everyDays('1978-05-18', 11, '38.31', 28)],
      '28.50',
    ],
    [
      '(c)(3)(i) monthly, odd final payment',
      [{ date: '1978-01-10', amount: '5000' }],
      [...monthly('1978-02-10', 23, '230'), { date: '1980-01-10', amount: '280' }],
      '10.50',
    ],
    [
      '(c)(3)(ii) every 2 weeks, short first period, odd final payment',
      [{ date: '1978-04-03', amount: '200' }],
      [...everyDays('1978-04-11', 19, '9.50', 14), { date: '1979-01-02', amount: '30' }],
      '12.22',
    ],
    [
      '(c)(4)(i) monthly, odd first and final payments',
      [{ date: '1978-01-10', amount: '5000' }],
      [
        { date: '1978-02-10', amount: '250' },
        ...monthly('1978-03-10', 22, '230'),
        { date: '1980-01-10', amount: '280' },
      ],
      '10.90',
    ],
    [
      '(c)(4)(ii) every 2 months, short first period, odd first and final payments',
      [{ date: '1978-01-10', amount: '8000' }],
      [
        { date: '1978-03-01', amount: '449.36' },
        ...monthly('1978-05-01', 18, '465', 2),
        { date: '1981-05-01', amount: '200' },
      ],
      '7.30',
    ],
    [
      '(c)(5)(i) single advance, single payment, term in days',
      [{ date: '1978-01-03', amount: '1000' }],
      [{ date: '1978-09-15', amount: '1080' }],
      '11.45',
    ],
  ];
  for (const [name, advances, payments, published] of cases)
    it(name, () => {
      const r = computeApr({ advances, payments });
      expect(toTwo(r.apr)).toBe(published);
      expect(r.apr).toMatch(/^\d+\.\d{4}$/);
    });

  it('(c)(1)(i) in full: 9.6857 %, finance charge 520.00 on 5,000.00 financed', () => {
    expect(
      computeApr({
        advances: [{ date: '1978-01-10', amount: '5000' }],
        payments: monthly('1978-02-10', 24, '230'),
      }),
    ).toEqual({
      apr: '9.6857',
      financeCharge: '520.00',
      amountFinanced: '5000.00',
      totalOfPayments: '5520.00',
      unitPeriod: 'month',
    });
  });

  it('determines the unit-period from the payments when none is given', () => {
    expect(
      computeApr({ advances: [{ date: '1978-02-23', amount: '5000' }], payments: semimonthly(24, '219.17') })
        .unitPeriod,
    ).toBe('semimonth');
    expect(
      computeApr({
        advances: [{ date: '1978-03-20', amount: '500' }],
        payments: everyDays('1978-04-21', 30, '17.60', 7),
      }).unitPeriod,
    ).toBe('week');
  });

  it('several advances (a construction loan) are discounted like the payments', () => {
    // Two advances, interest-only then a balloon: the APR is the rate that balances them.
    const r = computeApr({
      advances: [
        { date: '2024-01-01', amount: '40000' },
        { date: '2024-03-01', amount: '60000' },
      ],
      payments: [...monthly('2024-02-01', 11, '1000'), { date: '2025-01-01', amount: '100000' }],
    });
    expect(Number.parseFloat(r.apr)).toBeGreaterThan(10);
    expect(r.amountFinanced).toBe('100000.00');
  });
});

/** Independent IRR by bisection in binary floating point (test oracle only). */
function irrMonthly(amount: number, payments: number[]): number {
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    let pv = 0;
    payments.forEach((p, j) => {
      pv += p / (1 + mid) ** (j + 1);
    });
    if (pv > amount) lo = mid;
    else hi = mid;
  }
  return ((lo + hi) / 2) * 12 * 100;
}

describe('APR of a loan', () => {
  it('equals an independent IRR of its schedule for regular monthly loans', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000_00, max: 2_000_000_00 }),
        fc.integer({ min: 0, max: 25_000 }),
        fc.integer({ min: 2, max: 360 }),
        fc.integer({ min: 0, max: 300 }),
        (cents, rateThousandths, n, pointsHundredths) => {
          const terms: LoanTermsInput = {
            principal: (cents / 100).toFixed(2),
            annualRate: (rateThousandths / 1000).toString(),
            startDate: '2024-01-15',
            payments: n,
            originationPoints: (pointsHundredths / 100).toString(),
          };
          const r = computeApr({ terms });
          const s = generateSchedule(terms);
          const financed = Number.parseFloat(r.amountFinanced);
          const oracle = irrMonthly(
            financed,
            s.installments.map((i) => Number.parseFloat(i.total)),
          );
          expect(Math.abs(Number.parseFloat(r.apr) - oracle)).toBeLessThan(0.00006);
          expect(r.totalOfPayments).toBe(s.totals.total);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('points and fees raise the APR above the note rate; prepaidFinanceCharges overrides them', () => {
    const terms = { principal: '100000', annualRate: '10', startDate: '2024-01-15', payments: 12 } as const;
    const plain = computeApr({ terms });
    expect(plain.apr).toBe('10.0000');
    const withFees = computeApr({ terms: { ...terms, originationPoints: '2', originationFee: '995' } });
    expect(withFees.amountFinanced).toBe('97005.00');
    expect(Number.parseFloat(withFees.apr)).toBeGreaterThan(15);
    expect(computeApr({ terms, prepaidFinanceCharges: '2995.00' })).toEqual(withFees);
  });

  it('an irregular first period counts its odd days (prepaid interest is a finance charge)', () => {
    const terms = {
      principal: '100000',
      annualRate: '9',
      startDate: '2024-11-25',
      firstDueDate: '2025-01-31',
      payments: 24,
    } as const;
    for (const oddFirstPeriod of ['level', 'accrue', 'prepaid'] as const) {
      const r = computeApr({ terms: { ...terms, oddFirstPeriod } });
      // Interest is 9 % on every day in each treatment; the APR differs from it only by rounding.
      expect(Math.abs(Number.parseFloat(r.apr) - 9)).toBeLessThan(0.05);
    }
    const prepaid = computeApr({ terms: { ...terms, oddFirstPeriod: 'prepaid' } });
    expect(Number.parseFloat(prepaid.amountFinanced)).toBeLessThan(100000);
  });

  it('refuses payments before the first advance', () => {
    expect(() =>
      computeApr({
        advances: [{ date: '2024-01-10', amount: '100' }],
        payments: [{ date: '2024-01-01', amount: '110' }],
      }),
    ).toThrow(/payments\[0\]\.date: must be after the first advance 2024-01-10/);
  });
});
