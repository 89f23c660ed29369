/**
 * The run through pg-boss. On PostgreSQL (TEST_DATABASE=postgres): two PgBoss instances — two API
 * processes — on one database both ask for the same date; every batch is processed exactly once
 * and the date's run is recorded once. On PGlite: the same through `fromPglite` in one process.
 */
import { eq } from 'drizzle-orm';
import { fromPglite, PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { makeBorrower, makeFundedLoan, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { requestServicingDay, startServicingWorker } from './jobs.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
const bosses: PgBoss[] = [];
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 20 });
  db = database.db;
});
afterAll(async () => {
  for (const b of bosses) await b.stop({ graceful: false, timeout: 2000 }).catch(() => {});
  await database.close();
});

function newBoss() {
  const boss =
    database.target === 'pglite'
      ? new PgBoss({
          db: fromPglite((db as unknown as { $client: Parameters<typeof fromPglite>[0] }).$client),
          backend: 'pglite',
        } as never)
      : new PgBoss({ connectionString: database.url!, max: 4 });
  boss.on('error', (e) => console.error('pg-boss', e));
  bosses.push(boss);
  return boss;
}

describe('servicing jobs (pg-boss)', () => {
  it('two processes on one database run a date exactly once', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    for (let i = 0; i < 5; i++) await makeFundedLoan(db, org, borrower);
    const processes = database.target === 'pglite' ? 1 : 2;
    const processed: string[] = [];
    const skipped: string[] = [];
    for (let p = 0; p < processes; p++) {
      const boss = newBoss();
      await boss.start();
      await startServicingWorker({
        db,
        boss,
        cron: null,
        pollingIntervalSeconds: 0.5,
        onBatch: (job, r) => (r ? processed : skipped).push(`${job.runId}:${job.batch}`),
      });
    }
    // Both processes ask for the day (as their cron would), twice each.
    await Promise.all(
      bosses.flatMap((b) => [
        requestServicingDay(b, '2026-05-01', 2),
        requestServicingDay(b, '2026-05-01', 2),
      ]),
    );
    const deadline = Date.now() + 60_000;
    let run: typeof schema.servicingRuns.$inferSelect | undefined;
    while (Date.now() < deadline) {
      [run] = await db
        .select()
        .from(schema.servicingRuns)
        .where(eq(schema.servicingRuns.organizationId, org.id));
      if (run?.completedAt) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(run?.completedAt).toBeTruthy();
    expect(run!.batchCount).toBe(3);
    const mine = processed.filter((k) => k.startsWith(run!.id));
    expect(mine.sort()).toEqual([`${run!.id}:0`, `${run!.id}:1`, `${run!.id}:2`]);
    const batches = await db
      .select()
      .from(schema.servicingRunBatches)
      .where(eq(schema.servicingRunBatches.runId, run!.id));
    expect(batches.map((b) => b.loansProcessed).reduce((a, b) => a + b, 0)).toBe(5);
  }, 90_000);
});
