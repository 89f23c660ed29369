/**
 * Input primitives every area's `<area>.inputs.ts` builds on. Browser-safe: zod only.
 *
 * Every string is length-checked before anything else looks at it (trim, regex, email, decimal),
 * so a megabyte of input costs a length comparison, never a pattern match over a megabyte.
 */
import { z } from 'zod';

/** The longest email address SMTP allows (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;

/**
 * A string whose raw length is capped first: `max` is checked on the untouched input, then the
 * value is trimmed. The cap aborts the rest, so no later rule ever sees an oversized string.
 */
export function boundedString(max: number, messages: { required: string; tooLong: string }) {
  return z.string({ error: messages.required }).max(max, { message: messages.tooLong, abort: true }).trim();
}

export const uuidSchema = z
  .string({ error: 'That id is not valid.' })
  .max(36, { message: 'That id is not valid.', abort: true })
  .pipe(z.uuid({ error: 'That id is not valid.' }));

export const emailSchema = boundedString(EMAIL_MAX_LENGTH, {
  required: 'Enter an email address.',
  tooLong: `An email address has at most ${EMAIL_MAX_LENGTH} characters.`,
})
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address.' }));

/** The most procedure calls one HTTP request may batch; the API refuses larger batches (400). */
export const TRPC_MAX_BATCH_SIZE = 20;
