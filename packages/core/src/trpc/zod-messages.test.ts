import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodError, fieldLabel } from './zod-messages.ts';

function describe_(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return describeZodError(result.error);
}

describe('describeZodError', () => {
  it('replaces zod’s default messages with sentences', () => {
    const schema = z.object({
      title: z.string().max(80),
      count: z.number().min(2),
      kind: z.enum(['bridge', 'term']),
      email: z.email(),
      note: z.string(),
      months: z.int(),
    });
    const { fieldErrors, message } = describe_(schema, {
      title: 'x'.repeat(81),
      count: 1,
      kind: 'other',
      email: 'no',
      months: 1.5,
    });
    expect(fieldErrors).toEqual({
      title: ['Use at most 80 characters.'],
      count: ['Enter 2 or more.'],
      kind: ['Choose one of “bridge”, “term”.'],
      email: ['Enter a valid email address.'],
      note: ['This is required.'],
      months: ['Enter a whole number.'],
    });
    expect(message).toMatch(/^Please fix these fields\. Title: Use at most 80 characters\.; Count: /);
    expect(message).not.toMatch(/Too big|expected|received|Invalid/);
  });

  it('keeps the messages our schemas wrote', () => {
    const schema = z.object({
      name: z.string().min(2, 'The organization name needs at least 2 characters.'),
    });
    expect(describe_(schema, { name: 'x' })).toEqual({
      message: 'Name: The organization name needs at least 2 characters.',
      fieldErrors: { name: ['The organization name needs at least 2 characters.'] },
    });
  });

  it('says which fields are unexpected', () => {
    const { message } = describe_(z.object({}).strict(), { extra: 1 });
    expect(message).toBe('Remove the field “extra”: it is not expected here.');
  });

  it('labels fields in words', () => {
    expect(fieldLabel('startDate')).toBe('Start date');
    expect(fieldLabel('address.postalCode')).toBe('Address postal code');
    expect(fieldLabel('contact_email')).toBe('Contact email');
  });
});
