/**
 * Output schemas of the origination procedures: money and rates leave as decimal strings, loan
 * dates as 'YYYY-MM-DD', instants as ISO-8601 (converted here, in one place).
 */
import { z } from 'zod';
import {
  APPLICANT_KINDS,
  APPLICATION_STATUSES,
  CONDITION_STATUSES,
  ENTITY_TYPES,
  LOAN_PURPOSES,
  MESSAGE_SIDES,
  PROPERTY_TYPES,
} from '../applications/applications.constants.ts';
import { TRANSITION_ACTIONS } from '../applications/state-machine.ts';
import { LEDGER_ENTRY_KINDS, LOAN_STATUSES } from '../loans/loans.constants.ts';
import { NOTIFICATION_KINDS } from '../notifications/notifications.constants.ts';
import { OFFER_STATUSES } from '../offers/offers.constants.ts';
import { DRAW_INTEREST_BASES, PRODUCT_KINDS, PRODUCT_STATUSES } from '../products/products.constants.ts';
import { isoInstant, isoInstantOrNull } from './output-schemas.ts';

/** A decimal string (money, percent, ratio). */
export const decimalOut = z.string();
export const decimalOrNull = z.string().nullable();

/** "11.5000000000" → "11.5": rates are stored with 10 decimals; they leave without trailing zeros. */
export function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
/** A rate, percent or ratio, trailing zeros trimmed. */
export const rateOut = z.string().transform(trimDecimal);
export const rateOrNull = z
  .string()
  .nullable()
  .transform((v) => (v === null ? null : trimDecimal(v)));
/** A calendar date 'YYYY-MM-DD'. */
export const plainDateOut = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const applicationStatusOut = z.enum(APPLICATION_STATUSES);

export const requiredDocumentOut = z.object({ key: z.string(), label: z.string() });

export const productVersionOut = z.object({
  id: z.string(),
  productId: z.string(),
  version: z.number(),
  name: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  description: z.string().nullable(),
  minAmount: decimalOut,
  maxAmount: decimalOut,
  minRatePercent: rateOut,
  maxRatePercent: rateOut,
  baseRatePercent: rateOut,
  minTermPayments: z.number(),
  maxTermPayments: z.number(),
  originationPoints: rateOut,
  originationFee: decimalOut,
  lateFeePercent: rateOut,
  lateFeeMinimum: decimalOrNull,
  lateFeeMaximum: decimalOrNull,
  lateFeeGraceDays: z.number(),
  defaultRatePercent: rateOut,
  drawInterestBasis: z.enum(DRAW_INTEREST_BASES),
  maxLtvPercent: rateOrNull,
  maxLtcPercent: rateOrNull,
  maxArvLtvPercent: rateOrNull,
  minDscr: rateOrNull,
  engineSettings: z.object({
    frequency: z.string(),
    interestMethod: z.string(),
    amortization: z.string(),
    amortizationPayments: z.number().nullable(),
    dayCount: z.string(),
    interestPeriod: z.string(),
    rounding: z.string(),
    installmentMultiple: z.string(),
    oddFirstPeriod: z.string(),
    businessDayRule: z.string(),
    prepaymentRecalculation: z.string(),
    principalGrace: z.number(),
    interestGrace: z.number(),
  }),
  paymentWaterfall: z.object({ order: z.array(z.string()), by: z.string() }),
  requiredDocuments: z.array(requiredDocumentOut),
  createdAt: isoInstant,
});

export const productOut = z.object({
  id: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  currentVersion: z.number(),
  archivedAt: isoInstantOrNull,
  createdAt: isoInstant,
  updatedAt: isoInstant,
  settings: productVersionOut,
});

/** What a borrower sees of a product (no internal limits). */
export const productBriefOut = z.object({
  productId: z.string(),
  versionId: z.string(),
  version: z.number(),
  name: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  minAmount: decimalOut,
  maxAmount: decimalOut,
  minTermPayments: z.number(),
  maxTermPayments: z.number(),
  frequency: z.string(),
  requiredDocuments: z.array(requiredDocumentOut),
});

export const estimateOut = z.object({
  paymentAmount: decimalOut,
  finalPaymentAmount: decimalOut,
  payments: z.number(),
  aprPercent: rateOut,
  financeCharge: decimalOut,
  amountFinanced: decimalOut,
  totalOfPayments: decimalOut,
  totalInterest: decimalOut,
  prepaidFinanceCharges: decimalOut,
  firstDueDate: plainDateOut,
  maturityDate: plainDateOut,
});

export const applicationSummaryOut = z.object({
  id: z.string(),
  number: z.number(),
  reference: z.string(),
  status: applicationStatusOut,
  version: z.number(),
  requestedAmount: decimalOrNull,
  requestedTermPayments: z.number().nullable(),
  propertyAddressLine1: z.string().nullable(),
  propertyCity: z.string().nullable(),
  statusChangedAt: isoInstant,
  submittedAt: isoInstantOrNull,
  createdAt: isoInstant,
  updatedAt: isoInstant,
});

export const applicationFieldsOut = z.object({
  productId: z.string().nullable(),
  productVersionId: z.string().nullable(),
  requestedAmount: decimalOrNull,
  requestedTermPayments: z.number().nullable(),
  loanPurpose: z.enum(LOAN_PURPOSES).nullable(),
  applicantKind: z.enum(APPLICANT_KINDS).nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  entityName: z.string().nullable(),
  entityType: z.enum(ENTITY_TYPES).nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  taxIdLast4: z.string().nullable(),
  experienceDeals: z.number().nullable(),
  propertyAddressLine1: z.string().nullable(),
  propertyAddressLine2: z.string().nullable(),
  propertyCity: z.string().nullable(),
  propertyRegion: z.string().nullable(),
  propertyPostalCode: z.string().nullable(),
  propertyType: z.enum(PROPERTY_TYPES).nullable(),
  purchasePrice: decimalOrNull,
  asIsValue: decimalOrNull,
  afterRepairValue: decimalOrNull,
  rehabBudget: decimalOrNull,
  monthlyRent: decimalOrNull,
  monthlyExpenses: decimalOrNull,
  closingReason: z.string().nullable(),
  decidedAt: isoInstantOrNull,
});

export const transitionActionOut = z.enum(TRANSITION_ACTIONS);

export const timelineEntryOut = z.object({
  id: z.string(),
  fromStatus: applicationStatusOut.nullable(),
  toStatus: applicationStatusOut,
  reason: z.string().nullable(),
  at: isoInstant,
  bySide: z.enum(['borrower', 'lender']),
});

export const conditionBriefOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(CONDITION_STATUSES),
});

export const conditionOut = conditionBriefOut.extend({
  resolvedBy: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: isoInstantOrNull,
  resolutionNote: z.string().nullable(),
  createdAt: isoInstant,
});

export const messageOut = z.object({
  id: z.string(),
  side: z.enum(MESSAGE_SIDES),
  body: z.string(),
  authorName: z.string().nullable(),
  mine: z.boolean(),
  createdAt: isoInstant,
});

export const offerOut = z.object({
  id: z.string(),
  applicationId: z.string(),
  status: z.enum([...OFFER_STATUSES, 'expired']),
  amount: decimalOut,
  annualRatePercent: rateOut,
  termPayments: z.number(),
  originationPoints: rateOut,
  originationFee: decimalOut,
  amortization: z.string(),
  amortizationPayments: z.number().nullable(),
  frequency: z.string(),
  dayCount: z.string(),
  aprPercent: rateOut,
  paymentAmount: decimalOut,
  financeCharge: decimalOut,
  prepaidFinanceCharges: decimalOut,
  expiresAt: isoInstant,
  notes: z.string().nullable(),
  issuedAt: isoInstant,
  signatureName: z.string().nullable(),
  acceptedAt: isoInstantOrNull,
  declinedAt: isoInstantOrNull,
  declineReason: z.string().nullable(),
  supersededAt: isoInstantOrNull,
});

const figureOut = z.object({
  value: decimalOrNull,
  limit: rateOrNull,
  breached: z.boolean(),
  note: z.string().nullable(),
});
export const underwritingOut = z.object({
  loanAmount: decimalOrNull,
  amountSource: z.enum(['offer', 'request']),
  monthlyDebtService: decimalOrNull,
  ltv: figureOut,
  ltc: figureOut,
  arvLtv: figureOut,
  dscr: figureOut,
  amountWithinBounds: z.boolean().nullable(),
  breaches: z.array(z.enum(['ltv', 'ltc', 'arvLtv', 'dscr'])),
});

export const pipelineCardOut = applicationSummaryOut.extend({
  borrowerUserId: z.string(),
  applicantName: z.string().nullable(),
  borrowerEmail: z.string().nullable(),
  propertyRegion: z.string().nullable(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  assigneeUserId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  daysInStage: z.number(),
});

export const countsByStatusOut = z.object(
  Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, z.number()])) as Record<
    (typeof APPLICATION_STATUSES)[number],
    z.ZodNumber
  >,
);

/** The next installment, what is past due before it, and the amount due now (both). */
export const nextPaymentOut = z
  .object({
    number: z.number(),
    dueDate: plainDateOut,
    amount: decimalOut,
    pastDue: decimalOut,
    amountDue: decimalOut,
    daysPastDue: z.number(),
  })
  .nullable();

export const loanSummaryOut = z.object({
  id: z.string(),
  number: z.number(),
  reference: z.string(),
  applicationId: z.string(),
  status: z.enum(LOAN_STATUSES),
  principal: decimalOut,
  annualRatePercent: rateOut,
  aprPercent: rateOut,
  fundedOn: plainDateOut,
  maturityDate: plainDateOut,
  termPayments: z.number(),
  frequency: z.string(),
  amortization: z.string(),
  createdAt: isoInstant,
});

export const loanDetailOut = loanSummaryOut.extend({
  /** The engine's terms as funded (immutable). */
  terms: z.record(z.string(), z.unknown()),
  balances: z.object({
    principal: decimalOut,
    interest: decimalOut,
    fees: decimalOut,
    penalties: decimalOut,
  }),
  nextPayment: nextPaymentOut,
  schedule: z.array(
    z.object({
      number: z.number(),
      periodStart: plainDateOut,
      dueDate: plainDateOut,
      principal: decimalOut,
      interest: decimalOut,
      total: decimalOut,
      balance: decimalOut,
    }),
  ),
  ledger: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(LEDGER_ENTRY_KINDS),
      effectiveDate: plainDateOut,
      amount: decimalOut,
      principal: decimalOut,
      interest: decimalOut,
      fees: decimalOut,
      penalties: decimalOut,
      description: z.string().nullable(),
      reversesEntryId: z.string().nullable(),
      createdAt: isoInstant,
    }),
  ),
});

export const notificationOut = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  applicationId: z.string().nullable(),
  loanId: z.string().nullable(),
  readAt: isoInstantOrNull,
  createdAt: isoInstant,
});
export const notificationListOut = z.object({
  notifications: z.array(notificationOut),
  unreadCount: z.number(),
});

export const transitionResultOut = z.object({
  id: z.string(),
  status: applicationStatusOut,
  version: z.number(),
  statusChangedAt: isoInstant,
});
