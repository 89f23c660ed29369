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

export const ONE = new Dec(1);
export const HUNDRED = new Dec(100);

export type RoundingName = 'half_even' | 'half_up';

export function roundingMode(name: RoundingName): Decimal.Rounding {
  return name === 'half_up' ? Dec.ROUND_HALF_UP : Dec.ROUND_HALF_EVEN;
}

// ---------------------------------------------------------------------------------------------
// Integer minor units. Inside its loops the engine keeps money as exact integer cents (BigInt):
// every amount it stores is already rounded to cents, additions and subtractions of cents are
// exact, and interest is one exact rational division rounded once. decimal.js is used where
// non-integer arithmetic is needed (PMT, percentages) and its result is rounded to cents.

export type Cents = bigint;

/** Cents of a validated decimal string with at most two decimals ("5000", "12.5", "0.01"). */
export function toCents(s: string): Cents {
  const neg = s.startsWith('-');
  const body = neg || s.startsWith('+') ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot + 1);
  if (frac.replace(/0+$/, '').length > 2) throw new RangeError(`not a whole number of cents: ${s}`);
  const c = BigInt(int || '0') * 100n + BigInt(`${frac}00`.slice(0, 2));
  return neg ? -c : c;
}

/** "1234.50" from 123450n. */
export function centsToString(c: Cents): string {
  const neg = c < 0n;
  const s = (neg ? -c : c).toString().padStart(3, '0');
  const out = `${s.slice(0, -2)}.${s.slice(-2)}`;
  return neg ? `-${out}` : out;
}

/** Exact num ÷ den rounded to an integer with the rounding mode (den > 0). */
export function roundDiv(num: bigint, den: bigint, mode: RoundingName): bigint {
  if (num < 0n) return -roundDiv(-num, den, mode);
  const q = num / den;
  const twice = (num - q * den) * 2n;
  if (twice > den) return q + 1n;
  if (twice < den) return q;
  return mode === 'half_up' || q % 2n === 1n ? q + 1n : q;
}

/** A Decimal rounded to cents with the mode. */
export function decimalToCents(d: Dec, mode: RoundingName): Cents {
  return BigInt(d.times(100).toDecimalPlaces(0, roundingMode(mode)).toFixed(0));
}

/** A decimal rate string as an exact fraction: "4.25" → { num: 425n, scale: 100n }. */
export function toFraction(s: string): { num: bigint; scale: bigint } {
  const dot = s.indexOf('.');
  if (dot < 0) return { num: BigInt(s), scale: 1n };
  const frac = s.slice(dot + 1);
  return { num: BigInt(s.slice(0, dot) + frac), scale: 10n ** BigInt(frac.length) };
}

/** The smaller of two amounts (Math.min does not take bigint). */
export function minCents(a: Cents, b: Cents): Cents {
  return a <= b ? a : b;
}
