import { DomainError, describeZodError, HTTP_STATUS_BY_CODE } from '@lending/core';
import type { Context } from 'hono';
import { ZodError } from 'zod';

/** JSON error bodies for the plain HTTP routes: `{ error, fieldErrors? }` with a 4xx status. */
export function errorResponse(c: Context, error: unknown) {
  if (error instanceof DomainError) return c.json({ error: error.message }, HTTP_STATUS_BY_CODE[error.code]);
  if (error instanceof ZodError) {
    const { message, fieldErrors } = describeZodError(error);
    return c.json({ error: message, fieldErrors }, 400);
  }
  throw error;
}

export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new DomainError('BAD_REQUEST', 'The request body must be JSON.');
  }
}
