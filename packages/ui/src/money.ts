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
