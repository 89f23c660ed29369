import { type Command, EXIT_FAILURE, EXIT_OK, UsageError } from '../command.ts';

// Loaded when the command runs: @lending/core takes seconds to import, and the engine's
// commands (schedule, payoff, apr, …) do not need it.
const loadCore = () => import('@lending/core');

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply the database migrations (DATABASE_URL, or the embedded database)',
  usage: `lending migrate

Applies every pending migration of packages/core/drizzle to the database the API would use:
DATABASE_URL (PostgreSQL or Neon) or, when unset, the embedded PGlite database in
$LENDING_DATA_DIR/pglite. Safe to run again: applied migrations are skipped.`,
  async run(args, io) {
    const { ConfigError, loadConfig, migrateDatabase, openConfiguredDatabase } = await loadCore();
    if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`);
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig();
    } catch (error) {
      if (error instanceof ConfigError) {
        io.stderr(`${error.message}\n`);
        return EXIT_FAILURE;
      }
      throw error;
    }
    const handle = await openConfiguredDatabase(config);
    try {
      await migrateDatabase(handle);
      io.stdout(`Migrations applied (${handle.driver}).\n`);
      return EXIT_OK;
    } finally {
      await handle.close();
    }
  },
};
