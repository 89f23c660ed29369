/** Choice lists of notifications. Browser-safe. */
export const NOTIFICATION_KINDS = [
  'application_submitted',
  'document_rejected',
  'offer_issued',
  'offer_accepted',
  'offer_declined',
  'application_declined',
  'application_approved',
  'loan_funded',
  'message_received',
  'application_assigned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
