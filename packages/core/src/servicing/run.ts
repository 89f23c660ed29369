/**
 * The daily servicing run as of a date (docs/servicing.md § The daily run).
 *
 * - `startServicingRun` records the run (one row per organization and date) and splits the open
 *   loans into batches by id range; a completed run for that date is a no-op.
 * - `runServicingBatch` processes one batch in ONE transaction that first claims the batch
 *   (primary key run + batch): a second worker on the same batch waits for the first and then
 *   finds it claimed, so a batch runs exactly once; a process killed half-way rolls the whole
 *   batch back and the re-run does it again. Late fees have the key `late-fee:<installment id>`,
 *   so even a repeated loan cannot be charged twice.
 * - `runServicingForDate` runs every batch inline (the CLI, and the PGlite fallback); the pg-boss
 *   worker (jobs.ts) runs the same batches as jobs that several API processes share.
 */
import Decimal from 'decimal.js';
import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
  ledgerEntries,
  loanInstallments,
  loanRateChanges,
  loanServicingState,
  loans,
  servicingRunBatches,
  servicingRuns,
} from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { type LoanRow, loanReference } from '../loans/loans.ts';
import {
  deliverNotificationEmails,
  type NotificationInput,
  type NotificationRow,
  type NotificationServices,
  recordNotifications,
} from '../notifications/notifications.ts';
import { todayUtc } from '../offers/terms.ts';
import { balancesFromView } from './balances.ts';
import { lateFeeCheckDate, lateFeeHistory, nextLateFeeKey, paidBefore } from './late-fees.ts';
import { allocate, type LedgerEntryRow, type LedgerView, money, reconcileWith, viewOf } from './ledger.ts';
import { DELINQUENCY_BUCKETS } from './servicing.inputs.ts';
import { servicingStaff } from './staff.ts';

export const DEFAULT_BATCH_SIZE = 500;

export interface RunSummary {
  runId: string;
  organizationId: string;
  asOf: string;
  batches: number;
  loans: number;
  alreadyCompleted: boolean;
  lateFees: number;
}

type Range = [string, string];

/** Records the run for (organization, date) and its batches; returns them (the same on a re-run). */
export async function startServicingRun(
  db: Executor,
  organizationId: string,
  asOf: string,
  batchSize = DEFAULT_BATCH_SIZE,
): Promise<{ runId: string; ranges: Range[]; completed: boolean; loans: number }> {
  // A future date would charge late fees before they are due.
  if (asOf > todayUtc())
    throw new DomainError(
      'BAD_REQUEST',
      `The servicing date cannot be after today, ${todayUtc()} (it is ${asOf}).`,
    );
  const [existing] = await db
    .select()
    .from(servicingRuns)
    .where(and(eq(servicingRuns.organizationId, organizationId), eq(servicingRuns.asOf, asOf)));
  if (existing)
    return {
      runId: existing.id,
      ranges: existing.ranges as Range[],
      completed: existing.completedAt !== null,
      loans: existing.loanCount,
    };
  // Batch boundaries by id over the open loans, set-based (row_number over the ids).
  const rows = (await db.execute(sql`
    select min(id::text) as "from", max(id::text) as "to", count(*)::int as n from (
      select id, (row_number() over (order by id) - 1) / ${batchSize} as b
      from loans where organization_id = ${organizationId} and status in ('active', 'defaulted')
        and funded_on <= ${asOf}
    ) t group by b order by b`)) as unknown as
    | { rows?: { from: string; to: string; n: number }[] }
    | { from: string; to: string; n: number }[];
  const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
  const ranges: Range[] = list.map((r) => [r.from, r.to]);
  const count = list.reduce((a, r) => a + Number(r.n), 0);
  await db
    .insert(servicingRuns)
    .values({ organizationId, asOf, batchCount: ranges.length, loanCount: count, ranges })
    .onConflictDoNothing();
  const [run] = await db
    .select()
    .from(servicingRuns)
    .where(and(eq(servicingRuns.organizationId, organizationId), eq(servicingRuns.asOf, asOf)));
  return {
    runId: run!.id,
    ranges: run!.ranges as Range[],
    completed: run!.completedAt !== null,
    loans: run!.loanCount,
  };
}

function lateFeeOf(terms: LoanRow['terms'], installmentTotal: string): Decimal {
  const rule = terms.lateFee;
  if (!rule) return new Decimal(0);
  const rounding = terms.rounding === 'half_up' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_HALF_EVEN;
  let fee = new Decimal(installmentTotal).times(rule.percent).div(100).toDecimalPlaces(2, rounding);
  if (rule.minimum !== undefined && fee.lt(rule.minimum)) fee = new Decimal(rule.minimum);
  if (rule.maximum !== undefined && fee.gt(rule.maximum)) fee = new Decimal(rule.maximum);
  return fee;
}

/**
 * Late fees due by `asOf` not yet charged: an installment whose principal and interest were not
 * paid in full by the end of its grace days (payments dated after the grace do not count), once
 * per installment (again only when its fee was removed automatically and it is late after all),
 * dated the day after the grace (as the engine's own rule does).
 */
function lateFeesDue(
  view: LedgerView,
  installmentIds: Map<number, string>,
  history: ReturnType<typeof lateFeeHistory>,
  asOf: string,
) {
  const allocation = allocate(view);
  const rule = view.loan.terms.lateFee;
  if (!rule) return { fees: [], allocation };
  const out: { installmentId: string; key: string; number: number; date: string; amount: string }[] = [];
  for (const i of allocation.installments) {
    const check = lateFeeCheckDate(view.loan.terms, i.dueDate);
    if (check > asOf) break;
    const id = installmentIds.get(i.number);
    const earlier = id ? history.get(id) : undefined;
    if (!id || earlier?.standing) continue;
    const owedTotal = new Decimal(i.principal).plus(i.interest);
    if (owedTotal.lte(0)) continue;
    if (paidBefore(allocation, i.number, check)) continue;
    const amount = lateFeeOf(view.loan.terms, owedTotal.toFixed(2));
    if (amount.lte(0)) continue;
    out.push({
      installmentId: id,
      key: nextLateFeeKey(id, earlier?.count ?? 0),
      number: i.number,
      date: check,
      amount: money(amount),
    });
  }
  return { fees: out, allocation };
}

/** Services one loan as of a date in `tx`: late fees, delinquency, maturity; returns notifications. */
type StateRow = typeof loanServicingState.$inferSelect;
export interface LoanInputs {
  entries: LedgerEntryRow[];
  changes: { from: string; annualRate: string }[];
  installmentIds: Map<number, string>;
  previous: StateRow | undefined;
}

/** Everything the run reads for a set of loans, in four queries. */
export async function loadLoanInputs(tx: Executor, loanIds: string[]): Promise<Map<string, LoanInputs>> {
  const out = new Map<string, LoanInputs>();
  for (const id of loanIds)
    out.set(id, { entries: [], changes: [], installmentIds: new Map(), previous: undefined });
  if (loanIds.length === 0) return out;
  // One after the other: a transaction is one connection.
  const entries = await tx
    .select()
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.loanId, loanIds))
    .orderBy(asc(ledgerEntries.loanId), asc(ledgerEntries.effectiveDate), asc(ledgerEntries.sequence));
  const changes = await tx
    .select({
      loanId: loanRateChanges.loanId,
      from: loanRateChanges.fromDate,
      annualRate: loanRateChanges.annualRatePercent,
    })
    .from(loanRateChanges)
    .where(inArray(loanRateChanges.loanId, loanIds))
    .orderBy(asc(loanRateChanges.fromDate));
  const installments = await tx
    .select({ loanId: loanInstallments.loanId, id: loanInstallments.id, number: loanInstallments.number })
    .from(loanInstallments)
    .where(inArray(loanInstallments.loanId, loanIds));
  const states = await tx
    .select()
    .from(loanServicingState)
    .where(inArray(loanServicingState.loanId, loanIds));
  for (const e of entries) out.get(e.loanId)?.entries.push(e);
  for (const c of changes) out.get(c.loanId)?.changes.push({ from: c.from, annualRate: c.annualRate });
  for (const i of installments) out.get(i.loanId)?.installmentIds.set(i.number, i.id);
  for (const st of states) {
    const x = out.get(st.loanId);
    if (x) x.previous = st;
  }
  return out;
}

/** Services one loan as of a date in `tx`: late fees, delinquency, maturity, its state row. */
export async function serviceLoan(
  tx: Executor,
  loan: LoanRow,
  asOf: string,
  staff: string[] = [loan.fundedBy],
) {
  const inputs = (await loadLoanInputs(tx, [loan.id])).get(loan.id)!;
  const r = await serviceLoanWith(tx, loan, asOf, staff, inputs);
  await upsertStates(tx, [r.state]);
  return r;
}

export async function upsertStates(tx: Executor, states: StateRow[]) {
  for (let i = 0; i < states.length; i += 1000)
    await tx
      .insert(loanServicingState)
      .values(states.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: loanServicingState.loanId,
        set: {
          asOf: sql`excluded.as_of`,
          daysPastDue: sql`excluded.days_past_due`,
          bucket: sql`excluded.bucket`,
          pastDue: sql`excluded.past_due`,
          principalOutstanding: sql`excluded.principal_outstanding`,
          nextDueDate: sql`excluded.next_due_date`,
          nextDueAmount: sql`excluded.next_due_amount`,
          maturedUnpaid: sql`excluded.matured_unpaid`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
}

/** The work on one loan from preloaded inputs; the caller writes the returned state. */
export async function serviceLoanWith(
  tx: Executor,
  loan: LoanRow,
  asOf: string,
  staff: string[],
  inputs: LoanInputs,
): Promise<{ lateFees: number; notes: NotificationInput[]; state: StateRow }> {
  const notes: NotificationInput[] = [];
  const { entries, changes, installmentIds: ids, previous } = inputs;
  let view = viewOf(loan, entries, changes, asOf);
  const { fees, allocation } = lateFeesDue(view, ids, lateFeeHistory(entries), asOf);
  let b: ReturnType<typeof balancesFromView>;
  if (fees.length === 0) b = balancesFromView(view, asOf, { allocation, accrued: false });
  else {
    const inserted = await tx
      .insert(ledgerEntries)
      .values(
        fees.map((f) => ({
          organizationId: loan.organizationId,
          loanId: loan.id,
          kind: 'late_fee' as const,
          effectiveDate: f.date,
          amount: f.amount,
          penalties: f.amount,
          description: `Late fee on installment ${f.number}`,
          actorUserId: null,
          idempotencyKey: f.key,
        })),
      )
      .onConflictDoNothing()
      .returning();
    const all = [...entries, ...inserted].sort((x, y) =>
      x.effectiveDate < y.effectiveDate
        ? -1
        : x.effectiveDate > y.effectiveDate
          ? 1
          : x.sequence - y.sequence,
    );
    // Earlier payments may now pay the new late fees first: reconcile when there are payments.
    if (all.some((e) => e.kind === 'payment' || e.kind === 'payoff')) {
      const full = viewOf(loan, all, changes);
      await reconcileWith(tx, full, allocate(full), {
        key: `run:${asOf}:${loan.id}`,
        effectiveDate: asOf,
        actorUserId: null,
      });
    }
    view = viewOf(loan, all, changes, asOf);
    b = balancesFromView(view, asOf, { accrued: false });
  }
  const state: StateRow = {
    loanId: loan.id,
    organizationId: loan.organizationId,
    asOf,
    daysPastDue: b.daysPastDue,
    bucket: b.bucket,
    pastDue: b.pastDue,
    principalOutstanding: b.principalOutstanding,
    nextDueDate: b.nextDue?.dueDate ?? null,
    nextDueAmount: b.nextDue?.amount ?? null,
    maturedUnpaid: b.maturedUnpaid,
    updatedAt: new Date(),
  };
  const ref = loanReference(loan.number);
  const both = (kind: NotificationInput['kind'], title: string, body: string) => {
    notes.push({
      organizationId: loan.organizationId,
      recipientUserId: loan.borrowerUserId,
      portal: 'borrower',
      kind,
      title,
      body,
      loanId: loan.id,
    });
    for (const s of staff)
      notes.push({
        organizationId: loan.organizationId,
        recipientUserId: s,
        portal: 'lender',
        kind,
        title,
        body,
        loanId: loan.id,
      });
  };
  for (const f of fees)
    both(
      'late_fee_charged',
      `Late fee on ${ref}`,
      `A late fee of ${f.amount} was charged on installment ${f.number} (${f.date}).`,
    );
  const rank = (x: string | undefined) => (x ? DELINQUENCY_BUCKETS.indexOf(x as never) : 0);
  if (rank(b.bucket) > rank(previous?.bucket))
    both(
      'loan_delinquent',
      `${ref} is ${b.daysPastDue} days past due`,
      `Past due ${b.pastDue} as of ${asOf} (bucket ${b.bucket}).`,
    );
  if (b.maturedUnpaid && !previous?.maturedUnpaid)
    both(
      'loan_matured',
      `${ref} matured unpaid`,
      `The loan matured on ${loan.maturityDate}; ${b.principalOutstanding} of principal is unpaid.`,
    );
  return { lateFees: fees.length, notes, state };
}

/**
 * Processes one batch exactly once: claim (insert the batch row) and every loan of the range in one
 * transaction. Returns null when another worker already did it.
 */
export async function runServicingBatch(
  db: Executor,
  runId: string,
  batch: number,
  services?: NotificationServices | null,
): Promise<{ loans: number; lateFees: number } | null> {
  let written: NotificationRow[] = [];
  const result = await inTransaction(db, async (tx) => {
    const [run] = await tx.select().from(servicingRuns).where(eq(servicingRuns.id, runId));
    if (!run) return null;
    const range = (run.ranges as Range[])[batch];
    if (!range) return null;
    const claimed = await tx
      .insert(servicingRunBatches)
      .values({ runId, batch, loansProcessed: 0, lateFees: 0 })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) return null;
    const list = await tx
      .select()
      .from(loans)
      .where(
        and(
          eq(loans.organizationId, run.organizationId),
          inArray(loans.status, ['active', 'defaulted']),
          gte(sql`${loans.id}::text`, range[0]),
          lte(sql`${loans.id}::text`, range[1]),
          lte(loans.fundedOn, run.asOf),
        ),
      )
      .orderBy(asc(loans.id));
    let lateFees = 0;
    const notes: NotificationInput[] = [];
    const staff = await servicingStaff(tx, run.organizationId);
    const inputs = await loadLoanInputs(
      tx,
      list.map((l) => l.id),
    );
    const states: StateRow[] = [];
    for (const loan of list) {
      const r = await serviceLoanWith(tx, loan, run.asOf, staff, inputs.get(loan.id)!);
      lateFees += r.lateFees;
      notes.push(...r.notes);
      states.push(r.state);
    }
    await upsertStates(tx, states);
    await tx.execute(
      sql`update servicing_run_batches set loans_processed = ${list.length}, late_fees = ${lateFees} where run_id = ${runId} and batch = ${batch}`,
    );
    written = await recordNotifications(tx, notes);
    // The last batch completes the run.
    const [done] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(servicingRunBatches)
      .where(eq(servicingRunBatches.runId, runId))) as [{ n: number }];
    if (Number(done.n) >= run.batchCount)
      await tx
        .update(servicingRuns)
        .set({ completedAt: new Date() })
        .where(and(eq(servicingRuns.id, runId), isNull(servicingRuns.completedAt)));
    return { loans: list.length, lateFees };
  });
  if (written.length > 0) await deliverNotificationEmails(db, services, written);
  return result;
}

async function completeIfEmpty(db: Executor, runId: string, batches: number) {
  if (batches === 0)
    await db
      .update(servicingRuns)
      .set({ completedAt: new Date() })
      .where(and(eq(servicingRuns.id, runId), isNull(servicingRuns.completedAt)));
}

/** The whole run inline: every batch not yet done, in order. Idempotent per (organization, date). */
export async function runServicingForDate(
  db: Executor,
  organizationId: string,
  asOf: string,
  options: { batchSize?: number; services?: NotificationServices | null; concurrency?: number } = {},
): Promise<RunSummary> {
  const run = await startServicingRun(db, organizationId, asOf, options.batchSize);
  let lateFees = 0;
  if (!run.completed) {
    // Batches in order, `concurrency` at a time (as that many job workers would).
    let nextBatch = 0;
    const worker = async () => {
      while (nextBatch < run.ranges.length) {
        const b = nextBatch++;
        const r = await runServicingBatch(db, run.runId, b, options.services);
        lateFees += r?.lateFees ?? 0;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
    await completeIfEmpty(db, run.runId, run.ranges.length);
  }
  return {
    runId: run.runId,
    organizationId,
    asOf,
    batches: run.ranges.length,
    loans: run.loans,
    alreadyCompleted: run.completed,
    lateFees,
  };
}

export { completeIfEmpty };

/** Organizations with loans to service (active or defaulted). */
export async function organizationsWithOpenLoans(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: loans.organizationId })
    .from(loans)
    .where(inArray(loans.status, ['active', 'defaulted']));
  return rows.map((r) => r.id);
}
