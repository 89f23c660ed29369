/**
 * Money and plain calendar dates for people. Money stays a decimal string from the API to the
 * screen (no JS number in between); dates stay `YYYY-MM-DD` strings (never `new Date('YYYY-MM-DD')`,
 * which is midnight UTC and shows the previous day west of Greenwich).
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

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today's calendar date where the person is, as `YYYY-MM-DD`. */
export function todayPlainDate(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function parsePlainDate(date: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Calendar months later, keeping the day where the month allows (Jan 31 + 1 → Feb 28/29), as the
 * engine rolls due dates.
 */
export function addMonths(date: string, months: number): string {
  const parts = parsePlainDate(date);
  if (!parts) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = parts;
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(day, daysInMonth(y, m)))}`;
}

/** The day after, as `YYYY-MM-DD`. */
export function nextDay(date: string): string {
  const parts = parsePlainDate(date);
  if (!parts) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = parts;
  if (day < daysInMonth(year, month)) return `${pad(year, 4)}-${pad(month)}-${pad(day + 1)}`;
  if (month < 12) return `${pad(year, 4)}-${pad(month + 1)}-01`;
  return `${pad(year + 1, 4)}-01-01`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "2026-07-06" → "Jul 6, 2026" in the person's language; the calendar date never shifts. */
export function formatPlainDate(date: string): string {
  const parts = parsePlainDate(date);
  if (!parts) return date;
  const [year, month, day] = parts;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return dateFormat.format(utc);
}
