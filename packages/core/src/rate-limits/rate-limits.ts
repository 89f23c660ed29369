/**
 * Named request limits. On PostgreSQL and Neon the counters live in the database (the
 * `rate_limits` table), so a limit holds across API instances; the embedded PGlite default is one
 * process, so its counters live in memory.
 */
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Database, DatabaseDriver } from '../db/client.ts';
import { rateLimits } from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';

interface LimitRule {
  points: number;
  /** Seconds. */
  duration: number;
  /** What the person is told when the limit is reached. */
  message: string;
}

/** Per client address unless said otherwise. */
export const RATE_LIMIT_RULES = {
  calculator: {
    points: 120,
    duration: 60,
    message: 'Too many calculations: wait a minute and try again.',
  },
  publicProfile: {
    points: 60,
    duration: 60,
    message: 'Too many look-ups of lender links: wait a minute and try again.',
  },
  /** Per signed-in user. */
  createOrganization: {
    points: 10,
    duration: 3600,
    message: 'You have created many organizations in the last hour: wait a while and try again.',
  },
  /** Per signed-in user: each message notifies (and emails) the other side. */
  messages: {
    points: 60,
    duration: 3600,
    message: 'You have sent many messages in the last hour: wait a while and try again.',
  },
  localAuth: {
    points: 60,
    duration: 60,
    message: 'Too many sign-in requests: wait a minute and try again.',
  },
} as const satisfies Record<string, LimitRule>;

export type RateLimitName = keyof typeof RATE_LIMIT_RULES;

export type RateLimits = Record<RateLimitName, RateLimiterMemory | RateLimiterDrizzle>;

export function createRateLimits(
  db: Database,
  driver: DatabaseDriver,
  overrides: Partial<Record<RateLimitName, Partial<LimitRule>>> = {},
): RateLimits {
  const entries = Object.entries(RATE_LIMIT_RULES).map(([name, rule]) => {
    const { points, duration } = { ...rule, ...overrides[name as RateLimitName] };
    const options = { points, duration, keyPrefix: name };
    const limiter =
      driver === 'pglite'
        ? new RateLimiterMemory(options)
        : new RateLimiterDrizzle({ ...options, storeClient: db, schema: rateLimits });
    return [name, limiter] as const;
  });
  return Object.fromEntries(entries) as RateLimits;
}

/** Takes one point for `key`, or throws a 429 DomainError with the limit's message. */
export async function consumeRateLimit(limits: RateLimits, name: RateLimitName, key: string): Promise<void> {
  try {
    await limits[name].consume(key);
  } catch (error) {
    // The limiter rejects with a RateLimiterRes when the limit is reached; anything else is a store failure.
    if (error instanceof RateLimiterRes) {
      throw new DomainError('TOO_MANY_REQUESTS', RATE_LIMIT_RULES[name].message);
    }
    throw error;
  }
}
