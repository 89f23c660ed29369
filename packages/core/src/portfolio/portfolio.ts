/**
 * The lender's portfolio dashboard (PRODUCT.md §2 Portfolio), computed in SQL, set-based, in three
 * statements that the API runs side by side:
 *
 * 1. Positions: every open loan (active or defaulted) with its unpaid principal (the ledger's
 *    principal balance), rate, LTV (unpaid principal over the property's as-is value), maturity
 *    and delinquency bucket; folded into the totals, the weighted averages, the buckets and the
 *    maturity ladder in the same statement.
 * 2. Expected vs collected per month: installments due by month against money received by month.
 * 3. The pipeline funnel: applications by their current stage, with their requested amounts.
 *
 * Delinquency without a per-installment window: a loan is at least N days past due exactly when
 * what it has paid toward the schedule is less than the total of the installments due on or before
 * (as-of − N days). "Paid toward the schedule" is the principal and interest the ledger's non-funding
 * entries took off the balance (payments, payoffs, reversals of them; prepaid interest charged and
 * withheld at funding nets to zero). Fees and late fees are not part of the schedule.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { todayUtc } from '../offers/terms.ts';
import {
  DELINQUENCY_BUCKETS,
  type DelinquencyBucket,
  FUNNEL_STAGES,
  type PortfolioDashboardInput,
} from './portfolio.inputs.ts';

export interface PortfolioDashboard {
  asOf: string;
  openLoans: number;
  unpaidPrincipal: string;
  /** Weighted by unpaid principal; percent ("11.25"); null when nothing is outstanding. */
  weightedAverageRatePercent: string | null;
  /** Unpaid principal over the as-is value, weighted by unpaid principal; percent. */
  weightedLtvPercent: string | null;
  loansByStatus: { status: 'active' | 'paid_off' | 'defaulted' | 'charged_off'; loans: number }[];
  delinquency: { bucket: DelinquencyBucket; loans: number; unpaidPrincipal: string }[];
  /** 'matured' (maturity before the as-of date), then the next 12 months ('YYYY-MM'), then 'later'. */
  maturityLadder: { period: string; loans: number; unpaidPrincipal: string }[];
  /** The last 12 months including the as-of month, oldest first. */
  expectedVsCollected: { month: string; expected: string; collected: string }[];
  pipeline: { stage: string; applications: number; requestedAmount: string }[];
  closedApplications: { declined: number; withdrawn: number };
}

type Rows<T> = { rows: T[] };
const rowsOf = <T>(result: unknown): T[] => (result as Rows<T>).rows;

interface PositionsRow {
  summary: {
    open_loans: number;
    unpaid_principal: string;
    weighted_rate: string | null;
    weighted_ltv: string | null;
  };
  buckets: { bucket: DelinquencyBucket; loans: number; unpaid_principal: string }[] | null;
  ladder: { period: string; loans: number; unpaid_principal: string }[] | null;
  statuses: { status: PortfolioDashboard['loansByStatus'][number]['status']; loans: number }[] | null;
}

/** Statement 1: positions of the open loans, folded into totals, buckets and the maturity ladder. */
async function positions(db: Executor, organizationId: string, asOf: string): Promise<PositionsRow> {
  const result = await db.execute(sql`
    with open_loans as (
      select l.id, l.annual_rate_percent as rate, l.maturity_date, a.as_is_value
      from loans l
      join applications a on a.id = l.application_id
      where l.organization_id = ${organizationId} and l.status in ('active', 'defaulted')
    ),
    balances as (
      select e.loan_id,
        sum(e.principal) as unpaid_principal,
        coalesce(-sum(e.principal + e.interest)
          filter (where e.kind not in ('disbursement', 'draw_disbursement')), 0) as paid
      from ledger_entries e
      join open_loans o on o.id = e.loan_id
      where e.organization_id = ${organizationId} and e.effective_date <= ${asOf}::date
      group by e.loan_id
    ),
    due as (
      select i.loan_id,
        sum(i.total) filter (where i.due_date <= ${asOf}::date - 1) as due_1,
        sum(i.total) filter (where i.due_date <= ${asOf}::date - 30) as due_30,
        sum(i.total) filter (where i.due_date <= ${asOf}::date - 60) as due_60,
        sum(i.total) filter (where i.due_date <= ${asOf}::date - 90) as due_90
      from loan_installments i
      join open_loans o on o.id = i.loan_id
      where i.organization_id = ${organizationId} and i.due_date < ${asOf}::date
      group by i.loan_id
    ),
    positions as (
      select o.id, o.rate, o.maturity_date,
        greatest(coalesce(b.unpaid_principal, 0), 0) as upb,
        case when o.as_is_value > 0 then greatest(coalesce(b.unpaid_principal, 0), 0) / o.as_is_value end as ltv,
        case
          when coalesce(b.paid, 0) < coalesce(d.due_90, 0) then '90+'
          when coalesce(b.paid, 0) < coalesce(d.due_60, 0) then '60-89'
          when coalesce(b.paid, 0) < coalesce(d.due_30, 0) then '30-59'
          when coalesce(b.paid, 0) < coalesce(d.due_1, 0) then '1-29'
          else 'current'
        end as bucket
      from open_loans o
      left join balances b on b.loan_id = o.id
      left join due d on d.loan_id = o.id
    )
    select
      (select json_build_object(
        'open_loans', count(*),
        'unpaid_principal', coalesce(sum(upb), 0)::numeric(18, 2)::text,
        'weighted_rate', case when sum(upb) > 0 then round(sum(upb * rate) / sum(upb), 4)::text end,
        'weighted_ltv', case when sum(upb) filter (where ltv is not null) > 0
          then round(100 * sum(upb * ltv) filter (where ltv is not null)
            / sum(upb) filter (where ltv is not null), 2)::text end
      ) from positions) as summary,
      (select json_agg(json_build_object(
          'bucket', bucket, 'loans', n, 'unpaid_principal', upb::numeric(18, 2)::text))
        from (select bucket, count(*) as n, sum(upb) as upb from positions group by bucket) s) as buckets,
      (select json_agg(json_build_object(
          'period', period, 'loans', n, 'unpaid_principal', upb::numeric(18, 2)::text))
        from (
          select
            case
              when maturity_date < ${asOf}::date then 'matured'
              when maturity_date < (date_trunc('month', ${asOf}::date) + interval '12 months')::date
                then to_char(maturity_date, 'YYYY-MM')
              else 'later'
            end as period,
            count(*) as n, sum(upb) as upb
          from positions group by 1
        ) m) as ladder,
      (select json_agg(json_build_object('status', status, 'loans', n))
        from (select status, count(*) as n from loans
              where organization_id = ${organizationId} group by status) s) as statuses
  `);
  return rowsOf<PositionsRow>(result)[0]!;
}

/** Statement 2: installments due and money received per month, the last 12 months. */
async function monthly(db: Executor, organizationId: string, asOf: string) {
  const result = await db.execute(sql`
    with months as (
      select generate_series(
        date_trunc('month', ${asOf}::date) - interval '11 months',
        date_trunc('month', ${asOf}::date),
        interval '1 month')::date as month
    ),
    expected as (
      select date_trunc('month', i.due_date)::date as month, sum(i.total) as amount
      from loan_installments i
      where i.organization_id = ${organizationId}
        and i.due_date >= (select min(month) from months)
        and i.due_date <= ${asOf}::date
      group by 1
    ),
    collected as (
      select date_trunc('month', e.effective_date)::date as month,
        sum(case when e.kind = 'reversal' then -e.amount else e.amount end) as amount
      from ledger_entries e
      where e.organization_id = ${organizationId}
        and e.kind in ('payment', 'payoff', 'reversal')
        and e.effective_date >= (select min(month) from months)
        and e.effective_date <= ${asOf}::date
      group by 1
    )
    select to_char(m.month, 'YYYY-MM') as month,
      coalesce(x.amount, 0)::numeric(18, 2)::text as expected,
      coalesce(c.amount, 0)::numeric(18, 2)::text as collected
    from months m
    left join expected x on x.month = m.month
    left join collected c on c.month = m.month
    order by m.month
  `);
  return rowsOf<{ month: string; expected: string; collected: string }>(result);
}

/** Statement 3: applications by their current stage. */
async function pipeline(db: Executor, organizationId: string) {
  const result = await db.execute(sql`
    select status::text as status, count(*)::int as n,
      coalesce(sum(requested_amount), 0)::numeric(18, 2)::text as amount
    from applications
    where organization_id = ${organizationId} and status <> 'draft'
    group by status
  `);
  return rowsOf<{ status: string; n: number; amount: string }>(result);
}

export async function portfolioDashboard(
  db: Executor,
  organizationId: string,
  input: PortfolioDashboardInput,
): Promise<PortfolioDashboard> {
  const asOf = input.asOf ?? todayUtc();
  const [p, months, stages] = await Promise.all([
    positions(db, organizationId, asOf),
    monthly(db, organizationId, asOf),
    pipeline(db, organizationId),
  ]);

  const buckets = new Map((p.buckets ?? []).map((b) => [b.bucket, b]));
  const byStatus = new Map((p.statuses ?? []).map((s) => [s.status, Number(s.loans)]));
  const byStage = new Map(stages.map((s) => [s.status, s]));
  const ladder = new Map((p.ladder ?? []).map((r) => [r.period, r]));
  const ladderPeriods = ['matured', ...nextMonths(asOf, 12), 'later'];

  return {
    asOf,
    openLoans: Number(p.summary.open_loans),
    unpaidPrincipal: p.summary.unpaid_principal,
    weightedAverageRatePercent: p.summary.weighted_rate,
    weightedLtvPercent: p.summary.weighted_ltv,
    loansByStatus: (['active', 'paid_off', 'defaulted', 'charged_off'] as const).map((status) => ({
      status,
      loans: byStatus.get(status) ?? 0,
    })),
    delinquency: DELINQUENCY_BUCKETS.map((bucket) => ({
      bucket,
      loans: Number(buckets.get(bucket)?.loans ?? 0),
      unpaidPrincipal: buckets.get(bucket)?.unpaid_principal ?? '0.00',
    })),
    maturityLadder: ladderPeriods.map((period) => ({
      period,
      loans: Number(ladder.get(period)?.loans ?? 0),
      unpaidPrincipal: ladder.get(period)?.unpaid_principal ?? '0.00',
    })),
    expectedVsCollected: months,
    pipeline: FUNNEL_STAGES.map((stage) => ({
      stage,
      applications: byStage.get(stage)?.n ?? 0,
      requestedAmount: byStage.get(stage)?.amount ?? '0.00',
    })),
    closedApplications: {
      declined: byStage.get('declined')?.n ?? 0,
      withdrawn: byStage.get('withdrawn')?.n ?? 0,
    },
  };
}

/** 'YYYY-MM' of the as-of month and the 11 after it. */
function nextMonths(asOf: string, count: number): string[] {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const m = month + i;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}
