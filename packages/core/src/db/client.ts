/**
 * Opens the database for a configuration: PGlite in a data directory (the embedded default),
 * node-postgres for a postgres:// URL, or Neon's serverless Pool (which has transactions).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database: domain functions accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];
export type DatabaseDriver = 'pglite' | 'postgres' | 'neon';

export interface DatabaseHandle {
  db: Database;
  driver: DatabaseDriver;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  driver: DatabaseDriver;
  url?: string | undefined;
  /** PGlite only: a data directory, or undefined for an in-memory database. */
  dataDir?: string | undefined;
  /** PGlite only: start from this dumped data directory (a migrated template, in tests). */
  pgliteTemplate?: Blob | undefined;
  /** Neon only: "host:port/path" of a WebSocket proxy (local bridge in tests). */
  neonWsProxy?: string | undefined;
  maxConnections?: number;
}

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.driver === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    // pg_trgm: the pipeline search's trigram index (migration 0003) needs it loaded.
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const { drizzle } = await import('drizzle-orm/pglite');
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const client = await PGlite.create(options.dataDir ?? 'memory://', {
      ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
      extensions: { pg_trgm },
    });
    const db = drizzle(client, { schema }) as unknown as Database;
    return { db, driver: 'pglite', close: () => client.close() };
  }
  if (!options.url) throw new Error(`DATABASE_URL is required for the ${options.driver} driver.`);
  if (options.driver === 'neon') {
    const { Pool, neonConfig } = await import('@neondatabase/serverless');
    const { drizzle } = await import('drizzle-orm/neon-serverless');
    const { default: ws } = await import('ws');
    neonConfig.webSocketConstructor = ws;
    const proxy = options.neonWsProxy;
    if (proxy) {
      // A plain PostgreSQL behind a local WebSocket bridge: no TLS, and no pipelining (SCRAM needs round trips).
      neonConfig.wsProxy = () => proxy;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineConnect = false;
      neonConfig.pipelineTLS = false;
    }
    const pool = new Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    pool.on('error', (error: Error) => console.error('database pool error (idle client):', error.message));
    const db = drizzle({ client: pool, schema }) as unknown as Database;
    return { db, driver: 'neon', close: () => pool.end() };
  }
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 20 });
  // An idle client can be cut off (restart, failover): log it rather than crash the process.
  pool.on('error', (error) => console.error('database pool error (idle client):', error.message));
  const db = drizzle({ client: pool, schema }) as unknown as Database;
  return { db, driver: 'postgres', close: () => pool.end() };
}

/** The database a configuration names: DATABASE_URL's, or the embedded one in the data directory. */
export function openConfiguredDatabase(config: {
  dataDir: string;
  database: { driver: DatabaseDriver; url: string | undefined; neonWsProxy: string | undefined };
}): Promise<DatabaseHandle> {
  return openDatabase({
    driver: config.database.driver,
    url: config.database.url,
    dataDir: config.database.driver === 'pglite' ? path.join(config.dataDir, 'pglite') : undefined,
    neonWsProxy: config.database.neonWsProxy,
  });
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, config);
  } else if (handle.driver === 'neon') {
    const { migrate } = await import('drizzle-orm/neon-serverless/migrator');
    await migrate(handle.db as never, config);
  } else {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    await migrate(handle.db as never, config);
  }
}
