/**
 * Postgres enums, built from the same constant lists the zod inputs use, so the database, the API
 * and the portals can never disagree on the set of values.
 */
import { pgEnum } from 'drizzle-orm/pg-core';
import { PORTALS, ROLES } from '../../access/access.inputs.ts';

export const portalEnum = pgEnum('portal', PORTALS);
export const roleEnum = pgEnum('portal_role', ROLES);

export const invitationStatusEnum = pgEnum('invitation_status', [
  'pending',
  'redeemed',
  'cancelled',
  'expired',
  'declined',
]);
export const sessionStatusEnum = pgEnum('session_status', [
  'active',
  'ended',
  'revoked',
  'removed',
  'expired',
  'abandoned',
]);

// Origination (issue 8): the lists live beside each area's inputs.
import {
  APPLICANT_KINDS,
  APPLICATION_STATUSES,
  CONDITION_STATUSES,
  ENTITY_TYPES,
  LOAN_PURPOSES,
  MESSAGE_SIDES,
  PROPERTY_TYPES,
} from '../../applications/applications.constants.ts';
import { LEDGER_ENTRY_KINDS, LOAN_STATUSES } from '../../loans/loans.constants.ts';
import { NOTIFICATION_KINDS } from '../../notifications/notifications.constants.ts';
import { OFFER_STATUSES } from '../../offers/offers.constants.ts';
import { DRAW_INTEREST_BASES, PRODUCT_KINDS, PRODUCT_STATUSES } from '../../products/products.constants.ts';

export const productKindEnum = pgEnum('product_kind', PRODUCT_KINDS);
export const productStatusEnum = pgEnum('product_status', PRODUCT_STATUSES);
export const drawInterestBasisEnum = pgEnum('draw_interest_basis', DRAW_INTEREST_BASES);
export const applicationStatusEnum = pgEnum('application_status', APPLICATION_STATUSES);
export const applicantKindEnum = pgEnum('applicant_kind', APPLICANT_KINDS);
export const entityTypeEnum = pgEnum('entity_type', ENTITY_TYPES);
export const propertyTypeEnum = pgEnum('property_type', PROPERTY_TYPES);
export const loanPurposeEnum = pgEnum('loan_purpose', LOAN_PURPOSES);
export const conditionStatusEnum = pgEnum('condition_status', CONDITION_STATUSES);
export const messageSideEnum = pgEnum('message_side', MESSAGE_SIDES);
export const offerStatusEnum = pgEnum('offer_status', OFFER_STATUSES);
export const loanStatusEnum = pgEnum('loan_status', LOAN_STATUSES);
export const ledgerEntryKindEnum = pgEnum('ledger_entry_kind', LEDGER_ENTRY_KINDS);
export const notificationKindEnum = pgEnum('notification_kind', NOTIFICATION_KINDS);
