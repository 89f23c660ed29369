/**
 * The lender's pipeline at 50,000 applications in one organization (issue 8, Performance): the
 * first page with filters, search and counts, exactly as `applications.pipeline` runs it
 * (`listPipeline`: the page of rows and the counts by status, in parallel on the pool).
 *
 * Seeds its own PostgreSQL database (created and dropped; TEST_POSTGRES_ADMIN_URL or the local
 * default), prints EXPLAIN ANALYZE of each scenario's queries, then p50 and p95 over every call.
 * Target: p95 under 50 ms, served by indexes. Ends with `pipeline: p50 N ms, p95 N ms`.
 */
import { randomBytes } from 'node:crypto';
import {
  listPipeline,
  loadTestConfig,
  migrateDatabase,
  openDatabase,
  type PipelineQuery,
  pipelineInput,
  pipelineQueries,
  schema,
} from '@lending/core';
import { sql } from 'drizzle-orm';
import pg from 'pg';

const APPLICATIONS = Number(process.env.PIPELINE_APPLICATIONS ?? 50_000);
const ROUNDS = Number(process.env.PIPELINE_ROUNDS ?? 40);

async function main() {
  const adminUrl = loadTestConfig().postgresAdminUrl;
  const dbName = `lending_bench_pipeline_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const handle = await openDatabase({ driver: 'postgres', url: url.toString(), maxConnections: 8 });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const seedStarted = performance.now();
    const [org] = await db
      .insert(schema.organizations)
      .values({ name: 'Pipeline Bench Lending', slug: 'pipeline-bench' })
      .returning();
    const organizationId = org!.id;
    // Staff, borrowers and products, then 50,000 applications in one INSERT … SELECT.
    await db.execute(sql`
      insert into app_users (id, email, first_name, last_name)
      select 'user_staff' || g, 'staff' || g || '@bench.test', 'Staff', 'Member ' || g from generate_series(1, 8) g`);
    await db.execute(sql`
      insert into app_users (id, email, first_name, last_name)
      select 'user_b' || g, 'borrower' || g || '@bench.test',
        (array['Avery','Blake','Casey','Dana','Emery','Finley','Gray','Harper','Jordan','Kai'])[1 + g % 10],
        (array['Smith','Johnson','Lee','Garcia','Brown','Davis','Miller','Wilson','Moore','Taylor','Anderson','Thomas'])[1 + (g / 10) % 12]
      from generate_series(1, 5000) g`);
    const products = [];
    for (const name of ['Bridge 12', 'Fix & Flip 18', 'Rental 30']) {
      const [p] = await db
        .insert(schema.loanProducts)
        .values({ organizationId, name, kind: 'bridge' })
        .returning();
      const [v] = await db
        .insert(schema.loanProductVersions)
        .values({
          organizationId,
          productId: p!.id,
          version: 1,
          name,
          kind: 'bridge',
          minAmount: '50000',
          maxAmount: '2000000',
          minRatePercent: '9',
          maxRatePercent: '14',
          baseRatePercent: '11',
          minTermPayments: 6,
          maxTermPayments: 24,
          defaultRatePercent: '24',
          engineSettings: {
            frequency: 'monthly',
            interestMethod: 'declining_balance',
            amortization: 'interest_only',
            amortizationPayments: null,
            dayCount: '30/360',
            interestPeriod: 'repayment',
            rounding: 'half_up',
            installmentMultiple: '0.01',
            oddFirstPeriod: 'level',
            businessDayRule: 'none',
            prepaymentRecalculation: 'reduce_term',
            principalGrace: 0,
            interestGrace: 0,
          },
        })
        .returning();
      products.push({ id: p!.id, versionId: v!.id });
    }
    const productIds = `{${products.map((p) => p.id).join(',')}}`;
    const versionIds = `{${products.map((p) => p.versionId).join(',')}}`;
    await db.execute(sql`
      insert into applications (
        organization_id, number, borrower_user_id, status, status_changed_at, assignee_user_id,
        product_id, product_version_id, requested_amount, requested_term_payments, applicant_kind,
        first_name, last_name, email, property_address_line1, property_city, property_region,
        property_postal_code, purchase_price, as_is_value, created_at, submitted_at)
      select ${organizationId}::uuid, g, 'user_b' || (1 + g % 5000),
        (array['draft','submitted','in_review','offered','accepted','approved','funded','declined','withdrawn'])[1 + (g * 7) % 9]::application_status,
        now() - ((g * 37) % 180) * interval '1 day' - (g % 1440) * interval '1 minute',
        case when g % 4 = 0 then null else 'user_staff' || (1 + g % 8) end,
        (${productIds}::uuid[])[1 + g % 3], (${versionIds}::uuid[])[1 + g % 3],
        (50000 + (g::bigint * 7919) % 1950000)::numeric(18,2), 12, 'individual',
        (array['Avery','Blake','Casey','Dana','Emery','Finley','Gray','Harper','Jordan','Kai'])[1 + g % 10],
        (array['Smith','Johnson','Lee','Garcia','Brown','Davis','Miller','Wilson','Moore','Taylor','Anderson','Thomas'])[1 + (g / 10) % 12] || (case when g % 97 = 0 then 'son' else '' end),
        'applicant' || g || '@bench.test',
        (g % 9000 + 1) || ' ' || (array['Oak','Maple','Cedar','Pine','Elm','Birch','Willow','Aspen','Harbor','Lakeshore','Ridge','Meadow'])[1 + (g / 3) % 12] || ' ' || (array['Street','Avenue','Lane','Court','Drive','Road'])[1 + g % 6],
        (array['Austin','Columbus','Tampa','Denver','Raleigh','Nashville','Cleveland','Boise','Chicago','Springfield'])[1 + (g / 7) % 10],
        (array['TX','OH','FL','CO','NC','TN','OH','ID','IL','IL'])[1 + (g / 7) % 10],
        lpad(((g * 13) % 99999)::text, 5, '0'),
        (100000 + (g::bigint * 104729) % 2000000)::numeric(18,2), (100000 + (g::bigint * 104729) % 2100000)::numeric(18,2),
        now() - ((g * 37) % 180 + 1) * interval '1 day', now() - ((g * 37) % 180) * interval '1 day'
      from generate_series(1, ${APPLICATIONS}) g`);
    await db.execute(sql`vacuum analyze applications`);
    await db.execute(sql`analyze app_users`);
    await db.execute(sql`analyze loan_products`);
    console.log(
      `seeded ${APPLICATIONS} applications in one organization in ${Math.round(performance.now() - seedStarted)} ms`,
    );

    const scenarios: Array<[string, Partial<PipelineQuery>]> = [
      ['first page, no filter (latest moved first)', {}],
      [
        'status in (submitted, in_review), assignee, product',
        { statuses: ['submitted', 'in_review'], assignee: 'user_staff3', productId: products[1]!.id },
      ],
      ['unassigned, sorted by number', { assignee: 'unassigned', sort: 'number', direction: 'asc' }],
      ['search "maple" (address)', { search: 'maple' }],
      ['search "johnson" + status offered', { search: 'johnson', statuses: ['offered'] }],
      ['search "garciason" (rare name)', { search: 'garciason' }],
      ['search by number "A-012345"', { search: 'A-012345' }],
      ['search "austin" sorted by amount', { search: 'austin', sort: 'requested_amount', direction: 'desc' }],
    ];
    const parsed = scenarios.map(([name, q]) => [name, pipelineInput.parse(q)] as const);

    for (const [name, q] of parsed) {
      const { rows, counts } = pipelineQueries(db, organizationId, q);
      console.log(`\n=== ${name}`);
      for (const [label, query] of [
        ['rows', rows],
        ['counts', counts],
      ] as const) {
        const { sql: text, params } = query.toSQL();
        const client = new pg.Client({ connectionString: url.toString() });
        await client.connect();
        const plan = await client.query(`explain (analyze, buffers, costs off) ${text}`, params);
        await client.end();
        console.log(`--- ${label}`);
        for (const row of plan.rows) console.log(`  ${row['QUERY PLAN']}`);
      }
    }

    // Warm-up, then ROUNDS of every scenario.
    for (const [, q] of parsed) await listPipeline(db, organizationId, q);
    const all: number[] = [];
    const perScenario = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, q] of parsed) {
        const started = performance.now();
        const result = await listPipeline(db, organizationId, q);
        const ms = performance.now() - started;
        if (round === 0 && result.applications.length === 0 && !name.includes('rare'))
          console.warn(`(no rows for ${name})`);
        all.push(ms);
        perScenario.set(name, [...(perScenario.get(name) ?? []), ms]);
      }
    }
    const pct = (xs: number[], p: number) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
    };
    console.log('\nscenario                                               p50 ms   p95 ms');
    for (const [name, xs] of perScenario)
      console.log(
        `${name.padEnd(52)} ${pct(xs, 50).toFixed(1).padStart(7)}  ${pct(xs, 95).toFixed(1).padStart(7)}`,
      );
    console.log(`\npipeline: p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms`);
  } finally {
    await handle.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
