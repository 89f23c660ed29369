/** Inputs of servicing (payments, fees, payoff, default, the daily run). Browser-safe. */
import { dateSchema } from '@lending/loan-math';
import { z } from 'zod';
import { idempotencyKeySchema } from '../loans/loans.inputs.ts';
import { amountInput } from '../shared/decimal.inputs.ts';
import { boundedString, uuidSchema } from '../shared/shared.inputs.ts';

export const PAYMENT_METHODS = ['ach', 'wire', 'check', 'cash', 'card', 'other'] as const;
export const DELINQUENCY_BUCKETS = ['current', '1-29', '30-59', '60-89', '90+'] as const;
export type DelinquencyBucket = (typeof DELINQUENCY_BUCKETS)[number];

const reference = boundedString(100, {
  required: 'Give the payment reference as text.',
  tooLong: 'A payment reference can have at most 100 characters.',
});
const reason = boundedString(500, {
  required: 'Give a reason.',
  tooLong: 'A reason can have at most 500 characters.',
}).min(1, 'Give a reason.');

export const loanAsOfInput = z.object({ loanId: uuidSchema, asOf: dateSchema('the as-of date').optional() });
export const ledgerInput = z.object({ loanId: uuidSchema });

export const recordPaymentInput = z.object({
  loanId: uuidSchema,
  idempotencyKey: idempotencyKeySchema,
  amount: amountInput('the amount received', '2500.00'),
  effectiveDate: dateSchema('the date the payment was received'),
  method: z.enum(PAYMENT_METHODS, { error: `Choose a method: ${PAYMENT_METHODS.join(', ')}.` }),
  reference: reference.optional(),
});
export type RecordPaymentInput = z.output<typeof recordPaymentInput>;

export const reversePaymentInput = z.object({
  entryId: uuidSchema,
  idempotencyKey: idempotencyKeySchema,
  reason,
});
export type ReversePaymentInput = z.output<typeof reversePaymentInput>;

export const chargeFeeInput = z.object({
  loanId: uuidSchema,
  idempotencyKey: idempotencyKeySchema,
  amount: amountInput('the fee', '50.00'),
  effectiveDate: dateSchema('the date the fee is charged'),
  description: boundedString(200, {
    required: 'Describe the fee.',
    tooLong: 'A fee description can have at most 200 characters.',
  }).min(1, 'Describe the fee.'),
});
export type ChargeFeeInput = z.output<typeof chargeFeeInput>;

export const payoffQuoteInput = z.object({ loanId: uuidSchema, asOf: dateSchema('the payoff date') });

export const postPayoffInput = z.object({
  loanId: uuidSchema,
  idempotencyKey: idempotencyKeySchema,
  amount: amountInput('the payoff amount received', '300000.00'),
  effectiveDate: dateSchema('the payoff date'),
  method: z.enum(PAYMENT_METHODS, { error: `Choose a method: ${PAYMENT_METHODS.join(', ')}.` }),
  reference: reference.optional(),
});
export type PostPayoffInput = z.output<typeof postPayoffInput>;

export const markDefaultInput = z.object({
  loanId: uuidSchema,
  effectiveDate: dateSchema('the date the default rate applies from'),
  reason,
});
export const chargeOffInput = z.object({
  loanId: uuidSchema,
  effectiveDate: dateSchema('the charge-off date'),
  reason,
});

export const runForDateInput = z.object({ asOf: dateSchema('the servicing date') });

export const submitPaymentInput = z.object({
  loanId: uuidSchema,
  idempotencyKey: idempotencyKeySchema,
  amount: amountInput('the amount you sent', '2500.00'),
  paymentDate: dateSchema('the date you sent the payment'),
  method: z.enum(PAYMENT_METHODS, { error: `Choose a method: ${PAYMENT_METHODS.join(', ')}.` }),
  reference: reference.optional(),
});
export type SubmitPaymentInput = z.output<typeof submitPaymentInput>;

export const listSubmissionsInput = z
  .object({ status: z.enum(['pending', 'confirmed', 'rejected']).default('pending') })
  .default({ status: 'pending' });
export const confirmSubmissionInput = z.object({ submissionId: uuidSchema });
export const rejectSubmissionInput = z.object({ submissionId: uuidSchema, reason });

// Payoff requests (payoff-requests.ts): a borrower asks for a payoff letter good through a date.
/** How far ahead a payoff request may ask: closings are weeks away; see docs/servicing.md. */
export const PAYOFF_REQUEST_HORIZON_DAYS = 90;
export const PAYOFF_REQUEST_NOTE_MAX = 1000;
export const PAYOFF_REQUEST_STATUSES = ['open', 'sent'] as const;
export type PayoffRequestStatus = (typeof PAYOFF_REQUEST_STATUSES)[number];

export const requestPayoffInput = z.object({
  loanId: uuidSchema,
  idempotencyKey: idempotencyKeySchema,
  goodThrough: dateSchema('the good-through date'),
  note: boundedString(PAYOFF_REQUEST_NOTE_MAX, {
    required: 'Give the note as text.',
    tooLong: `A note can have at most ${PAYOFF_REQUEST_NOTE_MAX} characters.`,
  }).optional(),
});
export type RequestPayoffInput = z.output<typeof requestPayoffInput>;

export const myPayoffRequestsInput = z.object({ loanId: uuidSchema });
export const listPayoffRequestsInput = z
  .object({
    status: z.enum(PAYOFF_REQUEST_STATUSES, { error: 'Choose a status: open or sent.' }).default('open'),
    loanId: uuidSchema.optional(),
  })
  .default({ status: 'open' });
export const markPayoffRequestSentInput = z.object({
  payoffRequestId: uuidSchema,
  note: boundedString(500, {
    required: 'Give the note as text.',
    tooLong: 'A note can have at most 500 characters.',
  }).optional(),
});
export type MarkPayoffRequestSentInput = z.output<typeof markPayoffRequestSentInput>;
