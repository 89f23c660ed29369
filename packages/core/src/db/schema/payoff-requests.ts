/**
 * Payoff requests (issue 9 item 4): a borrower asks the lender for a payoff letter good through a
 * date. The letter itself is not stored: it is servicing's payoff quote for that date, rendered on
 * download (`GET /api/loans/:id/payoff-letter.pdf?asOf=<good through>`), so it always matches the
 * ledger. The row records who asked, for which date, why, and when a servicer answered.
 */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, organizationId, plainDate } from './columns.ts';
import { appUsers } from './identity.ts';
import { loans } from './loans.ts';

export const payoffRequests = pgTable(
  'payoff_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => loans.id),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => appUsers.id),
    goodThrough: plainDate('good_through').notNull(),
    note: text('note'),
    /** open → sent */
    status: text('status').notNull().default('open'),
    idempotencyKey: text('idempotency_key').notNull(),
    answeredBy: text('answered_by').references(() => appUsers.id),
    answeredAt: instant('answered_at'),
    answerNote: text('answer_note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payoff_requests_org_key_uq').on(t.organizationId, t.idempotencyKey),
    index('payoff_requests_org_status_idx').on(t.organizationId, t.status, t.createdAt),
    index('payoff_requests_loan_idx').on(t.loanId, t.createdAt),
    check('payoff_requests_status_ck', sql`${t.status} in ('open', 'sent')`),
    check('payoff_requests_note_len_ck', sql`char_length(${t.note}) <= 1000`),
    check('payoff_requests_answer_note_len_ck', sql`char_length(${t.answerNote}) <= 500`),
  ],
);
