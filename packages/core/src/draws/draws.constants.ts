/** Choice lists of construction draws. Browser-safe. */
export const DRAW_STATUSES = [
  'requested',
  'inspection_scheduled',
  'inspected',
  'approved',
  'rejected',
  'disbursed',
] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];
