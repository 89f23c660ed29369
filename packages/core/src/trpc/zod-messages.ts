import type { ZodError, z } from 'zod';

type Issue = z.core.$ZodIssue;

/**
 * zod's own English messages ("Too big: expected string to have <=80 characters", "Invalid input:
 * expected string, received undefined") are for programmers. Every schema of ours states its own
 * sentences; these patterns catch the places where zod's default still got through.
 */
const ZOD_DEFAULT_MESSAGE =
  /^(Invalid input|Invalid option|Invalid string|Invalid (?:key|element|value)|Invalid [A-Za-z0-9 -]+$|Invalid number: must be|Too big:|Too small:|Unrecognized keys?:)/;

function plural(count: number | bigint, one: string, many: string): string {
  return `${count} ${Number(count) === 1 ? one : many}`;
}

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map((value) => (typeof value === 'string' ? `“${value}”` : String(value)));
  return values.length > 8 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** A sentence for an issue whose message is zod's default; our own messages are kept as written. */
export function personMessage(issue: Issue): string {
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return /received (?:undefined|null)$/.test(issue.message)
        ? 'This is required.'
        : issue.expected === 'int'
          ? 'Enter a whole number.'
          : issue.expected === 'number' || issue.expected === 'bigint'
            ? 'Enter a number.'
            : issue.expected === 'boolean'
              ? 'Choose yes or no.'
              : 'This value is not of the right kind.';
    case 'too_big': {
      const max = issue.maximum as number;
      if (issue.origin === 'string') return `Use at most ${plural(max, 'character', 'characters')}.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Give at most ${plural(max, 'item', 'items')}.`;
      return issue.inclusive ? `Enter ${max} or less.` : `Enter less than ${max}.`;
    }
    case 'too_small': {
      const min = issue.minimum as number;
      if (issue.origin === 'string')
        return Number(min) <= 1
          ? 'This is required.'
          : `Use at least ${plural(min, 'character', 'characters')}.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Give at least ${plural(min, 'item', 'items')}.`;
      return issue.inclusive ? `Enter ${min} or more.` : `Enter more than ${min}.`;
    }
    case 'invalid_format':
      switch (issue.format) {
        case 'email':
          return 'Enter a valid email address.';
        case 'uuid':
        case 'guid':
          return 'That id is not valid.';
        case 'url':
          return 'Enter a full web address, e.g. https://example.com.';
        case 'date':
          return 'Enter a date as YYYY-MM-DD.';
        case 'datetime':
          return 'Enter a date and time.';
        default:
          return 'That value is not in the expected format.';
      }
    case 'invalid_value':
      return issue.values.length === 1
        ? `Must be ${listValues(issue.values)}.`
        : `Choose one of ${listValues(issue.values)}.`;
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}.`;
    case 'unrecognized_keys':
      return `Remove ${issue.keys.length === 1 ? 'the field' : 'the fields'} ${listValues(issue.keys)}: ${issue.keys.length === 1 ? 'it is' : 'they are'} not expected here.`;
    default:
      return 'This value is not valid.';
  }
}

/** `startDate` → "Start date", `address.postalCode` → "Address postal code": for the summary sentence. */
export function fieldLabel(path: string): string {
  const words = path
    .split('.')
    .flatMap((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_-]+/))
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A zod error as a sentence a person can act on, plus messages by field for inline display. */
export function describeZodError(error: ZodError): {
  message: string;
  fieldErrors: Record<string, string[]>;
} {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fieldErrors[key] = [...(fieldErrors[key] ?? []), personMessage(issue)];
  }
  const parts = Object.entries(fieldErrors).map(([field, messages]) =>
    field === '_' ? messages.join(' ') : `${fieldLabel(field)}: ${messages.join(' ')}`,
  );
  return {
    message: parts.length === 1 ? parts[0]! : `Please fix these fields. ${parts.join('; ')}`,
    fieldErrors,
  };
}
