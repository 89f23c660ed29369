import { TRPCClientError } from '@trpc/client';
import { describe, expect, test } from 'vitest';
import { applyFieldErrors, errorCode, fieldErrors, formatError } from './errors.ts';
import { createApiClient } from './trpc.ts';

function apiError(message: string, data: Record<string, unknown>) {
  return new TRPCClientError(message, {
    result: { error: { code: -32600, message, data } },
  } as ConstructorParameters<typeof TRPCClientError>[1]);
}

describe('formatError', () => {
  test('keeps the API message, which is written for people', () => {
    const error = apiError('Only an admin can do this.', { code: 'FORBIDDEN', httpStatus: 403 });
    expect(formatError(error)).toBe('Only an admin can do this.');
    expect(errorCode(error)).toBe('FORBIDDEN');
  });

  test('turns network failures into a sentence', () => {
    expect(formatError(new TypeError('Failed to fetch'))).toBe(
      'Cannot reach the server. Check your connection and try again.',
    );
  });

  test('never shows a raw JSON dump of zod issues', () => {
    const error = apiError('[{"code":"too_small","path":["name"]}]', {
      code: 'BAD_REQUEST',
      fieldErrors: { name: ['The organization name needs at least 2 characters.'] },
    });
    expect(formatError(error)).toBe('The organization name needs at least 2 characters.');
  });

  test('has a fallback for nothing at all', () => {
    expect(formatError(undefined)).toBe('Something went wrong.');
    expect(formatError('plain words')).toBe('plain words');
  });
});

describe('field errors', () => {
  const error = apiError('Enter a valid email address.', {
    code: 'BAD_REQUEST',
    fieldErrors: { email: ['Enter a valid email address.'], other: ['not on this form'] },
  });

  test('are read from error.data.fieldErrors', () => {
    expect(fieldErrors(error)).toEqual({
      email: ['Enter a valid email address.'],
      other: ['not on this form'],
    });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });

  test('are put on the fields the form has', () => {
    const set: Record<string, string> = {};
    const form = {
      getValues: () => ({ email: '', role: 'viewer' }),
      setFieldError: (path: string, message: string) => {
        set[path] = message;
      },
    };
    expect(applyFieldErrors(form, error)).toBe(true);
    expect(set).toEqual({ email: 'Enter a valid email address.' });
    expect(applyFieldErrors(form, new Error('x'))).toBe(false);
  });
});

describe('an answer that is not the API’s JSON (a proxy’s 502)', () => {
  const badGateway = async () =>
    new Response('Bad Gateway', { status: 502, headers: { 'content-type': 'text/plain; charset=utf-8' } });

  test('becomes "The service is unavailable" through the portal’s tRPC client', async () => {
    const client = createApiClient({
      getToken: async () => null,
      getOrganizationId: () => null,
      fetch: badGateway,
    });
    const error = await client.health.check.query().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(formatError(error)).toBe('The service is unavailable, try again in a moment.');
    expect(formatError(error)).not.toMatch(/JSON|token/);
  });

  test('the API’s own JSON errors still come through', async () => {
    const client = createApiClient({
      getToken: async () => null,
      getOrganizationId: () => null,
      fetch: async () =>
        new Response(
          JSON.stringify([
            {
              error: {
                code: -32001,
                message: 'Sign in to continue.',
                data: { code: 'UNAUTHORIZED', httpStatus: 401 },
              },
            },
          ]),
          { status: 401, headers: { 'content-type': 'application/json' } },
        ),
    });
    const error = await client.auth.me.query().then(
      () => null,
      (e: unknown) => e,
    );
    expect(formatError(error)).toBe('Sign in to continue.');
    expect(errorCode(error)).toBe('UNAUTHORIZED');
  });

  test('a parser’s message is never shown as is', () => {
    expect(formatError(new SyntaxError(`Unexpected token 'B', "Bad Gateway" is not valid JSON`))).toBe(
      'The service is unavailable, try again in a moment.',
    );
  });
});
