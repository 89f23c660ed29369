/** Starts the API from the environment: validate config, open and migrate the database, seed, serve. */
import { serve } from '@hono/node-server';
import {
  ConfigError,
  loadConfig,
  migrateDatabase,
  openConfiguredDatabase,
  seedDemoData,
  startServicingWorker,
} from '@lending/core';
import { fromPglite, PgBoss } from 'pg-boss';
import { createApp } from './app.ts';
import { buildRuntime } from './services.ts';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const handle = await openConfiguredDatabase(config);
  if (config.migrateOnStart) await migrateDatabase(handle);
  const runtime = buildRuntime(config, handle.db);
  if (config.seed === 'demo' && runtime.localIdentity) {
    const { created } = await seedDemoData(handle.db, runtime.localIdentity);
    if (created) console.log('Seeded the demo lending company "Demo Lending" (slug demo-lending).');
  }
  // The daily servicing run as pg-boss jobs, shared by every API process on the database.
  let boss: PgBoss | null = null;
  if (config.servicing.jobs) {
    boss =
      handle.driver === 'pglite'
        ? new PgBoss({
            db: fromPglite((handle.db as unknown as { $client: Parameters<typeof fromPglite>[0] }).$client),
            backend: 'pglite',
          } as never)
        : new PgBoss({ connectionString: config.database.url! });
    boss.on('error', (error) => console.error('pg-boss', error));
    await boss.start();
    await startServicingWorker({
      db: handle.db,
      boss,
      services: runtime.services.invitations,
      cron: config.servicing.cron,
    });
    console.log(`Servicing jobs on (daily at "${config.servicing.cron}" UTC).`);
  }
  const app = createApp(runtime);
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    console.log(
      `API listening on http://${config.host}:${info.port} (database: ${handle.driver}, identity: ${config.auth.mode})`,
    );
  });
  const shutdown = () => {
    server.close(
      () =>
        void (boss ? boss.stop({ graceful: true, timeout: 2000 }) : Promise.resolve())
          .catch(() => {})
          .then(() => handle.close())
          .finally(() => process.exit(0)),
    );
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main();
