/** Liveness of what the API depends on: today, the database. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';

export type HealthStatus = { status: 'ok' } | { status: 'unavailable'; reason: string };

export async function checkHealth(db: Executor): Promise<HealthStatus> {
  try {
    await db.execute(sql`select 1`);
    return { status: 'ok' };
  } catch (error) {
    return { status: 'unavailable', reason: (error as Error).message };
  }
}
