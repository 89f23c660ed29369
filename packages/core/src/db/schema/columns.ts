/**
 * Column helpers every table group shares, so a concept is stored one way everywhere:
 * money is `numeric` read as a string (never a float), loan dates are `date` read as
 * 'YYYY-MM-DD' strings (never a JS Date at midnight UTC), instants are `timestamptz`.
 */
import { date, numeric, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './identity.ts';

/** An amount of money: numeric(18, 2), read and written as a decimal string. */
export const money = (name: string) => numeric(name, { precision: 18, scale: 2, mode: 'string' });

/** An annual rate as a decimal fraction (0.125 = 12.5 %), up to 10 decimal places. */
export const rate = (name: string) => numeric(name, { precision: 14, scale: 10, mode: 'string' });

/** A calendar date, read and written as 'YYYY-MM-DD'. */
export const plainDate = (name: string) => date(name, { mode: 'string' });

/** An instant: timestamptz. */
export const instant = (name: string) => timestamp(name, { withTimezone: true });

export const createdAt = () => instant('created_at').notNull().defaultNow();
export const updatedAt = () => instant('updated_at').notNull().defaultNow();

/** The owning tenant: every business row carries it, and every query filters by it. */
export const organizationId = () =>
  uuid('organization_id')
    .notNull()
    .references(() => organizations.id);
