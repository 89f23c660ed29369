/**
 * Money and percentages for people, formatted from the API's decimal strings. `Intl.NumberFormat`
 * formats a decimal string exactly (no conversion to a binary float), so "1234567.125" stays exact.
 * Never use these results for arithmetic: they are for display only.
 */

const DECIMAL_RE = /^[+-]?\d+(\.\d+)?$/;

const dollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  roundingMode: 'halfExpand',
});

const wholeDollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
  roundingMode: 'halfExpand',
});

const percent = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 3 });

type NumericString = `${number}`;

/** "1234.5" → "$1,234.50"; null or empty → "—"; anything that is not a decimal is shown as it is. */
export function formatMoney(amount: string | null | undefined): string {
  if (amount == null || amount === '') return '—';
  const value = amount.trim();
  if (!DECIMAL_RE.test(value)) return amount;
  return dollars.format(value as NumericString);
}

/** "250000.00" → "$250,000" (for cards and boards, where cents are noise). */
export function formatMoneyShort(amount: string | null | undefined): string {
  if (amount == null || amount === '') return '—';
  const value = amount.trim();
  if (!DECIMAL_RE.test(value)) return amount;
  return wholeDollars.format(value as NumericString);
}

/** "12.5" (a percentage as the API sends it) → "12.5%". */
export function formatPercent(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const v = value.trim();
  if (!DECIMAL_RE.test(v)) return value;
  return `${percent.format(v as NumericString)}%`;
}

/** What a person typed as an amount ("250,000", "$ 5 000.50") → the decimal string the schemas read. */
export function normalizeAmount(input: string): string {
  return input.replace(/[\s,_$%]/g, '');
}

/**
 * A decimal string with at most two decimals as whole cents (a BigInt: exact), or null when it is
 * not one. For comparing a typed amount with a limit the API sent (draw lines), never for storing.
 */
export function toCents(amount: string): bigint | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!m) return null;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** Whole cents back to a decimal string ("12345" cents → "123.45"). */
export function centsToAmount(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
