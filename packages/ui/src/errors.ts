import { TRPCClientError } from '@trpc/client';

/** What the API puts in `error.data` (tRPC's default shape plus the zod field issues). */
interface ErrorData {
  code?: string;
  httpStatus?: number;
  fieldErrors?: Record<string, string[]>;
}

function errorData(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCClientError) return (error.data ?? undefined) as ErrorData | undefined;
  return undefined;
}

/** The tRPC error code (`UNAUTHORIZED`, `FORBIDDEN`, `NOT_FOUND`, …) if the error came from the API. */
export function errorCode(error: unknown): string | undefined {
  return errorData(error)?.code;
}

const NETWORK_MESSAGES = [/failed to fetch/i, /networkerror/i, /load failed/i, /network request failed/i];

export const SERVICE_UNAVAILABLE_MESSAGE = 'The service is unavailable, try again in a moment.';

/** The API answered something that is not its JSON (a proxy's 502 page, an HTML error). */
export class ServiceUnavailableError extends Error {
  constructor(readonly status: number) {
    super(SERVICE_UNAVAILABLE_MESSAGE);
    this.name = 'ServiceUnavailableError';
  }
}

/** What a JSON parser says about text that is not JSON, in the engines we support. */
const NOT_JSON_MESSAGES = [
  /is not valid JSON/i,
  /^Unexpected token/i,
  /JSON\.parse/i,
  /Unexpected end of JSON/i,
];

/** A sentence a person can read, whatever went wrong. */
export function formatError(error: unknown): string {
  if (error == null) return 'Something went wrong.';
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  if (NETWORK_MESSAGES.some((re) => re.test(message))) {
    return 'Cannot reach the server. Check your connection and try again.';
  }
  // Normally caught by the tRPC link's jsonOnlyFetch; also covers any other reader of an API answer.
  if (NOT_JSON_MESSAGES.some((re) => re.test(message))) return SERVICE_UNAVAILABLE_MESSAGE;
  const data = errorData(error);
  if (data?.code === 'INTERNAL_SERVER_ERROR' && !message) return 'The server had a problem. Try again.';
  if (data?.code === 'TOO_MANY_REQUESTS' && !message)
    return 'Too many requests. Wait a moment and try again.';
  if (message) {
    // A raw JSON dump of zod issues is not for people: prefer the first field message.
    if (message.trim().startsWith('[') || message.trim().startsWith('{')) {
      const first = Object.values(fieldErrors(error))[0]?.[0];
      return first ?? 'Some of the values are not valid.';
    }
    return message;
  }
  return 'Something went wrong.';
}

/** Field messages of a BAD_REQUEST input error, keyed by the input field path (`email`, `role`, …). */
export function fieldErrors(error: unknown): Record<string, string[]> {
  const fe = errorData(error)?.fieldErrors;
  if (!fe || typeof fe !== 'object') return {};
  return fe;
}

/**
 * Puts the API's field errors on a Mantine form (only for fields the form has) and says whether
 * any were placed, so callers can fall back to a toast or an Alert for the rest.
 */
export function applyFieldErrors(
  form: { setFieldError: (path: string, error: string) => void; getValues: () => object },
  error: unknown,
): boolean {
  const values = form.getValues() as Record<string, unknown>;
  let placed = false;
  for (const [field, messages] of Object.entries(fieldErrors(error))) {
    if (field in values && messages[0]) {
      form.setFieldError(field, messages[0]);
      placed = true;
    }
  }
  return placed;
}
