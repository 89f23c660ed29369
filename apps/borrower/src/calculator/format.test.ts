import { describe, expect, test } from 'vitest';
import { formatDollars, formatMoney, normalizeAmount } from './format.ts';

describe('formatMoney', () => {
  test('groups thousands and shows two decimals, on the string', () => {
    expect(formatMoney('304.91')).toBe('304.91');
    expect(formatMoney('250000.00')).toBe('250,000.00');
    expect(formatMoney('1234567.8')).toBe('1,234,567.80');
    expect(formatMoney('5000')).toBe('5,000.00');
    expect(formatMoney('0.5')).toBe('0.50');
    expect(formatMoney('.5')).toBe('0.50');
    expect(formatMoney('0000123.45')).toBe('123.45');
    expect(formatMoney('-1000.00')).toBe('-1,000.00');
    // Beyond what a float can hold exactly: still exact.
    expect(formatMoney('123456789012345.67')).toBe('123,456,789,012,345.67');
  });
  test('leaves anything else alone', () => {
    expect(formatMoney('abc')).toBe('abc');
    expect(formatMoney('')).toBe('');
  });
  test('dollars', () => {
    expect(formatDollars('2083.33')).toBe('$2,083.33');
    expect(formatDollars('-5')).toBe('-$5.00');
  });
});

test('normalizeAmount strips separators and the dollar sign', () => {
  expect(normalizeAmount('250,000')).toBe('250000');
  expect(normalizeAmount(' $5 000.50 ')).toBe('5000.50');
  expect(normalizeAmount('-5')).toBe('-5');
});
