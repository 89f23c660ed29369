/**
 * Loan applications and everything said and decided about them (PRODUCT.md §2, issue 8). The
 * applicant's profile and the property are columns of the application: each application is the
 * snapshot the lender underwrites, and a borrower's next application starts from a copy.
 * No full tax id is ever stored: only its last four digits.
 */
import { type SQL, sql } from 'drizzle-orm';
import {
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
import type { LoanTermsSnapshot } from '../../offers/offers.inputs.ts';
import { createdAt, instant, money, organizationId, rate, updatedAt } from './columns.ts';
import {
  applicantKindEnum,
  applicationStatusEnum,
  conditionStatusEnum,
  entityTypeEnum,
  loanPurposeEnum,
  messageSideEnum,
  offerStatusEnum,
  propertyTypeEnum,
} from './enums.ts';
import { appUsers, organizations } from './identity.ts';
import { loanProducts, loanProductVersions } from './products.ts';

/** Per-organization counters (application and loan numbers): one row per (organization, name). */
export const organizationCounters = pgTable(
  'organization_counters',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.name] })],
);

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    /** 1, 2, 3… per organization; shown as "A-000123". */
    number: integer('number').notNull(),
    borrowerUserId: text('borrower_user_id')
      .notNull()
      .references(() => appUsers.id),
    status: applicationStatusEnum('status').notNull().default('draft'),
    /** Bumped by every status transition: the compare-and-set token of the state machine. */
    version: integer('version').notNull().default(1),
    statusChangedAt: instant('status_changed_at').notNull().defaultNow(),
    assigneeUserId: text('assignee_user_id').references(() => appUsers.id),
    /** The product and the exact version the application started with (kept for ever). */
    productId: uuid('product_id').references(() => loanProducts.id),
    productVersionId: uuid('product_version_id').references(() => loanProductVersions.id),

    // The request.
    requestedAmount: money('requested_amount'),
    requestedTermPayments: integer('requested_term_payments'),
    loanPurpose: loanPurposeEnum('loan_purpose'),

    // The applicant (individual or entity).
    applicantKind: applicantKindEnum('applicant_kind'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    entityName: text('entity_name'),
    entityType: entityTypeEnum('entity_type'),
    phone: text('phone'),
    email: text('email'),
    /** Last four digits of the SSN or EIN; never more. */
    taxIdLast4: text('tax_id_last4'),
    /** Deals done before: experience matters in private lending. */
    experienceDeals: integer('experience_deals'),

    // The property.
    propertyAddressLine1: text('property_address_line1'),
    propertyAddressLine2: text('property_address_line2'),
    propertyCity: text('property_city'),
    propertyRegion: text('property_region'),
    propertyPostalCode: text('property_postal_code'),
    propertyType: propertyTypeEnum('property_type'),
    purchasePrice: money('purchase_price'),
    asIsValue: money('as_is_value'),
    afterRepairValue: money('after_repair_value'),
    rehabBudget: money('rehab_budget'),
    /** Rents where the property is let (or will be): monthly gross rent and operating expenses. */
    monthlyRent: money('monthly_rent'),
    monthlyExpenses: money('monthly_expenses'),

    submittedAt: instant('submitted_at'),
    decidedAt: instant('decided_at'),
    /** Why it was declined or withdrawn: shown to both sides. */
    closingReason: text('closing_reason'),
    /** Lower-cased number, names, email and address: what the pipeline search matches (trigram index). */
    searchText: text('search_text').generatedAlwaysAs(
      (): SQL =>
        sql`lower(${applications.number}::text || ' ' || coalesce(${applications.firstName}, '') || ' ' || coalesce(${applications.lastName}, '') || ' ' || coalesce(${applications.entityName}, '') || ' ' || coalesce(${applications.email}, '') || ' ' || coalesce(${applications.propertyAddressLine1}, '') || ' ' || coalesce(${applications.propertyCity}, '') || ' ' || coalesce(${applications.propertyRegion}, '') || ' ' || coalesce(${applications.propertyPostalCode}, ''))`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('applications_org_number_uq').on(t.organizationId, t.number),
    index('applications_org_status_changed_idx').on(t.organizationId, t.status, t.statusChangedAt),
    index('applications_org_created_idx').on(t.organizationId, t.createdAt),
    // The pipeline's default order (longest or shortest in stage) across all statuses.
    index('applications_org_changed_idx').on(t.organizationId, t.statusChangedAt),
    // Filters by assignee or product, in the default order (the first page is read off the index).
    index('applications_org_assignee_changed_idx').on(t.organizationId, t.assigneeUserId, t.statusChangedAt),
    index('applications_org_product_changed_idx').on(t.organizationId, t.productId, t.statusChangedAt),
    index('applications_org_borrower_idx').on(t.organizationId, t.borrowerUserId),
    // The portfolio's pipeline funnel: counts and requested amounts by status, from the index alone.
    index('applications_org_status_amount_idx').on(t.organizationId, t.status, t.requestedAmount),
    index('applications_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('applications_tax_id_last4', sql`${t.taxIdLast4} is null or ${t.taxIdLast4} ~ '^[0-9]{4}$'`),
  ],
);

/** Every status change, with who made it and when (the borrower's timeline and the lender's history). */
export const applicationStatusHistory = pgTable(
  'application_status_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    fromStatus: applicationStatusEnum('from_status'),
    toStatus: applicationStatusEnum('to_status').notNull(),
    actorUserId: text('actor_user_id').references(() => appUsers.id),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('application_status_history_app_idx').on(t.applicationId, t.createdAt)],
);

/** Underwriting conditions: open until satisfied or waived. */
export const applicationConditions = pgTable(
  'application_conditions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    title: text('title').notNull(),
    description: text('description'),
    status: conditionStatusEnum('status').notNull().default('open'),
    createdBy: text('created_by').references(() => appUsers.id),
    resolvedBy: text('resolved_by').references(() => appUsers.id),
    resolvedAt: instant('resolved_at'),
    resolutionNote: text('resolution_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('application_conditions_app_idx').on(t.applicationId, t.createdAt)],
);

/** Staff-only notes: never shown to the borrower. */
export const applicationNotes = pgTable(
  'application_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    authorUserId: text('author_user_id')
      .notNull()
      .references(() => appUsers.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('application_notes_app_idx').on(t.applicationId, t.createdAt)],
);

/** The thread between the borrower and the lender's staff, one per application. */
export const applicationMessages = pgTable(
  'application_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    authorUserId: text('author_user_id')
      .notNull()
      .references(() => appUsers.id),
    side: messageSideEnum('side').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('application_messages_app_idx').on(t.applicationId, t.createdAt)],
);

/**
 * Offers (term sheets). At most one pending offer per application; a new one supersedes it. The
 * full engine terms are frozen in `terms` (the start date is set again at funding).
 */
export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    productVersionId: uuid('product_version_id')
      .notNull()
      .references(() => loanProductVersions.id),
    status: offerStatusEnum('status').notNull().default('pending'),
    amount: money('amount').notNull(),
    annualRatePercent: rate('annual_rate_percent').notNull(),
    termPayments: integer('term_payments').notNull(),
    originationPoints: rate('origination_points').notNull(),
    originationFee: money('origination_fee').notNull(),
    /** The engine's terms, complete (amortization, day count, late fee…), as estimated. */
    terms: jsonb('terms').$type<LoanTermsSnapshot>().notNull(),
    /** APR in percent (4 decimals) with points and fees, from the engine's estimate. */
    aprPercent: rate('apr_percent').notNull(),
    /** The level installment, or the first installment where there is no level one. */
    paymentAmount: money('payment_amount').notNull(),
    financeCharge: money('finance_charge').notNull(),
    prepaidFinanceCharges: money('prepaid_finance_charges').notNull(),
    expiresAt: instant('expires_at').notNull(),
    notes: text('notes'),
    issuedBy: text('issued_by')
      .notNull()
      .references(() => appUsers.id),
    issuedAt: instant('issued_at').notNull().defaultNow(),
    /** The typed-name signature, who typed it and when. */
    signatureName: text('signature_name'),
    acceptedBy: text('accepted_by').references(() => appUsers.id),
    acceptedAt: instant('accepted_at'),
    declinedBy: text('declined_by').references(() => appUsers.id),
    declinedAt: instant('declined_at'),
    declineReason: text('decline_reason'),
    supersededAt: instant('superseded_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('offers_app_idx').on(t.applicationId, t.issuedAt),
    uniqueIndex('offers_one_pending_uq').on(t.applicationId).where(sql`${t.status} = 'pending'`),
    uniqueIndex('offers_one_accepted_uq').on(t.applicationId).where(sql`${t.status} = 'accepted'`),
  ],
);
