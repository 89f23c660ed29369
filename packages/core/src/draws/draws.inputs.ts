/** Inputs of construction draws. Browser-safe. */
import { dateSchema, moneySchema } from '@lending/loan-math';
import { z } from 'zod';
import { idempotencyKeySchema } from '../loans/loans.inputs.ts';
import { boundedString, uuidSchema } from '../shared/shared.inputs.ts';

export * from './draws.constants.ts';

export const DRAW_LINE_NAME_MAX = 120;
export const DRAW_NOTE_MAX = 2000;
export const DRAW_MAX_LINES = 100;
export const DRAW_MAX_PHOTOS = 20;

const lineName = boundedString(DRAW_LINE_NAME_MAX, {
  required: 'Name the budget line.',
  tooLong: `A budget line's name has at most ${DRAW_LINE_NAME_MAX} characters.`,
}).min(1, 'Name the budget line.');
const note = boundedString(DRAW_NOTE_MAX, {
  required: 'Write a note.',
  tooLong: `A note has at most ${DRAW_NOTE_MAX} characters.`,
});

export const loanDrawsInput = z.object({ loanId: uuidSchema });
export const drawRequestIdInput = z.object({ drawRequestId: uuidSchema });

export const setDrawBudgetInput = z.object({
  loanId: uuidSchema,
  lines: z
    .array(z.object({ name: lineName, budget: moneySchema('the line budget', '25000.00') }))
    .min(1, 'Give at least one budget line.')
    .max(DRAW_MAX_LINES, `A budget has at most ${DRAW_MAX_LINES} lines.`),
});
export type SetDrawBudgetInput = z.output<typeof setDrawBudgetInput>;

export const requestDrawInput = z.object({
  loanId: uuidSchema,
  idempotencyKey: idempotencyKeySchema,
  lines: z
    .array(z.object({ budgetLineId: uuidSchema, amount: moneySchema('the amount requested', '5000.00') }))
    .min(1, 'Ask for an amount on at least one budget line.')
    .max(DRAW_MAX_LINES, `A draw has at most ${DRAW_MAX_LINES} lines.`),
  photoDocumentIds: z.array(uuidSchema).max(DRAW_MAX_PHOTOS).default([]),
  note: note.optional(),
});
export type RequestDrawInput = z.output<typeof requestDrawInput>;

export const scheduleInspectionInput = z.object({
  drawRequestId: uuidSchema,
  scheduledFor: dateSchema('the inspection date'),
  inspector: boundedString(120, {
    required: 'Name the inspector.',
    tooLong: "An inspector's name has at most 120 characters.",
  }).min(1, 'Name the inspector.'),
});
export type ScheduleInspectionInput = z.output<typeof scheduleInspectionInput>;

export const completeInspectionInput = z.object({
  drawRequestId: uuidSchema,
  percentComplete: z
    .number({ error: 'Give the percent complete as a whole number from 0 to 100.' })
    .int('Give the percent complete as a whole number from 0 to 100.')
    .min(0, 'Give the percent complete as a whole number from 0 to 100.')
    .max(100, 'Give the percent complete as a whole number from 0 to 100.'),
  notes: note.optional(),
});
export type CompleteInspectionInput = z.output<typeof completeInspectionInput>;

export const approveDrawInput = z.object({
  drawRequestId: uuidSchema,
  /** Per line; a line left out is approved at its requested amount. */
  lines: z
    .array(
      z.object({
        budgetLineId: uuidSchema,
        amount: z.union([z.literal('0'), z.literal('0.00'), moneySchema('the amount approved')]),
      }),
    )
    .max(DRAW_MAX_LINES)
    .default([]),
  note: note.optional(),
});
export type ApproveDrawInput = z.output<typeof approveDrawInput>;

export const rejectDrawInput = z.object({
  drawRequestId: uuidSchema,
  reason: note.min(1, 'Say why the draw is rejected.'),
});

export const disburseDrawInput = z.object({
  drawRequestId: uuidSchema,
  disbursedOn: dateSchema('the disbursement date'),
});
export type DisburseDrawInput = z.output<typeof disburseDrawInput>;
