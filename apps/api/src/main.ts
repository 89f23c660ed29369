/** Starts the API from the environment: validate config, open and migrate the database, seed, serve. */
import { serve } from '@hono/node-server';
import {
  ConfigError,
  loadConfig,
  migrateDatabase,
  openConfiguredDatabase,
  seedDemoData,
} from '@lending/core';
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
  const app = createApp(runtime);
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    console.log(
      `API listening on http://${config.host}:${info.port} (database: ${handle.driver}, identity: ${config.auth.mode})`,
    );
  });
  const shutdown = () => {
    server.close(() => void handle.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main();
