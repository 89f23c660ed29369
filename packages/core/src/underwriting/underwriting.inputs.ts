/** Inputs of underwriting (conditions). Browser-safe. */
import { z } from 'zod';
import { CONDITION_STATUSES } from '../applications/applications.constants.ts';
import { choiceInput } from '../products/products.inputs.ts';
import { boundedString, uuidSchema } from '../shared/shared.inputs.ts';

export const CONDITION_TITLE_MAX_LENGTH = 200;
export const CONDITION_TEXT_MAX_LENGTH = 2000;

export const addConditionInput = z.object({
  applicationId: uuidSchema,
  title: boundedString(CONDITION_TITLE_MAX_LENGTH, {
    required: 'Give the condition a title.',
    tooLong: `A condition title can have at most ${CONDITION_TITLE_MAX_LENGTH} characters.`,
  }).min(1, 'Give the condition a title.'),
  description: boundedString(CONDITION_TEXT_MAX_LENGTH, {
    required: 'The description must be text.',
    tooLong: `A description can have at most ${CONDITION_TEXT_MAX_LENGTH} characters.`,
  })
    .nullish()
    .transform((v) => v || null),
});

export const setConditionStatusInput = z.object({
  conditionId: uuidSchema,
  status: choiceInput(CONDITION_STATUSES, 'Choose open, satisfied or waived.'),
  note: boundedString(CONDITION_TEXT_MAX_LENGTH, {
    required: 'The note must be text.',
    tooLong: `A note can have at most ${CONDITION_TEXT_MAX_LENGTH} characters.`,
  })
    .nullish()
    .transform((v) => v || null),
});
