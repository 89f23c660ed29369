/**
 * The engine's private decimal type. An isolated clone so that no other code's
 * `Decimal.set(...)` can change our precision or rounding.
 */
import Decimal from 'decimal.js';

export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);
export const HUNDRED = new Dec(100);

export type RoundingName = 'half_even' | 'half_up';

export function roundingMode(name: RoundingName): Decimal.Rounding {
  return name === 'half_up' ? Dec.ROUND_HALF_UP : Dec.ROUND_HALF_EVEN;
}

/** Money string with exactly two decimals ("-0.00" never appears). */
export function money(d: Dec): string {
  const s = d.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

export function max(a: Dec, b: Dec): Dec {
  return a.gte(b) ? a : b;
}

export function min(a: Dec, b: Dec): Dec {
  return a.lte(b) ? a : b;
}
