/**
 * Loan products (PRODUCT.md §2). A product is a name and a status; its settings live in immutable
 * versions. Editing a product writes a new version; an application keeps the version it started with.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DEFAULT_PAYMENT_WATERFALL, type PaymentWaterfall } from '../../products/products.constants.ts';
import type { ProductEngineSettings, RequiredDocument } from '../../products/products.inputs.ts';
import { createdAt, instant, money, organizationId, rate, updatedAt } from './columns.ts';
import { drawInterestBasisEnum, productKindEnum, productStatusEnum } from './enums.ts';
import { appUsers } from './identity.ts';

export const loanProducts = pgTable(
  'loan_products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    /** The name of the current version (denormalised for lists and search). */
    name: text('name').notNull(),
    kind: productKindEnum('kind').notNull(),
    status: productStatusEnum('status').notNull().default('active'),
    /** The version new applications start on: the highest one. */
    currentVersion: integer('current_version').notNull().default(1),
    createdBy: text('created_by').references(() => appUsers.id),
    archivedAt: instant('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('loan_products_org_status_idx').on(t.organizationId, t.status)],
);

/** Immutable: never updated once written (an edit inserts the next version). */
export const loanProductVersions = pgTable(
  'loan_product_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    productId: uuid('product_id')
      .notNull()
      .references(() => loanProducts.id),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    kind: productKindEnum('kind').notNull(),
    description: text('description'),
    /** Bounds the borrower's request and the underwriter's offer must stay within. */
    minAmount: money('min_amount').notNull(),
    maxAmount: money('max_amount').notNull(),
    /** Yearly rates in percent ("12.5" = 12.5 %), as the engine takes them. */
    minRatePercent: rate('min_rate_percent').notNull(),
    maxRatePercent: rate('max_rate_percent').notNull(),
    /** The rate an offer starts from. */
    baseRatePercent: rate('base_rate_percent').notNull(),
    /** Term as a number of installments at the product's payment frequency. */
    minTermPayments: integer('min_term_payments').notNull(),
    maxTermPayments: integer('max_term_payments').notNull(),
    /** Points in percent of the amount, charged at funding. */
    originationPoints: rate('origination_points').notNull().default('0'),
    /** Flat fees charged at funding. */
    originationFee: money('origination_fee').notNull().default('0'),
    /** Late-fee rule: percent of the installment, with minimum and cap, after grace days. */
    lateFeePercent: rate('late_fee_percent').notNull().default('0'),
    lateFeeMinimum: money('late_fee_minimum'),
    lateFeeMaximum: money('late_fee_maximum'),
    lateFeeGraceDays: integer('late_fee_grace_days').notNull().default(0),
    /** Yearly rate in percent that applies once the loan is in default. */
    defaultRatePercent: rate('default_rate_percent').notNull(),
    drawInterestBasis: drawInterestBasisEnum('draw_interest_basis').notNull().default('drawn_funds'),
    /** Limits underwriting compares against, in percent (null: no limit). */
    maxLtvPercent: rate('max_ltv_percent'),
    maxLtcPercent: rate('max_ltc_percent'),
    maxArvLtvPercent: rate('max_arv_ltv_percent'),
    /** Minimum debt-service coverage ratio ("1.25"), checked where rents are given. */
    minDscr: rate('min_dscr'),
    /** Every other setting of the engine's terms (frequency, amortization, day count, rounding…). */
    engineSettings: jsonb('engine_settings').$type<ProductEngineSettings>().notNull(),
    /** How a payment is applied (order of penalties, fees, interest, principal); copied to each loan. */
    paymentWaterfall: jsonb('payment_waterfall')
      .$type<PaymentWaterfall>()
      .notNull()
      .default(DEFAULT_PAYMENT_WATERFALL),
    /** The documents a borrower must provide: stable keys the document checklist refers to. */
    requiredDocuments: jsonb('required_documents').$type<RequiredDocument[]>().notNull().default([]),
    createdBy: text('created_by').references(() => appUsers.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('loan_product_versions_product_version_uq').on(t.productId, t.version),
    index('loan_product_versions_org_idx').on(t.organizationId),
    check(
      'loan_product_versions_amount_bounds',
      sql`${t.minAmount} > 0 and ${t.minAmount} <= ${t.maxAmount}`,
    ),
    check(
      'loan_product_versions_rate_bounds',
      sql`${t.minRatePercent} >= 0 and ${t.minRatePercent} <= ${t.maxRatePercent}`,
    ),
    check(
      'loan_product_versions_term_bounds',
      sql`${t.minTermPayments} >= 1 and ${t.minTermPayments} <= ${t.maxTermPayments}`,
    ),
  ],
);
