/** Inputs of applications (borrower wizard, lender pipeline and workspace). Browser-safe. */
import { z } from 'zod';
import { choiceInput } from '../products/products.inputs.ts';
import { amountInput, amountOrZeroInput } from '../shared/decimal.inputs.ts';
import { boundedString, EMAIL_MAX_LENGTH, uuidSchema } from '../shared/shared.inputs.ts';
import {
  APPLICANT_KINDS,
  APPLICATION_STATUSES,
  ENTITY_TYPES,
  LOAN_PURPOSES,
  PROPERTY_TYPES,
} from './applications.constants.ts';

export * from './applications.constants.ts';

export const MESSAGE_MAX_LENGTH = 5000;
export const REASON_MAX_LENGTH = 1000;

/** Optional text in a draft: left out ⇒ unchanged; null or blank ⇒ cleared. Capped first. */
function draftText(max: number, label: string) {
  return boundedString(max, {
    required: `${label} must be text.`,
    tooLong: `${label} can have at most ${max} characters.`,
  })
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));
}
const draftChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  choiceInput(values, message).nullish();
const draftCount = (what: string, max: number) =>
  z
    .number({ error: `Enter ${what} as a whole number.` })
    .int({ error: `Enter ${what} as a whole number.` })
    .min(0, { error: `${what} must not be negative.` })
    .max(max, { error: `${what} can be at most ${max}.` })
    .nullish();

/**
 * Every field the borrower fills in, each optional: a draft is saved step by step, and submitting
 * checks completeness. The same shape is used for each step (a step sends the fields it shows).
 */
export const applicationFieldsShape = {
  productId: uuidSchema.nullish(),
  requestedAmount: amountInput('the loan amount').nullish(),
  requestedTermPayments: draftCount('the term in installments', 3000),
  loanPurpose: draftChoice(LOAN_PURPOSES, `Choose a purpose: ${LOAN_PURPOSES.join(', ')}.`),
  applicantKind: draftChoice(APPLICANT_KINDS, 'Choose individual or entity.'),
  firstName: draftText(100, 'The first name'),
  lastName: draftText(100, 'The last name'),
  entityName: draftText(200, 'The entity name'),
  entityType: draftChoice(ENTITY_TYPES, `Choose an entity type: ${ENTITY_TYPES.join(', ')}.`),
  phone: draftText(40, 'The phone number'),
  email: boundedString(EMAIL_MAX_LENGTH, {
    required: 'The email must be text.',
    tooLong: `An email address has at most ${EMAIL_MAX_LENGTH} characters.`,
  })
    .toLowerCase()
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid email address.')
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null)),
  /** The last four digits of the SSN or EIN; a full tax id is never accepted. */
  taxIdLast4: boundedString(4, {
    required: 'The tax id digits must be text.',
    tooLong: 'Give only the last 4 digits of the tax id.',
  })
    .refine((v) => v === '' || /^[0-9]{4}$/.test(v), 'Give the last 4 digits of the tax id.')
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null)),
  experienceDeals: draftCount('the number of past deals', 10_000),
  propertyAddressLine1: draftText(200, 'The address'),
  propertyAddressLine2: draftText(200, 'The second address line'),
  propertyCity: draftText(100, 'The city'),
  propertyRegion: draftText(100, 'The state or region'),
  propertyPostalCode: draftText(20, 'The postal code'),
  propertyType: draftChoice(PROPERTY_TYPES, `Choose a property type: ${PROPERTY_TYPES.join(', ')}.`),
  purchasePrice: amountInput('the purchase price').nullish(),
  asIsValue: amountInput('the as-is value').nullish(),
  afterRepairValue: amountInput('the after-repair value').nullish(),
  rehabBudget: amountOrZeroInput('the rehab budget').nullish(),
  monthlyRent: amountOrZeroInput('the monthly rent').nullish(),
  monthlyExpenses: amountOrZeroInput('the monthly operating expenses').nullish(),
};

export const applicationFieldsInput = z.object(applicationFieldsShape);
export type ApplicationFields = z.output<typeof applicationFieldsInput>;

export const startApplicationInput = z.object({ productId: uuidSchema.nullish() }).default({});
export const saveApplicationInput = z.object({ applicationId: uuidSchema, ...applicationFieldsShape });
export type SaveApplicationInput = z.output<typeof saveApplicationInput>;
export const applicationIdInput = z.object({ applicationId: uuidSchema });

const reasonText = () =>
  boundedString(REASON_MAX_LENGTH, {
    required: 'Give a reason.',
    tooLong: `A reason can have at most ${REASON_MAX_LENGTH} characters.`,
  });
const requiredReason = () => reasonText().min(1, 'Give a reason.');
const optionalReason = () =>
  reasonText()
    .nullish()
    .transform((v) => v || null);

/**
 * A status change: `expectedVersion` (optional) is the version the caller saw; if the application
 * changed since, the answer is 409 rather than acting on something the person did not see.
 */
const transitionShape = {
  applicationId: uuidSchema,
  expectedVersion: z.number().int().min(1).max(2_000_000_000).optional(),
};
export const transitionInput = z.object(transitionShape);
export const withdrawApplicationInput = z.object({ ...transitionShape, reason: optionalReason() });
export const declineApplicationInput = z.object({ ...transitionShape, reason: requiredReason() });

export const estimateInput = z.object({
  productId: uuidSchema,
  amount: amountInput('the loan amount'),
  termPayments: z
    .number({ error: 'Enter the term as a whole number of installments.' })
    .int({ error: 'Enter the term as a whole number of installments.' })
    .min(1, { error: 'The term must be at least 1 installment.' })
    .max(3000, { error: 'The term can be at most 3000 installments.' }),
});

export const PIPELINE_SORTS = [
  'number',
  'created_at',
  'status_changed_at',
  'requested_amount',
  'borrower',
] as const;
export const pipelineInput = z
  .object({
    statuses: z
      .array(choiceInput(APPLICATION_STATUSES, 'Choose a status.'))
      .max(APPLICATION_STATUSES.length, { error: 'Too many statuses.' })
      .optional(),
    /** A staff user id, or "unassigned". */
    assignee: boundedString(64, { required: 'Choose an assignee.', tooLong: 'That assignee is not valid.' })
      .regex(/^(unassigned|user_[A-Za-z0-9]+)$/, 'That assignee is not valid.')
      .optional(),
    productId: uuidSchema.optional(),
    search: boundedString(100, {
      required: 'The search must be text.',
      tooLong: 'A search can have at most 100 characters.',
    }).optional(),
    sort: choiceInput(PIPELINE_SORTS, `Sort by ${PIPELINE_SORTS.join(', ')}.`).default('status_changed_at'),
    direction: choiceInput(['asc', 'desc'], 'Sort asc or desc.').default('desc'),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .default({ sort: 'status_changed_at', direction: 'desc', page: 1, pageSize: 25 });
export type PipelineQuery = z.output<typeof pipelineInput>;

export const boardInput = z
  .object({
    assignee: pipelineInput.unwrap().shape.assignee,
    productId: uuidSchema.optional(),
    search: pipelineInput.unwrap().shape.search,
    perColumn: z.number().int().min(1).max(50).default(20),
  })
  .default({ perColumn: 20 });
export type BoardQuery = z.output<typeof boardInput>;

export const assignApplicationInput = z.object({
  applicationId: uuidSchema,
  assigneeUserId: boundedString(64, {
    required: 'Choose an assignee.',
    tooLong: 'That user id is not valid.',
  })
    .regex(/^user_[A-Za-z0-9]+$/, 'That user id is not valid.')
    .nullable(),
});

const messageBody = boundedString(MESSAGE_MAX_LENGTH, {
  required: 'Write a message.',
  tooLong: `A message can have at most ${MESSAGE_MAX_LENGTH} characters.`,
}).min(1, 'Write a message.');
export const postMessageInput = z.object({ applicationId: uuidSchema, body: messageBody });
export const addNoteInput = z.object({
  applicationId: uuidSchema,
  body: boundedString(MESSAGE_MAX_LENGTH, {
    required: 'Write a note.',
    tooLong: `A note can have at most ${MESSAGE_MAX_LENGTH} characters.`,
  }).min(1, 'Write a note.'),
});
