import { describe, expect, it, test } from 'vitest';
import {
  centsToAmount,
  formatMoney,
  formatMoneyShort,
  formatPercent,
  normalizeAmount,
  toCents,
} from './money.ts';

describe('money for people', () => {
  test('formats decimal strings exactly', () => {
    expect(formatMoney('1234567.5')).toBe('$1,234,567.50');
    expect(formatMoney('0.005')).toBe('$0.01');
    expect(formatMoney('90071992547409931.23')).toBe('$90,071,992,547,409,931.23');
    expect(formatMoney('-12')).toBe('-$12.00');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney('abc')).toBe('abc');
    expect(formatMoneyShort('250000.00')).toBe('$250,000');
    expect(formatPercent('12.5')).toBe('12.5%');
    expect(formatPercent('75.0000')).toBe('75%');
    expect(normalizeAmount('$ 250,000')).toBe('250000');
  });
});

describe('cents for comparing amounts', () => {
  it('reads decimal strings exactly and refuses anything else', () => {
    expect(toCents('1234.5')).toBe(123450n);
    expect(toCents('0.07')).toBe(7n);
    expect(toCents('90071992547409930.99')).toBe(9007199254740993099n);
    expect(toCents('1.005')).toBeNull();
    expect(toCents('-1')).toBeNull();
    expect(toCents('abc')).toBeNull();
    expect(centsToAmount(123450n)).toBe('1234.50');
    expect(centsToAmount(7n)).toBe('0.07');
  });
});
