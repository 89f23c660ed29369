/**
 * Money for people. Money stays a decimal string from the API to the screen (no JS number in
 * between). Plain dates: `Temporal.PlainDate` for arithmetic, `formatPlainDate` (@lending/ui) for display.
 */

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** "1234567.8" → "1,234,567.80"; anything that is not a plain decimal is returned as it is. */
export function formatMoney(amount: string): string {
  const match = DECIMAL_RE.exec(amount.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return amount;
  const [, sign = '', rawInt = '', rawFrac = ''] = match;
  const int = rawInt.replace(/^0+(?=\d)/, '') || '0';
  const frac = rawFrac.length >= 2 ? rawFrac : rawFrac.padEnd(2, '0');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign === '-' ? '-' : ''}${grouped}.${frac}`;
}

/** "$1,234.50" — the portals show dollars (as on the home page's next payment). */
export function formatDollars(amount: string): string {
  const formatted = formatMoney(amount);
  return formatted.startsWith('-') ? `-$${formatted.slice(1)}` : `$${formatted}`;
}

/** What a person typed as an amount ("250,000", "$ 5 000.50") → the decimal string the schema reads. */
export function normalizeAmount(input: string): string {
  return input.replace(/[\s,_$]/g, '');
}
