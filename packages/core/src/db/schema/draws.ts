/**
 * Construction draws (PRODUCT.md §2 Servicing, issue 9 item 6): budget lines per loan (from the
 * application's rehab budget), the borrower's draw requests with amounts per line and photos,
 * inspections, approval capped by each line's remaining budget, and disbursement into the ledger.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { DRAW_STATUSES } from '../../draws/draws.constants.ts';
import { createdAt, instant, money, organizationId, plainDate, updatedAt } from './columns.ts';
import { documents } from './documents.ts';
import { appUsers } from './identity.ts';
import { ledgerEntries, loans } from './loans.ts';

export const drawStatusEnum = pgEnum('draw_status', DRAW_STATUSES);

export const drawBudgetLines = pgTable(
  'draw_budget_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    /** Order on the budget (1, 2, 3…). */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    budget: money('budget').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('draw_budget_lines_loan_name_uq').on(t.loanId, t.name),
    index('draw_budget_lines_org_loan_idx').on(t.organizationId, t.loanId, t.position),
    check('draw_budget_lines_budget_positive', sql`${t.budget} > 0`),
  ],
);

export const drawRequests = pgTable(
  'draw_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    /** 1, 2, 3… per loan. */
    number: integer('number').notNull(),
    status: drawStatusEnum('status').notNull().default('requested'),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => appUsers.id),
    /** The borrower's key: the same key returns the same request. */
    idempotencyKey: text('idempotency_key').notNull(),
    note: text('note'),
    amountRequested: money('amount_requested').notNull(),
    amountApproved: money('amount_approved'),
    decidedBy: text('decided_by').references(() => appUsers.id),
    decidedAt: instant('decided_at'),
    decisionNote: text('decision_note'),
    disbursedOn: plainDate('disbursed_on'),
    disbursedBy: text('disbursed_by').references(() => appUsers.id),
    ledgerEntryId: uuid('ledger_entry_id').references(() => ledgerEntries.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('draw_requests_loan_number_uq').on(t.loanId, t.number),
    uniqueIndex('draw_requests_org_idempotency_key_uq').on(t.organizationId, t.idempotencyKey),
    index('draw_requests_org_loan_idx').on(t.organizationId, t.loanId, t.createdAt),
    index('draw_requests_org_status_idx').on(t.organizationId, t.status),
  ],
);

export const drawRequestLines = pgTable(
  'draw_request_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    drawRequestId: uuid('draw_request_id')
      .notNull()
      .references(() => drawRequests.id),
    budgetLineId: uuid('budget_line_id')
      .notNull()
      .references(() => drawBudgetLines.id),
    amountRequested: money('amount_requested').notNull(),
    amountApproved: money('amount_approved'),
  },
  (t) => [
    uniqueIndex('draw_request_lines_request_line_uq').on(t.drawRequestId, t.budgetLineId),
    index('draw_request_lines_budget_line_idx').on(t.budgetLineId),
    check('draw_request_lines_requested_positive', sql`${t.amountRequested} > 0`),
    check(
      'draw_request_lines_approved_not_negative',
      sql`${t.amountApproved} is null or ${t.amountApproved} >= 0`,
    ),
  ],
);

export const drawInspections = pgTable(
  'draw_inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    drawRequestId: uuid('draw_request_id')
      .notNull()
      .references(() => drawRequests.id),
    scheduledFor: plainDate('scheduled_for').notNull(),
    inspector: text('inspector').notNull(),
    scheduledBy: text('scheduled_by')
      .notNull()
      .references(() => appUsers.id),
    completedAt: instant('completed_at'),
    completedBy: text('completed_by').references(() => appUsers.id),
    percentComplete: integer('percent_complete'),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('draw_inspections_request_uq').on(t.drawRequestId),
    check(
      'draw_inspections_percent_range',
      sql`${t.percentComplete} is null or (${t.percentComplete} between 0 and 100)`,
    ),
  ],
);

/** Photos of a draw request: documents of the loan's application (the existing storage), linked here. */
export const drawRequestPhotos = pgTable(
  'draw_request_photos',
  {
    organizationId: organizationId(),
    drawRequestId: uuid('draw_request_id')
      .notNull()
      .references(() => drawRequests.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
  },
  (t) => [primaryKey({ columns: [t.drawRequestId, t.documentId] })],
);
