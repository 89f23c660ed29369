/**
 * Loan-math benchmark (not a test): prints
 *  - the median (and p95) time to generate a 360-installment schedule, validation and string
 *    output included, for a few settings;
 *  - the median time of a payoff quote on a 360-installment loan with 300 recorded payments;
 *  - the median time of an APR (Regulation Z, Appendix J): 360 payments as cash flows, and a
 *    loan with points (its schedule included);
 *  - loans per second generating schedules for 100,000 random loans on one core (this process
 *    is single-threaded).
 *
 * Run: pnpm --filter @lending/bench bench:loan-math   (or: cd bench && pnpm bench:loan-math)
 * Options: --loans N (default 100000), --iterations N (default 3000)
 */
import { parseArgs } from 'node:util';
import { computeApr, generateSchedule, type LoanTermsInput, quotePayoff } from '@lending/loan-math';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const { values } = parseArgs({
  args: argv,
  allowPositionals: true, // tolerate the '--' pnpm passes through
  options: {
    loans: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '3000' },
  },
});
const LOANS = Number(values.loans);
const ITERATIONS = Number(values.iterations);

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Times `run`, prints median and p95, returns the median in ms. */
function time(label: string, run: () => unknown, iterations = ITERATIONS): number {
  for (let i = 0; i < 300; i++) run(); // warm-up (JIT)
  const times: number[] = new Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    run();
    times[i] = performance.now() - t0;
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  console.log(
    `${label.padEnd(58)} median ${median.toFixed(3)} ms   p95 ${percentile(times, 95).toFixed(3)} ms`,
  );
  return median;
}

const timeSchedule = (label: string, terms: LoanTermsInput) => time(label, () => generateSchedule(terms));

// Deterministic pseudo-random numbers (mulberry32), so every run times the same loans.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomLoans(n: number, seed = 42): LoanTermsInput[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const loans: LoanTermsInput[] = [];
  for (let i = 0; i < n; i++) {
    const cents = 1_000_00 + Math.floor(r() * 2_000_000_00);
    const frequency = pick(['monthly', 'monthly', 'monthly', 'quarterly', 'weekly', 'biweekly'] as const);
    const payments =
      frequency === 'monthly'
        ? pick([12, 24, 36, 60, 120, 180, 240, 360])
        : frequency === 'quarterly'
          ? pick([4, 8, 20, 40])
          : pick([26, 52, 104]);
    const y = 2015 + Math.floor(r() * 15);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    loans.push({
      principal: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      annualRate: (Math.floor(r() * 15000) / 1000).toString(),
      startDate: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      payments,
      frequency,
      interestMethod: pick(['declining_balance', 'declining_balance', 'declining_balance', 'flat'] as const),
      amortization: pick([
        'equal_installments',
        'equal_installments',
        'equal_principal',
        'interest_only',
      ] as const),
      dayCount: pick(['30/360', 'actual/360', 'actual/365', 'actual/actual'] as const),
      interestPeriod: pick(['repayment', 'daily'] as const),
      rounding: pick(['half_even', 'half_up'] as const),
      installmentMultiple: pick(['0.01', '0.01', '1'] as const),
    });
  }
  return loans;
}

const mortgage = {
  principal: '180000',
  annualRate: '4.25',
  startDate: '2020-01-01',
  payments: 360,
} satisfies LoanTermsInput;

console.log(`loan-math benchmark — Node ${process.version}, ${ITERATIONS} timed runs each`);
console.log('\n360-installment schedule (validation + computation + string output):');
const scheduleMedian = timeSchedule('180,000 @ 4.25%, monthly, repayment interest', mortgage);
timeSchedule('same, daily interest, actual/actual', {
  ...mortgage,
  interestPeriod: 'daily',
  dayCount: 'actual/actual',
});
timeSchedule('same, daily interest, 30/360, equal principal', {
  ...mortgage,
  interestPeriod: 'daily',
  dayCount: '30/360',
  amortization: 'equal_principal',
});

timeSchedule('same, irregular first period (level), rate change', {
  ...mortgage,
  firstDueDate: '2020-02-20',
  rateChanges: [{ from: '2025-01-01', annualRate: '6.5' }],
});

// Payoff: 300 of the 360 installments paid, a few late and one short, quoted mid-period.
const schedule = generateSchedule(mortgage);
const recorded = schedule.installments.slice(0, 300).map((i, k) => ({
  date: k % 37 === 5 ? shiftDays(i.dueDate, 9) : i.dueDate,
  amount: k === 120 ? '500.00' : i.total,
}));
function shiftDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10); // bench input only
}
console.log('\nPayoff quote, 360 installments, 300 recorded payments (validation included):');
const payoffMedian = time('quote on a day inside installment 302’s period', () =>
  quotePayoff({ terms: mortgage, payments: recorded, payoffDate: '2045-02-14' }),
);

console.log('\nAPR (Regulation Z, Appendix J; validation included):');
const flows = {
  advances: [{ date: '2020-01-01', amount: '176400.00' }],
  payments: schedule.installments.map((i) => ({ date: i.dueDate, amount: i.total })),
};
const aprMedian = time('360 monthly payments as cash flows', () => computeApr(flows));
time('a loan with 2 points (its 360-installment schedule included)', () =>
  computeApr({ terms: { ...mortgage, originationPoints: '2' } }),
);

const loans = randomLoans(LOANS);
const totalInstallments = loans.reduce((a, l) => a + l.payments, 0);
for (let i = 0; i < Math.min(2000, loans.length); i++) generateSchedule(loans[i]!); // warm-up
const t0 = performance.now();
let check = 0;
for (const l of loans) check += generateSchedule(l).installments.length;
const seconds = (performance.now() - t0) / 1000;
if (check !== totalInstallments) throw new Error('installment count mismatch');
console.log(
  `\n${LOANS.toLocaleString('en-US')} random loans (${totalInstallments.toLocaleString('en-US')} installments, mean ${(totalInstallments / LOANS).toFixed(0)} per loan) on one core:`,
);
console.log(
  `  ${seconds.toFixed(2)} s — ${Math.round(LOANS / seconds).toLocaleString('en-US')} loans/second, ${Math.round(totalInstallments / seconds).toLocaleString('en-US')} installments/second`,
);
console.log(
  `\nloan math: schedule ${scheduleMedian.toFixed(3)} ms, payoff ${payoffMedian.toFixed(3)} ms, apr ${aprMedian.toFixed(3)} ms`,
);
