/** Choice lists of loans and their ledger. Browser-safe. */
export const LOAN_STATUSES = ['active', 'paid_off', 'defaulted', 'charged_off'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];
export const LEDGER_ENTRY_KINDS = [
  'disbursement',
  'draw_disbursement',
  'payment',
  'fee',
  'late_fee',
  'reversal',
  'adjustment',
  'payoff',
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];
