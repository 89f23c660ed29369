/**
 * Loans, their schedule and their ledger (PRODUCT.md §2 Funding and Servicing).
 * - `loans.terms` is the immutable copy of the terms the loan was funded on.
 * - `loan_installments` is what is due (from the engine), never mixed with received money.
 * - `ledger_entries` is every money movement; append-only (a trigger refuses UPDATE and DELETE):
 *   a correction is a new `reversal` or `adjustment` row that points at what it corrects.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LoanTermsSnapshot } from '../../offers/offers.inputs.ts';
import { DEFAULT_PAYMENT_WATERFALL, type PaymentWaterfall } from '../../products/products.constants.ts';
import { applications, offers } from './applications.ts';
import { createdAt, money, organizationId, plainDate, rate, updatedAt } from './columns.ts';
import { ledgerEntryKindEnum, loanStatusEnum } from './enums.ts';
import { appUsers } from './identity.ts';
import { loanProductVersions } from './products.ts';

export const loans = pgTable(
  'loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    /** 1, 2, 3… per organization; shown as "L-000123". */
    number: integer('number').notNull(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id),
    productVersionId: uuid('product_version_id')
      .notNull()
      .references(() => loanProductVersions.id),
    borrowerUserId: text('borrower_user_id')
      .notNull()
      .references(() => appUsers.id),
    status: loanStatusEnum('status').notNull().default('active'),
    principal: money('principal').notNull(),
    annualRatePercent: rate('annual_rate_percent').notNull(),
    aprPercent: rate('apr_percent').notNull(),
    /** The engine's terms as funded (start date = funding date). Never updated. */
    terms: jsonb('terms').$type<LoanTermsSnapshot>().notNull(),
    /** The product version's payment waterfall at funding (servicing applies payments by it). Never updated. */
    paymentWaterfall: jsonb('payment_waterfall')
      .$type<PaymentWaterfall>()
      .notNull()
      .default(DEFAULT_PAYMENT_WATERFALL),
    fundedOn: plainDate('funded_on').notNull(),
    maturityDate: plainDate('maturity_date').notNull(),
    /** The funding request's idempotency key: the same key returns this loan again. */
    idempotencyKey: text('idempotency_key').notNull(),
    fundedBy: text('funded_by')
      .notNull()
      .references(() => appUsers.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('loans_org_number_uq').on(t.organizationId, t.number),
    uniqueIndex('loans_org_idempotency_key_uq').on(t.organizationId, t.idempotencyKey),
    uniqueIndex('loans_application_uq').on(t.applicationId),
    index('loans_org_borrower_idx').on(t.organizationId, t.borrowerUserId),
    index('loans_org_status_idx').on(t.organizationId, t.status),
  ],
);

/** The schedule as the engine produced it at funding (a re-amortization would add rows elsewhere). */
export const loanInstallments = pgTable(
  'loan_installments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    number: integer('number').notNull(),
    periodStart: plainDate('period_start').notNull(),
    dueDate: plainDate('due_date').notNull(),
    principal: money('principal').notNull(),
    interest: money('interest').notNull(),
    total: money('total').notNull(),
    /** Principal outstanding after this installment, as scheduled. */
    balance: money('balance').notNull(),
  },
  (t) => [
    uniqueIndex('loan_installments_loan_number_uq').on(t.loanId, t.number),
    index('loan_installments_org_due_idx').on(t.organizationId, t.dueDate),
  ],
);

/**
 * Every money movement of a loan. `amount` is the whole movement (always positive; the kind says
 * its direction); the allocation columns say which balance it moved, signed as it moves the
 * borrower's balance (a disbursement adds principal, a payment removes it).
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order within the database: the ledger's total order for equal effective dates. */
    sequence: bigserial('sequence', { mode: 'number' }).notNull(),
    organizationId: organizationId(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    kind: ledgerEntryKindEnum('kind').notNull(),
    effectiveDate: plainDate('effective_date').notNull(),
    amount: money('amount').notNull(),
    principal: money('principal').notNull().default('0'),
    interest: money('interest').notNull().default('0'),
    fees: money('fees').notNull().default('0'),
    penalties: money('penalties').notNull().default('0'),
    description: text('description'),
    /** The entry this one reverses (kind = reversal). */
    reversesEntryId: uuid('reverses_entry_id'),
    actorUserId: text('actor_user_id').references(() => appUsers.id),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ledger_entries_org_idempotency_key_uq').on(t.organizationId, t.idempotencyKey),
    index('ledger_entries_loan_idx').on(t.loanId, t.effectiveDate, t.sequence),
    index('ledger_entries_reverses_idx').on(t.reversesEntryId),
    check('ledger_entries_amount_not_negative', sql`${t.amount} >= 0`),
  ],
);
