/**
 * Decimal inputs of origination forms (money, percents, ratios), with person-readable messages.
 * The engine's `decimalSchema` caps the raw length first (40 characters), so a megabyte costs one
 * comparison. Browser-safe.
 */
import { decimalSchema } from '@lending/loan-math';

/** An amount of money > 0, at most 2 decimals: "250000.00". */
export const amountInput = (what: string, example = '250000.00') =>
  decimalSchema({ what, example, allowZero: false, maxDecimals: 2 });
/** An amount of money ≥ 0 (fees, rehab budget, rents). */
export const amountOrZeroInput = (what: string, example = '0.00') =>
  decimalSchema({ what, example, allowZero: true, maxDecimals: 2 });
/** A percentage 0–max ("12.5" = 12.5 %). */
export const percentInput = (what: string, example: string, max = 100) =>
  decimalSchema({ what, example, allowZero: true, maxDecimals: 4, max });
