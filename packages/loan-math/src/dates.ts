/**
 * Calendar arithmetic on plain dates, as integer "epoch days" (days since 1970-01-01).
 *
 * Public inputs are ISO dates validated with `Temporal.PlainDate` (see schema.ts). Inside the
 * engine's loops a date is an integer day number: `Temporal.PlainDate#add` costs ~10 µs in the
 * polyfill, which would make a 360-installment schedule take milliseconds. The conversion
 * functions here are the standard proleptic-Gregorian algorithms (H. Hinnant, "chrono-compatible
 * low-level date algorithms"); dates.test.ts checks them against Temporal over random dates.
 */

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 30);
}

/** Epoch day of a civil date (month 1–12). */
export function epochDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  y: number;
  m: number;
  d: number;
}

export function civil(z: number): Civil {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/**
 * Whether a `YYYY-MM-DD` string names a real calendar date (month 1–12, day within the month),
 * as `Temporal.PlainDate.from(s, { overflow: 'reject' })` decides but ~100× faster: inputs with
 * hundreds of dated payments are validated date by date.
 */
export function isCalendarDate(iso: string): boolean {
  const y = Number.parseInt(iso.slice(0, 4), 10);
  const m = Number.parseInt(iso.slice(5, 7), 10);
  const d = Number.parseInt(iso.slice(8, 10), 10);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Parses a validated `YYYY-MM-DD` string. */
export function parseDate(iso: string): number {
  return epochDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatDate(z: number): string {
  const { y, m, d } = civil(z);
  const ys = y >= 0 && y < 10000 ? String(y).padStart(4, '0') : String(y);
  return `${ys}-${pad2(m)}-${pad2(d)}`;
}

/**
 * The date `months` calendar months after (year, month) on `anchorDay`, clamped to the end of a
 * shorter month: anchor day 31 gives Jan 31 → Feb 29 → Mar 31 (the anchor day is kept, the clamp
 * never accumulates). Same result as `Temporal.PlainDate#add({ months })` from the anchor date.
 */
export function addMonths(y: number, m: number, anchorDay: number, months: number): number {
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = idx - ny * 12 + 1;
  return epochDay(ny, nm, Math.min(anchorDay, daysInMonth(ny, nm)));
}

/** 30/360 US (NASD / bond basis with the end-of-February rules) day count between two dates. */
export function days30360US(a: number, b: number): number {
  const c1 = civil(a);
  const c2 = civil(b);
  let d1 = c1.d;
  let d2 = c2.d;
  const lastFeb1 = c1.m === 2 && d1 === daysInMonth(c1.y, 2);
  const lastFeb2 = c2.m === 2 && d2 === daysInMonth(c2.y, 2);
  if (lastFeb1 && lastFeb2) d2 = 30;
  if (lastFeb1) d1 = 30;
  if (d2 === 31 && d1 >= 30) d2 = 30;
  if (d1 === 31) d1 = 30;
  return 360 * (c2.y - c1.y) + 30 * (c2.m - c1.m) + (d2 - d1);
}

/**
 * actual/actual (ISDA) expressed over the common denominator 365 × 366: days falling in
 * non-leap years count 366 units each, days in leap years 365 units each.
 */
export function unitsActualActual(a: number, b: number): number {
  if (b <= a) return 0;
  let units = 0;
  let from = a;
  let y = civil(a).y;
  while (from < b) {
    const nextYear = epochDay(y + 1, 1, 1);
    const to = Math.min(b, nextYear);
    units += (to - from) * (isLeapYear(y) ? 365 : 366);
    from = to;
    y += 1;
  }
  return units;
}
