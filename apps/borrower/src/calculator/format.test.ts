import { describe, expect, test } from 'vitest';
import {
  addMonths,
  formatDollars,
  formatMoney,
  formatPlainDate,
  nextDay,
  normalizeAmount,
  todayPlainDate,
} from './format.ts';

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

describe('plain dates', () => {
  test('today is the local calendar date', () => {
    expect(todayPlainDate(new Date(2026, 0, 31, 23, 59))).toBe('2026-01-31');
  });
  test('addMonths keeps the day where the month allows', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-05-06', 13)).toBe('2027-06-06');
  });
  test('nextDay', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2026-07-06')).toBe('2026-07-07');
  });
  test('formatPlainDate does not shift the day', () => {
    expect(formatPlainDate('2026-07-06')).toMatch(/6/);
    expect(formatPlainDate('2026-07-06')).toMatch(/2026/);
    expect(formatPlainDate('0099-01-01')).toMatch(/99/);
    expect(formatPlainDate('nope')).toBe('nope');
  });
});
