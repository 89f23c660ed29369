/**
 * bench:dashboard — the portfolio dashboard's queries at 100,000 loans on PostgreSQL.
 *
 * Seeds its own database (lending_bench_dashboard on TEST_POSTGRES_URL's server, dropped and made
 * again) with set-based SQL (generate_series, no row-by-row inserts): one organization, 100,000
 * funded loans of 12 monthly interest-only payments funded over the last 18 months, their 1.2 M
 * installments, their ledgers (disbursement, payments — some loans 1, 2, 3 or 4+ payments behind —
 * matured loans paid in full and closed), a few defaulted loans and 20,000 applications still in the
 * pipeline. Then it times `portfolioDashboard` (its three statements side by side, as the API runs
 * them) and each statement alone, and prints p50 and p95. Ends with `dashboard: p50 N ms, p95 N ms`.
 */
import {
  dashboardStatements,
  loadTestConfig,
  migrateDatabase,
  openDatabase,
  portfolioDashboard,
} from '@lending/core';
import { sql } from 'drizzle-orm';
import pg from 'pg';

const LOANS = Number(process.env.BENCH_LOANS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const AS_OF = '2026-11-15';
const DB_NAME = 'lending_bench_dashboard';

const adminUrl = loadTestConfig().postgresAdminUrl;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
// BENCH_REUSE=1 times the queries on the database a previous run seeded (same migrations).
const reuse =
  process.env.BENCH_REUSE === '1' &&
  (await admin.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount === 1;
if (!reuse) {
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
}
await admin.end();
const url = new URL(adminUrl);
url.pathname = `/${DB_NAME}`;
const handle = await openDatabase({ driver: 'postgres', url: url.toString(), maxConnections: 4 });
if (!reuse) await migrateDatabase(handle);
const { db } = handle;

const step = async (label: string, ...statements: ReturnType<typeof sql>[]) => {
  const started = performance.now();
  for (const statement of statements) await db.execute(statement);
  console.log(`  ${label}: ${Math.round(performance.now() - started)} ms`);
};

const seedStarted = performance.now();
if (!reuse) await seed();
async function seed() {
  console.log(`seeding ${LOANS.toLocaleString('en-US')} loans (as of ${AS_OF})`);
  await step(
    'organization, people, product',
    sql`
  insert into organizations (id, name, slug) values ('00000000-0000-4000-8000-0000000000aa', 'Bench Lending', 'bench-lending');
  insert into app_users (id, email) values ('user_bench_admin', 'admin@bench.test'), ('user_bench_borrower', 'borrower@bench.test');
  insert into loan_products (id, organization_id, name, kind) values
    ('00000000-0000-4000-8000-0000000000bb', '00000000-0000-4000-8000-0000000000aa', 'Bridge 12', 'bridge');
  insert into loan_product_versions (id, organization_id, product_id, version, name, kind, min_amount, max_amount,
    min_rate_percent, max_rate_percent, base_rate_percent, min_term_payments, max_term_payments, default_rate_percent, engine_settings)
  values ('00000000-0000-4000-8000-0000000000cc', '00000000-0000-4000-8000-0000000000aa',
    '00000000-0000-4000-8000-0000000000bb', 1, 'Bridge 12', 'bridge', 50000, 2000000, 8, 16, 11, 6, 24, 18, '{}');
`,
  );
  // One row per loan with everything the other tables derive from it.
  await step(
    'plan (temporary)',
    sql`
  create unlogged table bench_plan as
  select n,
    ('00000000-0000-4000-a000-' || lpad(to_hex(n), 12, '0'))::uuid as loan_id,
    ('00000000-0000-4000-b000-' || lpad(to_hex(n), 12, '0'))::uuid as application_id,
    ('00000000-0000-4000-c000-' || lpad(to_hex(n), 12, '0'))::uuid as offer_id,
    (100000 + (n * 7919) % 900000)::numeric(18, 2) as principal,
    (9 + (n % 60) / 10.0)::numeric(14, 10) as rate,
    (${AS_OF}::date - (n % 540)) as funded_on,
    -- 0: current; 1..4: that many installments behind (4 = 90+ days)
    case when n % 50 < 4 then 4 - n % 50 when n % 50 < 7 then 1 else 0 end as behind,
    (n % 97 = 0) as defaulted,
    (select count(*) from generate_series(1, 12) as k
      where (${AS_OF}::date - (n % 540)) + make_interval(months => k) <= ${AS_OF}::date)::int as due_count
  from generate_series(1, ${LOANS}) as n
`,
  );
  await step(
    'applications and offers',
    sql`
  insert into applications (id, organization_id, number, borrower_user_id, status, requested_amount,
    requested_term_payments, first_name, last_name, as_is_value, product_id, product_version_id)
  select application_id, '00000000-0000-4000-8000-0000000000aa', n, 'user_bench_borrower', 'funded', principal, 12,
    'Borrower', 'No ' || n, round(principal / (0.55 + (n % 20) / 100.0), 2),
    '00000000-0000-4000-8000-0000000000bb', '00000000-0000-4000-8000-0000000000cc'
  from bench_plan`,
    sql`insert into applications (organization_id, number, borrower_user_id, status, requested_amount, product_id)
  select '00000000-0000-4000-8000-0000000000aa', ${LOANS} + n, 'user_bench_borrower',
    (array['submitted', 'in_review', 'offered', 'accepted', 'approved', 'declined', 'withdrawn', 'draft'])[1 + n % 8]::application_status,
    150000 + n * 10, '00000000-0000-4000-8000-0000000000bb'
  from generate_series(1, ${LOANS / 5}) as n`,
    sql`insert into offers (id, organization_id, application_id, product_version_id, status, amount, annual_rate_percent,
    term_payments, origination_points, origination_fee, terms, apr_percent, payment_amount, finance_charge,
    prepaid_finance_charges, expires_at, issued_by)
  select offer_id, '00000000-0000-4000-8000-0000000000aa', application_id, '00000000-0000-4000-8000-0000000000cc',
    'accepted', principal, rate, 12, 1, 0, '{}', rate, round(principal * rate / 1200, 2), 0, 0, now(), 'user_bench_admin'
  from bench_plan;
`,
  );
  await step(
    'loans',
    sql`
  insert into loans (id, organization_id, number, application_id, offer_id, product_version_id, borrower_user_id,
    status, principal, annual_rate_percent, apr_percent, terms, funded_on, maturity_date, idempotency_key, funded_by)
  select loan_id, '00000000-0000-4000-8000-0000000000aa', n, application_id, offer_id,
    '00000000-0000-4000-8000-0000000000cc', 'user_bench_borrower',
    (case when defaulted then 'defaulted'
      when (funded_on + interval '12 months')::date <= ${AS_OF}::date and behind = 0 then 'paid_off'
      else 'active' end)::loan_status,
    principal, rate, rate, '{}', funded_on, (funded_on + interval '12 months')::date, 'bench-' || n, 'user_bench_admin'
  from bench_plan;
`,
  );
  await step(
    'installments',
    sql`
  insert into loan_installments (organization_id, loan_id, number, period_start, due_date, principal, interest, total, balance)
  select '00000000-0000-4000-8000-0000000000aa', p.loan_id, k,
    (p.funded_on + make_interval(months => k - 1))::date, (p.funded_on + make_interval(months => k))::date,
    case when k = 12 then p.principal else 0 end,
    round(p.principal * p.rate / 1200, 2),
    round(p.principal * p.rate / 1200, 2) + case when k = 12 then p.principal else 0 end,
    case when k = 12 then 0 else p.principal end
  from bench_plan p cross join generate_series(1, 12) as k;
`,
  );
  await step(
    'ledger: disbursements and payments',
    sql`
  insert into ledger_entries (organization_id, loan_id, kind, effective_date, amount, principal, idempotency_key)
  select '00000000-0000-4000-8000-0000000000aa', loan_id, 'disbursement', funded_on, principal, principal,
    'bench-' || n || ':disbursement'
  from bench_plan`,
    sql`-- every installment due, except the last 'behind' ones (and none for defaulted loans' last 4)
  insert into ledger_entries (organization_id, loan_id, kind, effective_date, amount, principal, interest, idempotency_key)
  select '00000000-0000-4000-8000-0000000000aa', p.loan_id, 'payment', least(i.due_date + (p.n % 5), ${AS_OF}::date),
    i.total, -i.principal, -i.interest, 'bench-' || p.n || ':payment:' || i.number
  from bench_plan p
  join loan_installments i on i.loan_id = p.loan_id
  where i.due_date <= ${AS_OF}::date
    and i.number <= p.due_count - case when p.defaulted then 4 else p.behind end
`,
  );
  await step('analyze', sql`drop table bench_plan`, sql`vacuum analyze`);
}
const counts = await db.execute(sql`
  select (select count(*) from loans) as loans, (select count(*) from loan_installments) as installments,
    (select count(*) from ledger_entries) as ledger, (select count(*) from applications) as applications`);
console.log(
  `seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s:`,
  (counts as unknown as { rows: unknown[] }).rows[0],
);

const organizationId = '00000000-0000-4000-8000-0000000000aa';
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
async function time(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  const p50 = Math.round(percentile(samples, 50));
  const p95 = Math.round(percentile(samples, 95));
  console.log(`${label}: p50 ${p50} ms, p95 ${p95} ms`);
  return { p50, p95 };
}

const sample = await portfolioDashboard(db, organizationId, { asOf: AS_OF });
console.log(
  'figures:',
  JSON.stringify({
    openLoans: sample.openLoans,
    unpaidPrincipal: sample.unpaidPrincipal,
    weightedAverageRatePercent: sample.weightedAverageRatePercent,
    weightedLtvPercent: sample.weightedLtvPercent,
    delinquency: sample.delinquency.map((b) => `${b.bucket}: ${b.loans}`).join(', '),
  }),
);
console.log(`${RUNS} runs each after 3 warm-up runs:`);
await time('  positions (balances, delinquency, ladder)', () =>
  dashboardStatements.positions(db, organizationId, AS_OF),
);
await time('  expected vs collected per month', () => dashboardStatements.monthly(db, organizationId, AS_OF));
await time('  pipeline funnel', () => dashboardStatements.pipeline(db, organizationId));
await time('dashboard', () => portfolioDashboard(db, organizationId, { asOf: AS_OF }));
await handle.close();
