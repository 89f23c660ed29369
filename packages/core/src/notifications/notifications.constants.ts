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
  // Servicing (issue 9)
  'payment_posted',
  'payment_reversed',
  'payment_submitted',
  'payment_rejected',
  'late_fee_charged',
  'loan_delinquent',
  'loan_matured',
  'loan_defaulted',
  'loan_charged_off',
  'loan_paid_off',
  'payoff_quote_requested',
  'payoff_letter_sent',
  // Construction draws
  'draw_requested',
  'draw_inspection_scheduled',
  'draw_approved',
  'draw_rejected',
  'draw_disbursed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
