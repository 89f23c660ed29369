/** Inputs of the identity area (the local identity provider's sign-up form). Browser-safe: zod only. */
import { z } from 'zod';
import { boundedString, emailSchema } from '../shared/shared.inputs.ts';

const NAME_MAX_LENGTH = 80;

export const localUserInput = z.object({
  email: emailSchema,
  firstName: boundedString(NAME_MAX_LENGTH, {
    required: 'Enter a first name.',
    tooLong: `A first name has at most ${NAME_MAX_LENGTH} characters.`,
  }).min(1, 'Enter a first name.'),
  lastName: boundedString(NAME_MAX_LENGTH, {
    required: 'Enter a last name.',
    tooLong: `A last name has at most ${NAME_MAX_LENGTH} characters.`,
  }).min(1, 'Enter a last name.'),
});
export type LocalUserInput = z.infer<typeof localUserInput>;
