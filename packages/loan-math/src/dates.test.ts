import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  civil,
  days30360US,
  epochDay,
  formatDate,
  isCalendarDate,
  parseDate,
  unitsActualActual,
} from './dates.ts';

const EPOCH = Temporal.PlainDate.from('1970-01-01');
const plainDate = fc
  .integer({ min: epochDay(1900, 1, 1), max: epochDay(2200, 12, 31) })
  .map((d) => EPOCH.add({ days: d }));

describe('epoch-day calendar arithmetic agrees with Temporal', () => {
  it('decides what a real calendar date is exactly as Temporal (overflow: reject) does', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1600, max: 2400 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          let temporal = true;
          try {
            Temporal.PlainDate.from(iso, { overflow: 'reject' });
          } catch {
            temporal = false;
          }
          expect(isCalendarDate(iso), iso).toBe(temporal);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('round-trips dates', () => {
    fc.assert(
      fc.property(plainDate, (d) => {
        const z = parseDate(d.toString());
        expect(z).toBe(d.since(EPOCH).days);
        expect(formatDate(z)).toBe(d.toString());
        expect(civil(z)).toEqual({ y: d.year, m: d.month, d: d.day });
      }),
    );
  });
  it('adds months keeping the anchor day like PlainDate#add (constrain)', () => {
    fc.assert(
      fc.property(plainDate, fc.integer({ min: -400, max: 400 }), (d, k) => {
        expect(formatDate(addMonths(d.year, d.month, d.day, k))).toBe(d.add({ months: k }).toString());
      }),
    );
  });
  it('actual/actual units and 30/360 examples', () => {
    const u = (a: string, b: string) => unitsActualActual(parseDate(a), parseDate(b));
    expect(u('2023-12-15', '2024-01-15')).toBe(17 * 366 + 14 * 365);
    expect(u('2024-01-01', '2025-01-01')).toBe(366 * 365);
    const d = (a: string, b: string) => days30360US(parseDate(a), parseDate(b));
    expect(d('2024-01-31', '2024-02-29')).toBe(29);
    expect(d('2024-02-29', '2024-03-31')).toBe(30);
    expect(d('2023-02-28', '2024-02-29')).toBe(360);
    expect(d('2024-03-30', '2024-04-30')).toBe(30);
    expect(d('2024-03-15', '2024-04-15')).toBe(30);
  });
});
