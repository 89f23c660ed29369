/**
 * Concurrency: 50 concurrent posts with one key make one payment; 50 distinct concurrent payments
 * on one loan are all applied with consistent balances. The servicing run: twice for one date is
 * the same state; a run killed half-way then re-run equals one clean run; two workers run a date
 * exactly once. Real row locks need PostgreSQL: run with TEST_DATABASE=postgres (on PGlite the
 * statements are serialised, so the same tests pass trivially).
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { makeBorrower, makeFundedLoan, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { ledgerAgreement } from './agreement.ts';
import { loanBalances } from './balances.ts';
import { recordPayment, type ServicingActor } from './payments.ts';
import { runServicingBatch, runServicingForDate, startServicingRun } from './run.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 60 });
  db = database.db;
});
afterAll(() => database.close());

type Org = Awaited<ReturnType<typeof makeOrganization>>;
const servicer = (org: Org): ServicingActor => ({
  organizationId: org.id,
  userId: org.admin.userId,
  portal: 'lender',
});

async function stateOf(organizationId: string) {
  const ledger = await db.execute(sql`
    select l.loan_id, l.kind, l.effective_date::text, l.amount::text, l.principal::text, l.interest::text,
      l.fees::text, l.penalties::text, l.idempotency_key
    from ledger_entries l join loans on loans.id = l.loan_id
    where loans.organization_id = ${organizationId} order by l.loan_id, l.idempotency_key`);
  const cache = await db.execute(sql`
    select loan_id, as_of::text, days_past_due, bucket, past_due::text, matured_unpaid
    from loan_servicing_state where organization_id = ${organizationId} order by loan_id`);
  const notes = await db.execute(sql`
    select recipient_user_id, kind, title, loan_id from notifications
    where organization_id = ${organizationId} and kind in ('late_fee_charged', 'loan_delinquent', 'loan_matured')
    order by loan_id, recipient_user_id, kind, title`);
  const rows = (r: unknown) => (Array.isArray(r) ? r : ((r as { rows: unknown[] }).rows ?? []));
  return { ledger: rows(ledger), cache: rows(cache), notes: rows(notes) };
}

describe('payment posting under concurrency', () => {
  it('50 concurrent posts with one idempotency key make one payment', async () => {
    const org = await makeOrganization(db);
    const { loan } = await makeFundedLoan(db, org, await makeBorrower(db, org));
    const input = {
      loanId: loan.id,
      idempotencyKey: 'same-key-0001',
      amount: '2875.00',
      effectiveDate: '2026-02-15',
      method: 'ach' as const,
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => recordPayment(db, servicer(org), input)),
    );
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const payments = await db
      .select()
      .from(schema.ledgerEntries)
      .where(
        and(
          eq(schema.ledgerEntries.loanId, loan.id),
          eq(schema.ledgerEntries.idempotencyKey, 'client:same-key-0001'),
        ),
      );
    expect(payments).toHaveLength(1);
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
  });

  it('50 concurrent distinct payments on one loan are all applied, balances consistent', async () => {
    const org = await makeOrganization(db);
    const { loan } = await makeFundedLoan(db, org, await makeBorrower(db, org));
    const dates = ['2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15', '2026-06-15'];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        recordPayment(db, servicer(org), {
          loanId: loan.id,
          idempotencyKey: `distinct-${i}-key`,
          amount: '100.00',
          effectiveDate: dates[i % dates.length]!,
          method: 'ach',
        }),
      ),
    );
    const { mismatches, allocation } = await ledgerAgreement(db, loan.id);
    expect(mismatches).toEqual([]);
    expect(allocation.payments).toHaveLength(50);
    expect(allocation.totals.received).toBe('5000.00');
    const b = await loanBalances(db, loan.id, '2026-06-15');
    expect(b.totalPaid).toBe('5000.00');
  });
});

describe('the servicing run', () => {
  async function portfolio(loans = 4) {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const made = [];
    for (let i = 0; i < loans; i++) made.push((await makeFundedLoan(db, org, borrower)).loan);
    // One loan pays on time, the others do not.
    await recordPayment(db, servicer(org), {
      loanId: made[0]!.id,
      idempotencyKey: `ontime-${org.id}`,
      amount: '2875.00',
      effectiveDate: '2026-02-15',
      method: 'ach',
    });
    return { org, loans: made };
  }

  it('twice for the same date gives the same state', async () => {
    const { org } = await portfolio();
    await runServicingForDate(db, org.id, '2026-04-20', { batchSize: 2 });
    const once = await stateOf(org.id);
    expect(once.ledger.filter((r) => (r as { kind: string }).kind === 'late_fee').length).toBeGreaterThan(0);
    const again = await runServicingForDate(db, org.id, '2026-04-20', { batchSize: 2 });
    expect(again.alreadyCompleted).toBe(true);
    expect(await stateOf(org.id)).toEqual(once);
  });

  it('killed half-way then re-run: the same state as one clean run', async () => {
    const clean = await portfolio();
    await runServicingForDate(db, clean.org.id, '2026-04-20', { batchSize: 2 });
    const broken = await portfolio();
    const run = await startServicingRun(db, broken.org.id, '2026-04-20', 2);
    expect(run.ranges.length).toBe(2);
    // The first batch's transaction dies in the middle (after its late fees were written).
    let calls = 0;
    const dying = new Proxy(db, {
      get(target, p, receiver) {
        if (p === 'transaction')
          return (work: (tx: unknown) => Promise<unknown>, config: unknown) =>
            target.transaction(async (tx) => {
              const out = await work(
                new Proxy(tx, {
                  get(t, q, r) {
                    if (q === 'insert' && ++calls === 4) throw new Error('killed');
                    const v = Reflect.get(t, q, r);
                    return typeof v === 'function' ? v.bind(t) : v;
                  },
                }),
              );
              return out;
            }, config as never);
        const v = Reflect.get(target, p, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    await expect(runServicingBatch(dying as typeof db, run.runId, 0)).rejects.toThrow('killed');
    expect(
      await db
        .select()
        .from(schema.servicingRunBatches)
        .where(eq(schema.servicingRunBatches.runId, run.runId)),
    ).toHaveLength(0);
    await runServicingForDate(db, broken.org.id, '2026-04-20', { batchSize: 2 });
    const a = await stateOf(clean.org.id);
    const b = await stateOf(broken.org.id);
    const shape = (s: Awaited<ReturnType<typeof stateOf>>) => ({
      ledger: s.ledger
        .map((r) => {
          const { loan_id: _l, idempotency_key: _k, ...rest } = r as Record<string, unknown>;
          return rest;
        })
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
      cache: s.cache
        .map((r) => {
          const { loan_id: _l, ...rest } = r as Record<string, unknown>;
          return rest;
        })
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
      notes: s.notes.length,
    });
    expect(shape(b)).toEqual(shape(a));
  });

  it('two workers on one database run a date exactly once', async () => {
    const { org } = await portfolio(6);
    // Two "processes": each starts the run and races over every batch.
    const work = async () => {
      const run = await startServicingRun(db, org.id, '2026-05-01', 2);
      const done = [];
      for (let b = 0; b < run.ranges.length; b++) done.push(await runServicingBatch(db, run.runId, b));
      return done;
    };
    const [x, y] = await Promise.all([work(), work()]);
    const processed = [...x, ...y].filter((r) => r !== null);
    expect(processed).toHaveLength(3); // 3 batches, each processed by exactly one worker
    const runs = await db
      .select()
      .from(schema.servicingRuns)
      .where(eq(schema.servicingRuns.organizationId, org.id));
    expect(runs).toHaveLength(1);
    expect(runs[0]!.completedAt).not.toBeNull();
    const fees = await db.execute(
      sql`select idempotency_key, count(*)::int as n from ledger_entries where organization_id = ${org.id} and kind = 'late_fee' group by 1 having count(*) > 1`,
    );
    expect(Array.isArray(fees) ? fees : (fees as { rows: unknown[] }).rows).toHaveLength(0);
  });
});
