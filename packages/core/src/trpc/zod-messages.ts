import type { ZodError } from 'zod';

/** A zod error as a sentence a person can act on, plus messages by field for inline display. */
export function describeZodError(error: ZodError): {
  message: string;
  fieldErrors: Record<string, string[]>;
} {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  const parts = Object.entries(fieldErrors).map(([field, messages]) =>
    field === '_' ? messages.join(' ') : `${field}: ${messages.join(' ')}`,
  );
  return {
    message: parts.length === 1 ? parts[0]! : `Please fix these fields. ${parts.join('; ')}`,
    fieldErrors,
  };
}
