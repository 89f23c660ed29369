/**
 * What a boarding file looks like (boarding.ts reads it): the columns, their meaning and the
 * limits. Browser-safe, so the lender portal builds its template and preview from the same list.
 */
export const BOARDING_MAX_ROWS = 2000;
export const BOARDING_MAX_BYTES = 10 * 1024 * 1024;
export const BOARDING_MAX_CELL = 200;
export const BOARDING_MAX_REPORTED = 100;

export const BOARDING_FIELDS = [
  'external_id',
  'borrower_email',
  'product',
  'principal',
  'annual_rate_percent',
  'payments',
  'funded_on',
  'installments_paid',
] as const;
export type BoardingField = (typeof BOARDING_FIELDS)[number];

/** Each column: what it holds, and an example value. */
export const BOARDING_COLUMNS: Record<BoardingField, { what: string; example: string }> = {
  external_id: {
    what: 'The loan’s id in the old system (letters, digits, . _ : -); boarded once',
    example: 'OLD-1042',
  },
  borrower_email: {
    what: 'A borrower of this organization (invited to the borrower portal)',
    example: 'casey@example.com',
  },
  product: { what: 'The name of one of your products', example: 'Bridge 12' },
  principal: { what: 'The amount funded', example: '250000.00' },
  annual_rate_percent: { what: 'The yearly rate in percent', example: '11.5' },
  payments: { what: 'The number of installments', example: '12' },
  funded_on: { what: 'The funding date, YYYY-MM-DD (not after today)', example: '2026-01-15' },
  installments_paid: { what: 'Installments paid in full so far, on their due dates', example: '3' },
};

/** The header row a boarding file needs (any column order; extra columns are ignored). */
export const boardingTemplateCsv = () => `${BOARDING_FIELDS.join(',')}\r\n`;
