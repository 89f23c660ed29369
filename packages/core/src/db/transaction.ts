import type { Database, Executor } from './client.ts';

/** A transaction handle: what `inTransaction`'s work receives, and what domain writers take. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/** The SQLSTATE of a database error, looked for through a few levels of `cause`. */
export function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return pgCode(error) === '23505';
}

/**
 * Runs `work` in one transaction, retried a few times on deadlock or serialization failure (so
 * `serializable` work must be safe to run again). Nested calls on a transaction become savepoints.
 */
export async function inTransaction<T>(
  db: Executor,
  work: (tx: Tx) => Promise<T>,
  options: { isolationLevel?: IsolationLevel } = {},
): Promise<T> {
  const config = options.isolationLevel ? { isolationLevel: options.isolationLevel } : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await (db as Database).transaction(work, config);
    } catch (error) {
      const code = pgCode(error);
      if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
    }
  }
}
