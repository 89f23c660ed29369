/**
 * Servicing (issue 9): what the ledger does not hold.
 * - `payment_submissions`: payments a borrower says they sent; pending until the lender confirms
 *   receipt (confirming posts the ledger payment with the submission's idempotency key).
 * - `payment_receipts`: the method and reference of a posted payment (one per payment entry).
 * - `loan_rate_changes`: rate changes from a date (the default rate), fed to the engine.
 * - `servicing_runs` / `servicing_run_batches`: the daily run, once per organization and date.
 * - `loan_servicing_state`: a cache of derived state written by the run (bucket, days past due);
 *   recomputed from the ledger and the schedule, never the source of truth.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, instant, money, organizationId, plainDate, rate, updatedAt } from './columns.ts';
import { appUsers } from './identity.ts';
import { ledgerEntries, loans } from './loans.ts';

export const paymentSubmissions = pgTable(
  'payment_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    submittedBy: text('submitted_by')
      .notNull()
      .references(() => appUsers.id),
    amount: money('amount').notNull(),
    paymentDate: plainDate('payment_date').notNull(),
    method: text('method').notNull(),
    reference: text('reference'),
    /** pending → confirmed | rejected */
    status: text('status').notNull().default('pending'),
    idempotencyKey: text('idempotency_key').notNull(),
    ledgerEntryId: uuid('ledger_entry_id'),
    decidedBy: text('decided_by').references(() => appUsers.id),
    decidedAt: instant('decided_at'),
    rejectionReason: text('rejection_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payment_submissions_org_key_uq').on(t.organizationId, t.idempotencyKey),
    index('payment_submissions_org_status_idx').on(t.organizationId, t.status, t.createdAt),
    index('payment_submissions_loan_idx').on(t.loanId),
    check('payment_submissions_status_ck', sql`${t.status} in ('pending', 'confirmed', 'rejected')`),
    check('payment_submissions_amount_ck', sql`${t.amount} > 0`),
  ],
);

export const paymentReceipts = pgTable('payment_receipts', {
  ledgerEntryId: uuid('ledger_entry_id')
    .primaryKey()
    .references(() => ledgerEntries.id),
  organizationId: organizationId(),
  method: text('method').notNull(),
  reference: text('reference'),
  submissionId: uuid('submission_id'),
});

export const loanRateChanges = pgTable(
  'loan_rate_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    fromDate: plainDate('from_date').notNull(),
    /** Yearly rate in percent, as the engine takes it ("24"): numeric(14,10) like every rate. */
    annualRatePercent: rate('annual_rate_percent').notNull(),
    reason: text('reason').notNull(),
    actorUserId: text('actor_user_id').references(() => appUsers.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('loan_rate_changes_loan_from_uq').on(t.loanId, t.fromDate)],
);

export const servicingRuns = pgTable(
  'servicing_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    asOf: plainDate('as_of').notNull(),
    batchCount: integer('batch_count').notNull(),
    loanCount: integer('loan_count').notNull(),
    /** The batches: [first id, last id] of each, fixed when the run starts. */
    ranges: jsonb('ranges').$type<[string, string][]>().notNull(),
    startedAt: createdAt(),
    completedAt: instant('completed_at'),
  },
  (t) => [uniqueIndex('servicing_runs_org_as_of_uq').on(t.organizationId, t.asOf)],
);

export const servicingRunBatches = pgTable(
  'servicing_run_batches',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => servicingRuns.id),
    batch: integer('batch').notNull(),
    loansProcessed: integer('loans_processed').notNull(),
    lateFees: integer('late_fees').notNull(),
    completedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.batch] })],
);

export const loanServicingState = pgTable(
  'loan_servicing_state',
  {
    loanId: uuid('loan_id')
      .primaryKey()
      .references(() => loans.id),
    organizationId: organizationId(),
    asOf: plainDate('as_of').notNull(),
    daysPastDue: integer('days_past_due').notNull(),
    /** current | 1-29 | 30-59 | 60-89 | 90+ */
    bucket: text('bucket').notNull(),
    pastDue: money('past_due').notNull(),
    principalOutstanding: money('principal_outstanding').notNull(),
    nextDueDate: plainDate('next_due_date'),
    nextDueAmount: money('next_due_amount'),
    maturedUnpaid: boolean('matured_unpaid').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [index('loan_servicing_state_org_bucket_idx').on(t.organizationId, t.bucket)],
);
