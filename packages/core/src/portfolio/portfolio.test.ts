/** The portfolio dashboard: figures from the ledger and the schedule, per organization. */
import Decimal from 'decimal.js';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApplicationInput } from '../applications/applications.inputs.ts';
import { saveApplication } from '../applications/applications.ts';
import * as schema from '../db/schema/index.ts';
import { todayUtc } from '../offers/terms.ts';
import {
  chargeOff,
  markDefault,
  postPayoff,
  quoteLoanPayoff,
  recordPayment,
  reversePayment,
  type ServicingActor,
} from '../servicing/payments.ts';
import { makeApplication, makeBorrower, makeOrganization, makeProduct } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { listPortfolioLoans, type PortfolioDashboard, portfolioDashboard } from './portfolio.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

/** Pays the first `count` installments of a loan in full, each on its due date (as interest). */
async function payInstallments(loanId: string, organizationId: string, count: number) {
  const installments = await db
    .select()
    .from(schema.loanInstallments)
    .where(eq(schema.loanInstallments.loanId, loanId))
    .orderBy(asc(schema.loanInstallments.number));
  for (const i of installments.slice(0, count)) {
    await db.insert(schema.ledgerEntries).values({
      organizationId,
      loanId,
      kind: 'payment',
      effectiveDate: i.dueDate,
      amount: i.total,
      principal: new Decimal(i.principal).neg().toFixed(2),
      interest: new Decimal(i.interest).neg().toFixed(2),
      idempotencyKey: `test-payment-${loanId}-${i.number}`,
    });
  }
  return installments;
}

describe('portfolioDashboard', () => {
  it('buckets loans by days past due, weights rate and LTV by unpaid principal, and counts only its organization', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const product = await makeProduct(db, org);
    const fund = () =>
      makeApplication(db, org, borrower, { stage: 'funded', productId: product.id, fundedOn: '2026-01-15' });

    // Installments fall due on the 15th; as of 2026-06-20 five are due (Feb to Jun).
    const asOf = '2026-06-20';
    const paidCounts = [5, 4, 3, 2, 0]; // current, 1-29 (5 days), 30-59 (36), 60-89 (66), 90+ (125)
    const made: {
      loan: typeof schema.loans.$inferSelect;
      installments: (typeof schema.loanInstallments.$inferSelect)[];
    }[] = [];
    for (const paid of paidCounts) {
      const { loan } = await fund();
      made.push({ loan: loan!, installments: await payInstallments(loan!.id, org.id, paid) });
    }
    const { loan: paidOff } = await fund();
    await db.update(schema.loans).set({ status: 'paid_off' }).where(eq(schema.loans.id, paidOff!.id));
    await makeApplication(db, org, borrower, { stage: 'submitted', productId: product.id });

    // Another organization's loan is never counted.
    const other = await makeOrganization(db);
    await makeApplication(db, other, await makeBorrower(db, other), {
      stage: 'funded',
      fundedOn: '2026-01-15',
    });

    const d = await portfolioDashboard(db, org.id, { asOf });
    expect(d.asOf).toBe(asOf);
    expect(d.openLoans).toBe(5);
    const upb = made.reduce(
      (sum, m, k) =>
        sum
          .plus(m.loan.principal)
          .plus(
            m.installments.slice(0, paidCounts[k]).reduce((s, i) => s.minus(i.principal), new Decimal(0)),
          ),
      new Decimal(0),
    );
    expect(d.unpaidPrincipal).toBe(upb.toFixed(2));
    expect(d.weightedAverageRatePercent).toBe('11.5000');
    expect(d.weightedLtvPercent).not.toBeNull();
    expect(Number(d.weightedLtvPercent)).toBeGreaterThan(60);
    expect(Number(d.weightedLtvPercent)).toBeLessThan(72);
    expect(d.delinquency.map((b) => [b.bucket, b.loans])).toEqual([
      ['current', 1],
      ['1-29', 1],
      ['30-59', 1],
      ['60-89', 1],
      ['90+', 1],
    ]);
    expect(d.loansByStatus).toEqual([
      { status: 'active', loans: 5 },
      { status: 'paid_off', loans: 1 },
      { status: 'defaulted', loans: 0 },
      { status: 'charged_off', loans: 0 },
    ]);

    // Maturity: 12 monthly payments from 2026-01-15 mature in 2027-01, within the next 12 months.
    expect(d.maturityLadder[0]!.period).toBe('matured');
    expect(d.maturityLadder.at(-1)!.period).toBe('later');
    expect(d.maturityLadder).toHaveLength(14);
    const maturing = d.maturityLadder.find((r) => r.period === made[0]!.loan.maturityDate.slice(0, 7));
    expect(maturing?.loans).toBe(5);

    // Expected vs collected: 12 months ending with the as-of month.
    expect(d.expectedVsCollected).toHaveLength(12);
    expect(d.expectedVsCollected.at(-1)!.month).toBe('2026-06');
    const feb = d.expectedVsCollected.find((m) => m.month === '2026-02')!;
    const firstTotal = new Decimal(made[0]!.installments[0]!.total);
    // Expected counts every funded loan of the organization (the paid-off one too).
    expect(feb.expected).toBe(firstTotal.times(6).toFixed(2));
    expect(feb.collected).toBe(firstTotal.times(4).toFixed(2));
    const june = d.expectedVsCollected.at(-1)!;
    expect(june.collected).toBe(new Decimal(made[0]!.installments[4]!.total).toFixed(2));

    // The pipeline: applications by current stage (drafts are not part of it).
    expect(d.pipeline.find((s) => s.stage === 'funded')?.applications).toBe(6);
    expect(d.pipeline.find((s) => s.stage === 'submitted')?.applications).toBe(1);
    expect(d.pipeline.map((s) => s.stage)).toEqual([
      'submitted',
      'in_review',
      'offered',
      'accepted',
      'approved',
      'funded',
    ]);
  });

  it('follows a reversal: the payment no longer counts as collected and the loan falls behind', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { loan } = await makeApplication(db, org, borrower, { stage: 'funded', fundedOn: '2026-01-15' });
    const installments = await payInstallments(loan!.id, org.id, 5);
    const asOf = '2026-06-20';
    const before = await portfolioDashboard(db, org.id, { asOf });
    expect(before.delinquency.find((b) => b.bucket === 'current')?.loans).toBe(1);
    const [june] = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.idempotencyKey, `test-payment-${loan!.id}-5`));
    await db.insert(schema.ledgerEntries).values({
      organizationId: org.id,
      loanId: loan!.id,
      kind: 'reversal',
      effectiveDate: '2026-06-18',
      amount: june!.amount,
      principal: new Decimal(june!.principal).neg().toFixed(2),
      interest: new Decimal(june!.interest).neg().toFixed(2),
      reversesEntryId: june!.id,
      idempotencyKey: `test-reversal-${loan!.id}`,
    });
    const after = await portfolioDashboard(db, org.id, { asOf });
    expect(after.delinquency.find((b) => b.bucket === '1-29')?.loans).toBe(1);
    expect(after.expectedVsCollected.at(-1)!.collected).toBe('0.00');
    expect(after.expectedVsCollected.at(-1)!.expected).toBe(new Decimal(installments[4]!.total).toFixed(2));
  });

  it('answers with zeros for an organization without loans', async () => {
    const org = await makeOrganization(db);
    const d = await portfolioDashboard(db, org.id, { asOf: '2026-06-20' });
    expect(d.openLoans).toBe(0);
    expect(d.unpaidPrincipal).toBe('0.00');
    expect(d.weightedAverageRatePercent).toBeNull();
    expect(d.weightedLtvPercent).toBeNull();
    expect(d.delinquency.every((b) => b.loans === 0)).toBe(true);
    expect(d.expectedVsCollected.every((m) => m.expected === '0.00' && m.collected === '0.00')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The rollups against a computation from scratch

const Big = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
type Row = Record<string, string | null>;
const rowsOf = (r: unknown) => (r as { rows: Row[] }).rows;

/**
 * The dashboard computed from the loans, the ledger, the schedule and the applications alone —
 * no position, rollup or daily row — by the definitions in portfolio.ts.
 */
async function dashboardFromScratch(organizationId: string, asOf: string) {
  const loans = rowsOf(
    await db.execute(sql`
      select l.status::text as status, l.annual_rate_percent::text as rate,
        to_char(l.maturity_date, 'YYYY-MM-DD') as maturity, a.as_is_value::text as value,
        coalesce((select sum(e.principal) from ledger_entries e where e.loan_id = l.id), 0)::text as upb,
        (select to_char(min(s.due_date), 'YYYY-MM-DD') from (
            select i.due_date, sum(i.total) over (order by i.number) as cumulative
            from loan_installments i where i.loan_id = l.id) s
          where s.cumulative > coalesce((select -sum(e.principal + e.interest) from ledger_entries e
            where e.loan_id = l.id and e.kind not in ('disbursement', 'draw_disbursement')), 0)) as oldest
      from loans l left join applications a on a.id = l.application_id
      where l.organization_id = ${organizationId}`),
  );
  const day = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
  const open = loans.filter((l) => l.status === 'active' || l.status === 'defaulted');
  const upbOf = (l: Row) => Big.max(l.upb!, 0);
  const bucketOf = (l: Row) => {
    const oldest = l.oldest ?? null;
    const late = oldest === null || oldest >= asOf ? 0 : day(asOf) - day(oldest);
    return late === 0 ? 'current' : late < 30 ? '1-29' : late < 60 ? '30-59' : late < 90 ? '60-89' : '90+';
  };
  const monthsAhead = Array.from({ length: 12 }, (_, k) => {
    const m = Number(asOf.slice(5, 7)) - 1 + k;
    return `${Number(asOf.slice(0, 4)) + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
  const periodOf = (l: Row) =>
    l.maturity! < asOf
      ? 'matured'
      : monthsAhead.includes(l.maturity!.slice(0, 7))
        ? l.maturity!.slice(0, 7)
        : 'later';
  const sum = (xs: Row[], f: (l: Row) => Decimal) => xs.reduce((a, l) => a.plus(f(l)), new Big(0));
  const total = sum(open, upbOf);
  const valued = open.filter((l) => l.value != null && new Big(l.value).gt(0));
  const ltvBase = sum(valued, upbOf);
  const ltvWeight = sum(valued, (l) => upbOf(l).times(upbOf(l)).div(l.value!).toDecimalPlaces(8));
  const flows = rowsOf(
    await db.execute(sql`
      select to_char(d, 'YYYY-MM') as month,
        (select coalesce(sum(i.total), 0) from loan_installments i
          where i.organization_id = ${organizationId} and i.due_date <= ${asOf}::date
            and date_trunc('month', i.due_date) = d)::numeric(18, 2)::text as expected,
        (select coalesce(sum(case when e.kind = 'reversal' then -e.amount else e.amount end), 0)
          from ledger_entries e left join ledger_entries r on r.id = e.reverses_entry_id
          where e.organization_id = ${organizationId} and e.effective_date <= ${asOf}::date
            and date_trunc('month', e.effective_date) = d
            and (e.kind in ('payment', 'payoff') or (e.kind = 'reversal' and r.kind in ('payment', 'payoff'))))::numeric(18, 2)::text as collected
      from generate_series(date_trunc('month', ${asOf}::date) - interval '11 months', date_trunc('month', ${asOf}::date), interval '1 month') d
      order by d`),
  );
  const stages = rowsOf(
    await db.execute(sql`
      select status::text as status, count(*)::text as n, coalesce(sum(requested_amount), 0)::numeric(18, 2)::text as amount
      from applications where organization_id = ${organizationId} group by status`),
  );
  const stage = (s: string) => stages.find((r) => r.status === s);
  const expected: Omit<PortfolioDashboard, 'asOf'> = {
    openLoans: open.length,
    unpaidPrincipal: total.toFixed(2),
    weightedAverageRatePercent: total.gt(0)
      ? sum(open, (l) => upbOf(l).times(l.rate!))
          .div(total)
          .toFixed(4)
      : null,
    weightedLtvPercent: ltvBase.gt(0) ? ltvWeight.times(100).div(ltvBase).toFixed(2) : null,
    loansByStatus: (['active', 'paid_off', 'defaulted', 'charged_off'] as const).map((status) => ({
      status,
      loans: loans.filter((l) => l.status === status).length,
    })),
    delinquency: (['current', '1-29', '30-59', '60-89', '90+'] as const).map((bucket) => {
      const inBucket = open.filter((l) => bucketOf(l) === bucket);
      return { bucket, loans: inBucket.length, unpaidPrincipal: sum(inBucket, upbOf).toFixed(2) };
    }),
    maturityLadder: ['matured', ...monthsAhead, 'later'].map((period) => {
      const inPeriod = open.filter((l) => periodOf(l) === period);
      return { period, loans: inPeriod.length, unpaidPrincipal: sum(inPeriod, upbOf).toFixed(2) };
    }),
    expectedVsCollected: flows.map((f) => ({
      month: f.month!,
      expected: f.expected!,
      collected: f.collected!,
    })),
    pipeline: ['submitted', 'in_review', 'offered', 'accepted', 'approved', 'funded'].map((s) => ({
      stage: s,
      applications: Number(stage(s)?.n ?? 0),
      requestedAmount: stage(s)?.amount ?? '0.00',
    })),
    closedApplications: {
      declined: Number(stage('declined')?.n ?? 0),
      withdrawn: Number(stage('withdrawn')?.n ?? 0),
    },
  };
  return expected;
}

/** Rollup rows that differ from the positions summed afresh (none when the triggers kept up). */
async function rollupDrift(organizationId: string) {
  return rowsOf(
    await db.execute(sql`
      with keyed as (
        select organization_id, status,
          case when status in ('active', 'defaulted') then coalesce(oldest_unpaid_due_date, 'infinity') else 'infinity' end as oldest_unpaid_due_date,
          case when status in ('active', 'defaulted') then maturity_date else 'infinity' end as maturity_date,
          greatest(unpaid_principal, 0) as upb, annual_rate_percent as rate, as_is_value as value
        from portfolio_loan_positions where organization_id = ${organizationId}
      ),
      fresh as (
        select organization_id, status, oldest_unpaid_due_date, maturity_date, count(*) as loans,
          sum(upb) as unpaid_principal, sum(upb * rate) as rate_weight,
          sum(case when value > 0 then upb else 0 end) as ltv_base,
          sum(case when value > 0 then round(upb * upb / value, 8) else 0 end) as ltv_weight
        from keyed group by 1, 2, 3, 4
      ),
      kept as (select * from portfolio_rollups where organization_id = ${organizationId}),
      counts as (
        select organization_id, status, count(*) as applications, coalesce(sum(requested_amount), 0) as requested_amount
        from applications where organization_id = ${organizationId} group by 1, 2
      )
      select 'rollup' as what, coalesce(f.status, k.status)::text as status,
        coalesce(f.oldest_unpaid_due_date, k.oldest_unpaid_due_date)::text as due,
        f.loans::text as fresh_loans, k.loans::text as kept_loans
      from fresh f full join kept k using (organization_id, status, oldest_unpaid_due_date, maturity_date)
      where (f.loans, f.unpaid_principal, f.rate_weight, f.ltv_base, f.ltv_weight)
        is distinct from (k.loans, k.unpaid_principal, k.rate_weight, k.ltv_base, k.ltv_weight)
      union all
      select 'pipeline', coalesce(c.status, k.status)::text, null, c.applications::text, k.applications::text
      from counts c full join (select * from portfolio_pipeline_counts where organization_id = ${organizationId}) k
        using (organization_id, status)
      where (coalesce(c.applications, 0), coalesce(c.requested_amount, 0))
        is distinct from (coalesce(k.applications, 0), coalesce(k.requested_amount, 0))`),
  );
}

describe('listPortfolioLoans: the servicing queue', () => {
  it('"due_today" lists the loans whose oldest unpaid installment falls due today, in its organization only', async () => {
    const today = todayUtc();
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const product = await makeProduct(db, org);
    const fund = async () =>
      (await makeApplication(db, org, borrower, { stage: 'funded', productId: product.id, fundedOn: today }))
        .loan!;
    const dueToday = await fund();
    const notDue = await fund();
    // Move the first installment of one loan to today (the positions follow the schedule).
    await db
      .update(schema.loanInstallments)
      .set({ dueDate: today })
      .where(
        sql`${schema.loanInstallments.loanId} = ${dueToday.id} and ${schema.loanInstallments.number} = 1`,
      );
    const other = await makeOrganization(db);
    const otherLoan = (
      await makeApplication(db, other, await makeBorrower(db, other), { stage: 'funded', fundedOn: today })
    ).loan!;
    await db
      .update(schema.loanInstallments)
      .set({ dueDate: today })
      .where(
        sql`${schema.loanInstallments.loanId} = ${otherLoan.id} and ${schema.loanInstallments.number} = 1`,
      );

    const list = await listPortfolioLoans(db, org.id, { bucket: 'due_today', page: 1, pageSize: 25 });
    expect(list.loans.map((l) => l.id)).toEqual([dueToday.id]);
    expect(list.total).toBe(1);
    expect(list.loans[0]).toMatchObject({ bucket: 'current', daysPastDue: 0 });
    const current = await listPortfolioLoans(db, org.id, { bucket: 'current', page: 1, pageSize: 25 });
    expect(current.loans.map((l) => l.id).sort()).toEqual([dueToday.id, notDue.id].sort());
  });
});

describe('portfolio rollups (kept by triggers)', () => {
  it('agree with a computation from scratch after payments, reversals, a payoff, a default and a charge-off', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const product = await makeProduct(db, org);
    const actor: ServicingActor = { organizationId: org.id, userId: org.admin.userId, portal: 'lender' };
    const fund = async (fundedOn = '2026-01-15') =>
      (await makeApplication(db, org, borrower, { stage: 'funded', productId: product.id, fundedOn })).loan!;
    const dues = async (loanId: string) =>
      db
        .select()
        .from(schema.loanInstallments)
        .where(eq(schema.loanInstallments.loanId, loanId))
        .orderBy(asc(schema.loanInstallments.number));
    let k = 0;
    const pay = async (loanId: string, date: string, amount: string) =>
      recordPayment(db, actor, {
        loanId,
        idempotencyKey: `rollup-${loanId}-${++k}`,
        amount,
        effectiveDate: date,
        method: 'ach',
      });

    // On time for five months; then one of them bounces (reversal, reallocation).
    const current = await fund();
    const currentDues = await dues(current.id);
    const posted = [];
    for (const i of currentDues.slice(0, 5)) posted.push(await pay(current.id, i.dueDate, i.total));
    await reversePayment(db, actor, {
      entryId: posted[2]!.entry.id,
      idempotencyKey: `rollup-nsf-${current.id}`,
      reason: 'NSF',
    });
    // Two months paid, a partial third, then a back-dated payment before the second.
    const behind = await fund('2026-02-20');
    const behindDues = await dues(behind.id);
    await pay(behind.id, behindDues[0]!.dueDate, behindDues[0]!.total);
    await pay(behind.id, behindDues[2]!.dueDate, '500.00');
    await pay(behind.id, behindDues[1]!.dueDate, behindDues[1]!.total);
    // Paid off mid-period: the loan closes (status and rollup row move).
    const paidOff = await fund();
    await pay(paidOff.id, (await dues(paidOff.id))[0]!.dueDate, (await dues(paidOff.id))[0]!.total);
    const quote = await quoteLoanPayoff(db, actor, paidOff.id, '2026-04-03');
    await postPayoff(db, actor, {
      loanId: paidOff.id,
      idempotencyKey: `rollup-payoff-${paidOff.id}`,
      amount: quote.total,
      effectiveDate: '2026-04-03',
      method: 'wire',
    });
    // Defaulted (default rate from May), and another defaulted then charged off.
    const defaulted = await fund('2025-12-10');
    await pay(defaulted.id, (await dues(defaulted.id))[0]!.dueDate, (await dues(defaulted.id))[0]!.total);
    await markDefault(db, actor, {
      loanId: defaulted.id,
      effectiveDate: '2026-05-01',
      reason: 'No payments',
    });
    const chargedOff = await fund('2025-12-10');
    await markDefault(db, actor, {
      loanId: chargedOff.id,
      effectiveDate: '2026-04-01',
      reason: 'No payments',
    });
    await chargeOff(db, actor, {
      loanId: chargedOff.id,
      effectiveDate: '2026-07-01',
      reason: 'Uncollectible',
    });
    // Matured unpaid, and a schedule rewritten in place (as construction draws do).
    const matured = await fund('2025-06-01');
    const rewritten = await fund('2026-03-05');
    const [first] = await dues(rewritten.id);
    await db
      .update(schema.loanInstallments)
      .set({ interest: '1.00', total: new Decimal(first!.principal).plus('1.00').toFixed(2) })
      .where(eq(schema.loanInstallments.id, first!.id));
    expect(matured.maturityDate < todayUtc()).toBe(true);

    // The pipeline: submitted, declined, and a draft whose amount changes.
    await makeApplication(db, org, borrower, { stage: 'submitted', productId: product.id });
    await makeApplication(db, org, borrower, { stage: 'declined', productId: product.id });
    const { application: draft } = await makeApplication(db, org, borrower, { productId: product.id });
    await saveApplication(
      db,
      {
        organizationId: org.id,
        userId: borrower.userId,
        sessionId: borrower.sessionId,
        portal: 'borrower',
        role: 'borrower',
      } as never,
      saveApplicationInput.parse({ applicationId: draft.id, requestedAmount: '123456.00' }),
    );
    // Another organization's activity changes nothing here.
    const other = await makeOrganization(db);
    await makeApplication(db, other, await makeBorrower(db, other), { stage: 'funded' });

    expect(await rollupDrift(org.id)).toEqual([]);
    for (const asOf of ['2026-03-31', '2026-06-20', '2026-08-15', todayUtc()]) {
      const { asOf: _asOf, ...d } = await portfolioDashboard(db, org.id, { asOf });
      expect(d, `as of ${asOf}`).toEqual(await dashboardFromScratch(org.id, asOf));
    }
    const statuses = (await portfolioDashboard(db, org.id, { asOf: todayUtc() })).loansByStatus;
    expect(statuses).toEqual([
      { status: 'active', loans: 4 },
      { status: 'paid_off', loans: 1 },
      { status: 'defaulted', loans: 1 },
      { status: 'charged_off', loans: 1 },
    ]);
    const [closedRows] = rowsOf(
      await db.execute(
        sql`select count(*)::text as n from portfolio_rollups where organization_id = ${org.id} and status in ('paid_off', 'charged_off')`,
      ),
    );
    expect(closedRows!.n).toBe('2'); // one row per closed status
  });
});
