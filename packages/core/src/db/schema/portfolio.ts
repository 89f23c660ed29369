/**
 * The portfolio's running figures (PRODUCT.md §2 Portfolio), kept by triggers on loans, the
 * schedule and the ledger (migration 0010), so the dashboard reads one narrow row per open loan
 * and one row per day instead of aggregating millions of installments and ledger entries:
 *
 * - `portfolio_loan_positions`: per loan, its status, rate, maturity and property value (copied
 *   when the loan is funded; the status follows the loan), its unpaid principal (the ledger's
 *   principal balance), what it has paid toward the schedule (principal and interest taken off by
 *   non-funding entries) and the due date of its oldest installment not yet covered by that.
 * - `portfolio_daily_cash_flows`: per organization and day, installments due and money received.
 *
 * Derived data only: the ledger and the schedule stay the truth, and migration 0010 rebuilds these
 * from them.
 */
import { sql } from 'drizzle-orm';
import { date, index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { money, organizationId, plainDate, rate } from './columns.ts';
import { loanStatusEnum } from './enums.ts';
import { loans } from './loans.ts';

export const portfolioLoanPositions = pgTable(
  'portfolio_loan_positions',
  {
    loanId: uuid('loan_id')
      .primaryKey()
      .references(() => loans.id),
    organizationId: organizationId(),
    status: loanStatusEnum('status').notNull(),
    annualRatePercent: rate('annual_rate_percent').notNull(),
    maturityDate: plainDate('maturity_date').notNull(),
    /** The property's as-is value at application (null when none was given). */
    asIsValue: money('as_is_value'),
    unpaidPrincipal: money('unpaid_principal').notNull().default('0'),
    paidTowardSchedule: money('paid_toward_schedule').notNull().default('0'),
    /** Null when every installment is covered. */
    oldestUnpaidDueDate: plainDate('oldest_unpaid_due_date'),
  },
  (t) => [index('portfolio_loan_positions_org_status_idx').on(t.organizationId, t.status)],
);

export const portfolioDailyCashFlows = pgTable(
  'portfolio_daily_cash_flows',
  {
    organizationId: organizationId(),
    day: date('day', { mode: 'string' }).notNull(),
    /** Installments falling due that day (their totals). */
    expected: money('expected').notNull().default(sql`0`),
    /** Payments and payoffs received that day, less reversals of them. */
    collected: money('collected').notNull().default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.day] })],
);
