/** Request rate limits, shared by every API instance on one PostgreSQL (rate-limiter-flexible's Drizzle store). */
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.ts';

export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expire: instant('expire'),
});
