/**
 * A fresh, migrated database for one test file, on the target chosen by TEST_DATABASE: PGlite in
 * memory (default), a new database on the machine's PostgreSQL, or that same PostgreSQL reached
 * through the Neon driver over a local WebSocket bridge.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadTestConfig } from '../config/env.ts';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../db/client.ts';
import { startNeonBridge } from './neon-ws-bridge.ts';

export interface TestDatabase extends DatabaseHandle {
  target: 'pglite' | 'postgres' | 'neon';
  /** The database URL (postgres and neon targets). */
  url?: string;
}

async function adminQuery(adminUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  const config = loadTestConfig();
  if (config.database === 'pglite') {
    const handle = await openDatabase({ driver: 'pglite' });
    await migrateDatabase(handle);
    return { ...handle, target: 'pglite' };
  }
  const name = `lending_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(config.postgresAdminUrl, `create database ${name}`);
  const url = new URL(config.postgresAdminUrl);
  url.pathname = `/${name}`;
  const dropDatabase = () =>
    adminQuery(config.postgresAdminUrl, `drop database if exists ${name} with (force)`);

  if (config.database === 'postgres') {
    const handle = await openDatabase({
      driver: 'postgres',
      url: url.toString(),
      maxConnections: options.maxConnections,
    });
    await migrateDatabase(handle);
    return {
      ...handle,
      target: 'postgres',
      url: url.toString(),
      close: async () => {
        await handle.close();
        await dropDatabase();
      },
    };
  }
  const bridge = await startNeonBridge({ host: url.hostname, port: Number(url.port || 5432) });
  const handle = await openDatabase({
    driver: 'neon',
    url: url.toString(),
    neonWsProxy: bridge.wsProxy,
    maxConnections: options.maxConnections,
  });
  await migrateDatabase(handle);
  return {
    ...handle,
    target: 'neon',
    url: url.toString(),
    close: async () => {
      await handle.close();
      await bridge.close();
      await dropDatabase();
    },
  };
}
