/**
 * A fresh, migrated database for one test file, on the target chosen by TEST_DATABASE: PGlite in
 * memory (default), a new database on the machine's PostgreSQL, or that same PostgreSQL reached
 * through the Neon driver over a local WebSocket bridge.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadTestConfig } from '../config/env.ts';
import { type DatabaseHandle, MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from '../db/client.ts';
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

/** A fingerprint of every migration file: a template is reused only for the same migrations. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(MIGRATIONS_FOLDER);
  return hash.digest('hex').slice(0, 16);
}

let templateInProcess: Promise<Blob> | undefined;

/**
 * A migrated PGlite data directory, dumped once and shared by every test file (through a file in
 * the temp folder, named by the migrations' fingerprint): loading it takes a fraction of migrating.
 */
function migratedPgliteTemplate(): Promise<Blob> {
  templateInProcess ??= (async () => {
    const file = path.join(tmpdir(), `lending-pglite-template-${migrationsFingerprint()}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const handle = await openDatabase({ driver: 'pglite' });
    await migrateDatabase(handle);
    const client = (handle.db as unknown as { $client: import('@electric-sql/pglite').PGlite }).$client;
    const dump = await client.dumpDataDir('none');
    await handle.close();
    // Written aside then renamed, so a parallel test file never reads half a template.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  })();
  return templateInProcess;
}

export async function createTestDatabase(options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  const config = loadTestConfig();
  if (config.database === 'pglite') {
    const handle = await openDatabase({ driver: 'pglite', pgliteTemplate: await migratedPgliteTemplate() });
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
