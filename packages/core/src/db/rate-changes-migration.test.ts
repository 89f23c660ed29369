/**
 * The migration that makes loan_rate_changes.annual_rate_percent numeric(14,10) (it was text)
 * converts the rows already there: on a migrated database, the column is put back to text, rows
 * are written as text, and the migration's own SQL (found by its tag) runs again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { MIGRATIONS_FOLDER } from './client.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 2 });
});
afterAll(() => database.close());

const rows = (r: unknown) =>
  (Array.isArray(r) ? r : ((r as { rows: unknown[] }).rows ?? [])) as Record<string, unknown>[];

function migrationStatements(tagSuffix: string): string[] {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const entry = journal.entries.find((e) => e.tag.endsWith(tagSuffix));
  if (!entry) throw new Error(`no migration ${tagSuffix}`);
  return readFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

describe('migration: loan rate changes numeric', () => {
  it('converts existing text rates to numeric', async () => {
    const { db } = database;
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table loan_rate_changes alter column annual_rate_percent type text`);
      // Rows as the text column held them (foreign keys off for this transaction: no loans needed).
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`
        insert into loan_rate_changes (organization_id, loan_id, from_date, annual_rate_percent, reason)
        values (gen_random_uuid(), gen_random_uuid(), '2026-03-01', '24', 'default: test'),
               (gen_random_uuid(), gen_random_uuid(), '2026-04-01', '11.125', 'default: test')`);
    });
    // The migration also adds the payment waterfall columns; only its rate-change statement runs again.
    const statements = migrationStatements('_servicing_fixes').filter((s) => s.includes('loan_rate_changes'));
    expect(statements).toHaveLength(1);
    for (const statement of statements) await db.execute(sql.raw(statement));
    const out = rows(
      await db.execute(
        sql`select annual_rate_percent::text as rate, pg_typeof(annual_rate_percent)::text as type
            from loan_rate_changes order by from_date`,
      ),
    );
    expect(out).toEqual([
      { rate: '24.0000000000', type: 'numeric' },
      { rate: '11.1250000000', type: 'numeric' },
    ]);
  });
});
