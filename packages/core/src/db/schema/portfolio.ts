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
 * - `portfolio_rollups` (issue 9 performance): the positions summed per organization, status,
 *   oldest unpaid due date and maturity date (open loans; closed loans in one row per status), so
 *   the dashboard folds a few thousand rows instead of one per loan. Kept by a trigger on the
 *   positions (migration 0013), in the same transaction as the write that moved a position.
 * - `portfolio_pipeline_counts`: applications and their requested amounts per organization and
 *   status, kept by triggers on applications.
 *
 * Derived data only: the ledger and the schedule stay the truth, and migrations 0011 / 0013
 * rebuild these from them.
 */
import { sql } from 'drizzle-orm';
import { bigint, date, index, numeric, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { money, organizationId, plainDate, rate } from './columns.ts';
import { applicationStatusEnum, loanStatusEnum } from './enums.ts';
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

/** A sum of money over many rows (wider than one amount). */
const moneySum = (name: string) => numeric(name, { precision: 20, scale: 2, mode: 'string' });

export const portfolioRollups = pgTable(
  'portfolio_rollups',
  {
    organizationId: organizationId(),
    status: loanStatusEnum('status').notNull(),
    /** 'infinity' when every installment is covered, and for closed loans (paid off, charged off). */
    oldestUnpaidDueDate: date('oldest_unpaid_due_date', { mode: 'string' }).notNull(),
    /** 'infinity' for closed loans. */
    maturityDate: date('maturity_date', { mode: 'string' }).notNull(),
    loans: bigint('loans', { mode: 'number' }).notNull().default(0),
    /** Σ unpaid principal (negative balances count as 0). */
    unpaidPrincipal: moneySum('unpaid_principal').notNull().default('0'),
    /** Σ unpaid principal × annual rate (percent): the weighted average rate's numerator. */
    rateWeight: numeric('rate_weight', { mode: 'string' }).notNull().default('0'),
    /** Σ unpaid principal of the loans with an as-is value: the weighted LTV's denominator. */
    ltvBase: moneySum('ltv_base').notNull().default('0'),
    /** Σ unpaid principal² ÷ as-is value (rounded to 8 places per loan): its numerator. */
    ltvWeight: numeric('ltv_weight', { mode: 'string' }).notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.status, t.oldestUnpaidDueDate, t.maturityDate] })],
);

export const portfolioPipelineCounts = pgTable(
  'portfolio_pipeline_counts',
  {
    organizationId: organizationId(),
    status: applicationStatusEnum('status').notNull(),
    applications: bigint('applications', { mode: 'number' }).notNull().default(0),
    requestedAmount: moneySum('requested_amount').notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.status] })],
);
