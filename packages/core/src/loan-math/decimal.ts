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

/**
 * Money string with exactly two decimals ("-0.00" never appears). Values reaching this point are
 * already rounded to cents, so this only pads `toString()` (≈7× faster than `toFixed(2)`); any
 * other value falls back to `toFixed(2)` with the clone's half-even rounding.
 */
export function money(d: Dec): string {
  const s = d.toString();
  const dot = s.indexOf('.');
  let out: string;
  if (dot < 0) out = `${s}.00`;
  else if (s.length - dot === 3) out = s;
  else if (s.length - dot === 2) out = `${s}0`;
  else out = d.toFixed(2);
  return out === '-0.00' ? '0.00' : out;
}

export function max(a: Dec, b: Dec): Dec {
  return a.gte(b) ? a : b;
}

export function min(a: Dec, b: Dec): Dec {
  return a.lte(b) ? a : b;
}
