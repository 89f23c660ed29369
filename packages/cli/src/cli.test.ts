import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const root = resolve(pkg, '../..');
const tsx = resolve(pkg, 'node_modules/.bin/tsx');
const mainTs = resolve(here, 'main.ts');

function run(args: string[], stdin = '', via: 'tsx' | 'pnpm' | 'bin' = 'tsx') {
  const [cmd, argv] =
    via === 'pnpm'
      ? ['pnpm', ['--silent', 'lending', ...args]]
      : via === 'bin'
        ? [process.execPath, [resolve(pkg, 'bin/lending.mjs'), ...args]]
        : [tsx, [mainTs, ...args]];
  const r = spawnSync(cmd, argv as string[], { cwd: root, input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const terms = {
  principal: '5000',
  annualRate: '12',
  startDate: '2022-11-01',
  payments: 18,
  frequency: 'monthly',
  firstDueDate: '2022-12-01',
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
};

describe('lending schedule', () => {
  it('prints the schedule contract for the reference case (via pnpm --silent lending, as documented)', () => {
    const r = run(['schedule'], JSON.stringify(terms), 'pnpm');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['installments', 'totals']);
    expect(out.installments).toHaveLength(18);
    expect(out.installments[0]).toEqual({
      number: 1,
      dueDate: '2022-12-01',
      principal: '255.00',
      interest: '50.00',
      total: '305.00',
      balance: '4745.00',
    });
    expect(out.installments[17]).toMatchObject({ total: '303.22', interest: '3.00', balance: '0.00' });
    expect(out.totals).toEqual({ principal: '5000.00', interest: '488.22', total: '5488.22' });
  });

  it('reads a file argument too, and --compact prints one line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lending-cli-')), 'terms.json');
    writeFileSync(file, JSON.stringify({ ...terms, installmentMultiple: '0.01' }));
    const r = run(['schedule', file, '--compact']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout).installments[0].total).toBe('304.91');
  });

  it.each([
    [{ ...terms, principal: '-5000' }, /principal: must not be negative/],
    [{ ...terms, principal: 'lots' }, /principal: must be the loan amount/],
    [{ ...terms, payments: 0 }, /payments: must be at least 1/],
    [{ ...terms, frequency: 'yearly' }, /frequency: must be one of monthly, quarterly, weekly, biweekly/],
    [{ ...terms, startDate: '2022-02-30' }, /startDate: is not a real calendar date/],
  ])('invalid terms: exit 2, the field named on stderr, nothing on stdout (%#)', (bad, message) => {
    const r = run(['schedule'], JSON.stringify(bad));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('invalid JSON or no input: exit 2, nothing on stdout', () => {
    for (const input of ['{ not json', '']) {
      const r = run(['schedule'], input);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/input:/);
    }
  });
});

describe('lending reamortize', () => {
  it('re-solves the installment over the installments left, from the actual balance, same maturity', () => {
    const r = run(['reamortize'], JSON.stringify({ terms, asOf: '2023-03-01', balance: '4000.00' }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Installments 1–4 fall due on or before asOf; 5–18 remain, ending on the original maturity.
    expect(out.installments.map((i: { number: number }) => i.number)).toEqual(
      Array.from({ length: 14 }, (_, k) => k + 5),
    );
    expect(out.installments[0]).toMatchObject({ dueDate: '2023-04-01', interest: '40.00', total: '308.00' });
    expect(out.installments.at(-1)).toMatchObject({ dueDate: '2024-05-01', balance: '0.00' });
    expect(out.totals.principal).toBe('4000.00');
  });

  it('names each bad field: exit 2, nothing on stdout', () => {
    const r = run(['reamortize'], JSON.stringify({ terms, asOf: '2023-13-01', balance: 'x' }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/asOf: is not a real calendar date/);
    expect(r.stderr).toMatch(/balance: must be the principal outstanding/);
  });
});

describe('lending payoff', () => {
  it('prints the payoff contract', () => {
    const payments = ['2022-12-01', '2023-01-01', '2023-02-01'].map((date) => ({ date, amount: '305.00' }));
    const r = run(['payoff'], JSON.stringify({ terms, payments, payoffDate: '2023-03-01' }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      principal: '4227.32',
      interest: '42.27',
      fees: '0.00',
      total: '4269.59',
      perDiem: '1.36',
      goodThrough: '2023-03-01',
    });
  });

  it('names nested fields: exit 2', () => {
    const r = run(['payoff'], JSON.stringify({ terms: { ...terms, payments: 0 }, payoffDate: '2023-13-01' }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/terms\.payments: must be at least 1/);
    expect(r.stderr).toMatch(/payoffDate: is not a real calendar date/);
  });

  it('works through the bin shim', () => {
    const r = run(['payoff', '--compact'], JSON.stringify({ terms, payoffDate: '2022-11-01' }), 'bin');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ principal: '5000.00', interest: '0.00', total: '5000.00' });
  });
});

describe('lending allocate', () => {
  it('says what each payment paid', () => {
    const r = run(['allocate'], JSON.stringify({ terms, payments: [{ date: '2022-12-01', amount: '305' }] }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).payments[0].applied[0]).toMatchObject({
      number: 1,
      interest: '50.00',
      principal: '255.00',
    });
  });
});

describe('lending apr', () => {
  it('cash flows as Appendix J states them: example (c)(1)(i) is 9.69 %', () => {
    const payments = Array.from({ length: 24 }, (_, k) => {
      const month = ((k + 1) % 12) + 1;
      const year = 1978 + Math.floor((k + 1) / 12);
      return { date: `${year}-${String(month).padStart(2, '0')}-10`, amount: '230.00' };
    });
    const r = run(
      ['apr'],
      JSON.stringify({ advances: [{ date: '1978-01-10', amount: '5000.00' }], payments }),
      'pnpm',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      apr: '9.6857',
      financeCharge: '520.00',
      amountFinanced: '5000.00',
      totalOfPayments: '5520.00',
    });
  });

  it('a loan with prepaid finance charges', () => {
    const r = run(['apr', '--compact'], JSON.stringify({ terms, prepaidFinanceCharges: '100.00' }));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      amountFinanced: '4900.00',
      totalOfPayments: '5488.22',
      financeCharge: '588.22',
    });
    expect(Number.parseFloat(out.apr)).toBeGreaterThan(12);
  });

  it('invalid input: exit 2, the field named, nothing on stdout', () => {
    const r = run(['apr'], JSON.stringify({ advances: [], payments: [{ date: '1978-02-30', amount: '1' }] }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/advances: must list at least one advance/);
    expect(r.stderr).toMatch(/payments\[0\]\.date: is not a real calendar date/);
  });
});

describe('usage', () => {
  it('no command: usage on stderr, exit 2', () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage: lending <command>/);
    expect(r.stderr).toMatch(/schedule/);
  });
  it('unknown command: exit 2', () => {
    const r = run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
  it('help: usage on stdout, exit 0', () => {
    expect(run(['help'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/payoff/) });
    expect(run(['help', 'payoff']).stdout).toMatch(/payoffDate/);
    expect(run(['schedule', '--help']).stdout).toMatch(/lending schedule/);
  });
  it('unknown option: exit 2', () => {
    const r = run(['schedule', '--nope'], JSON.stringify(terms));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
