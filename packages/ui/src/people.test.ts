import { describe, expect, it } from 'vitest';
import { formatPlainDate } from './people.ts';

describe('formatPlainDate', () => {
  it("shows the calendar date itself, whatever the viewer's time zone", () => {
    // The suite runs with TZ=America/Los_Angeles (see vitest.config.ts): west of UTC, where
    // new Date('2026-07-06') would show July 5.
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/Los_Angeles');
    expect(formatPlainDate('2026-07-06')).toMatch(/6/);
    expect(formatPlainDate('2026-07-06')).not.toMatch(/\b5\b/);
    expect(formatPlainDate('2028-02-29')).toMatch(/29/);
  });

  it('passes through what is not a plain date, and shows a dash for nothing', () => {
    expect(formatPlainDate('soon')).toBe('soon');
    expect(formatPlainDate(null)).toBe('—');
  });
});
