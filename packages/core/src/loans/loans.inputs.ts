/** Inputs of loans (funding, views). Browser-safe. */
import { dateSchema } from '@lending/loan-math';
import { z } from 'zod';
import { boundedString, uuidSchema } from '../shared/shared.inputs.ts';

export * from './loans.constants.ts';

/** A client-chosen key (a UUID is ideal): the same key always means the same funding. */
export const idempotencyKeySchema = boundedString(100, {
  required: 'Give an idempotency key.',
  tooLong: 'An idempotency key can have at most 100 characters.',
}).regex(/^[A-Za-z0-9._:-]{8,100}$/, 'An idempotency key is 8 to 100 letters, digits or . _ : -');

export const fundLoanInput = z.object({
  applicationId: uuidSchema,
  idempotencyKey: idempotencyKeySchema,
  /** The day the money leaves: the loan's start date, the disbursement's effective date. */
  fundedOn: dateSchema('the funding date'),
});
export type FundLoanInput = z.output<typeof fundLoanInput>;

export const loanIdInput = z.object({ loanId: uuidSchema });
export const listLoansInput = z
  .object({
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .default({ page: 1, pageSize: 25 });
