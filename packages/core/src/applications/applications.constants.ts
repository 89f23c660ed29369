/** Choice lists of applications, shared by the database enums and the zod inputs. Browser-safe. */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'offered',
  'accepted',
  'approved',
  'funded',
  'declined',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** States from which nothing more happens. */
export const CLOSED_APPLICATION_STATUSES = [
  'funded',
  'declined',
  'withdrawn',
] as const satisfies readonly ApplicationStatus[];
export const OPEN_APPLICATION_STATUSES = APPLICATION_STATUSES.filter(
  (s) => !(CLOSED_APPLICATION_STATUSES as readonly string[]).includes(s),
) as Exclude<ApplicationStatus, (typeof CLOSED_APPLICATION_STATUSES)[number]>[];

export const APPLICANT_KINDS = ['individual', 'entity'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const ENTITY_TYPES = ['llc', 'corporation', 'partnership', 'trust', 'other'] as const;
export const PROPERTY_TYPES = [
  'single_family',
  'condo',
  'townhouse',
  'multi_family_2_4',
  'multi_family_5_plus',
  'mixed_use',
  'commercial',
  'land',
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];
export const LOAN_PURPOSES = ['purchase', 'refinance', 'cash_out_refinance', 'construction'] as const;
export const CONDITION_STATUSES = ['open', 'satisfied', 'waived'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];
export const MESSAGE_SIDES = ['lender', 'borrower'] as const;
export type MessageSide = (typeof MESSAGE_SIDES)[number];
