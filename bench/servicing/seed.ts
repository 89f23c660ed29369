/**
 * A fresh PostgreSQL database for a servicing benchmark, and set-based cloning of funded loans
 * (generate_series, not row by row): each clone copies a template loan's application, offer, loan,
 * installments and funding ledger rows with deterministic new ids.
 */
import { randomBytes } from 'node:crypto';
import { loadTestConfig, migrateDatabase, openDatabase } from '@lending/core';
import { makeApplication, makeBorrower, makeOrganization } from '@lending/core/testing';
import { sql } from 'drizzle-orm';
import pg from 'pg';

export async function benchDatabase() {
  const adminUrl = loadTestConfig().postgresAdminUrl;
  const dbName = `lending_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const handle = await openDatabase({ driver: 'postgres', url: url.toString(), maxConnections: 16 });
  await migrateDatabase(handle);
  const drop = async () => {
    await handle.close();
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  };
  return { handle, db: handle.db, url: url.toString(), drop };
}

type Db = Awaited<ReturnType<typeof benchDatabase>>['db'];

async function columns(db: Db, table: string): Promise<string[]> {
  const r = await db.execute(
    sql`select column_name from information_schema.columns where table_name = ${table} and table_schema = 'public' and is_generated = 'NEVER' and coalesce(column_default, '') not like 'nextval%' order by ordinal_position`,
  );
  const rows = (Array.isArray(r) ? r : (r as { rows: { column_name: string }[] }).rows) as {
    column_name: string;
  }[];
  return rows.map((x) => x.column_name);
}

/** Copies rows of `table` matching `where` once per g in [from, to], replacing some columns. */
async function clone(
  db: Db,
  table: string,
  where: string,
  replace: Record<string, string>,
  from: number,
  to: number,
) {
  const cols = await columns(db, table);
  const list = cols;
  const select = list.map((c) => (replace[c] ? `${replace[c]} as "${c}"` : `t."${c}"`)).join(', ');
  await db.execute(
    sql.raw(
      `insert into ${table} (${list.map((c) => `"${c}"`).join(', ')}) select ${select} from ${table} t, generate_series(${from}, ${to}) g where ${where}`,
    ),
  );
}

/** One organization with a borrower and a funded loan on `fundedOn` (the template). */
export async function templateLoan(
  db: Db,
  fundedOn: string,
  org?: Awaited<ReturnType<typeof makeOrganization>>,
) {
  const organization = org ?? (await makeOrganization(db));
  const borrower = await makeBorrower(db, organization);
  const made = await makeApplication(db, organization, borrower, { stage: 'funded', fundedOn });
  return { org: organization, borrower, loan: made.loan! };
}

/**
 * `count` clones of the template loan (numbers from `firstNumber`), in chunks of 20,000.
 * `tag` keeps the deterministic ids of different calls apart.
 */
export async function cloneLoans(
  db: Db,
  template: { id: string; applicationId: string; offerId: string; idempotencyKey: string },
  count: number,
  firstNumber: number,
  tag: string,
) {
  const app = (g = 'g') => `md5('${tag}a' || ${g})::uuid`;
  const offer = `md5('${tag}o' || g)::uuid`;
  const loan = `md5('${tag}l' || g)::uuid`;
  for (let from = 1; from <= count; from += 20_000) {
    const to = Math.min(count, from + 19_999);
    await clone(
      db,
      'applications',
      `t.id = '${template.applicationId}'`,
      { id: app(), number: `${firstNumber} + g` },
      from,
      to,
    );
    await clone(db, 'offers', `t.id = '${template.offerId}'`, { id: offer, application_id: app() }, from, to);
    await clone(
      db,
      'loans',
      `t.id = '${template.id}'`,
      {
        id: loan,
        application_id: app(),
        offer_id: offer,
        number: `${firstNumber} + g`,
        idempotency_key: `'${tag}-' || g`,
      },
      from,
      to,
    );
    await clone(
      db,
      'loan_installments',
      `t.loan_id = '${template.id}'`,
      { id: 'gen_random_uuid()', loan_id: loan },
      from,
      to,
    );
    await clone(
      db,
      'ledger_entries',
      `t.loan_id = '${template.id}'`,
      {
        id: 'gen_random_uuid()',
        loan_id: loan,
        idempotency_key: `'${tag}-' || g || substr(t.idempotency_key, length('${template.idempotencyKey}') + 1)`,
      },
      from,
      to,
    );
  }
  await db.execute(sql`analyze`);
}
