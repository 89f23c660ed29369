import { TRPCClientError } from '@trpc/client';
import { describe, expect, test } from 'vitest';
import { applyFieldErrors, errorCode, fieldErrors, formatError } from './errors.ts';

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
