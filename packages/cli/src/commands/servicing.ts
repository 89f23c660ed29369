import { parseArgs } from 'node:util';
import { type Command, EXIT_FAILURE, EXIT_OK, UsageError } from '../command.ts';

// Loaded when the command runs: @lending/core takes seconds to import, and the engine's
// commands (schedule, payoff, apr, …) do not need it.
const loadCore = () => import('@lending/core');

export const servicingCommand: Command = {
  name: 'servicing',
  summary: 'run the daily servicing as of a date: lending servicing run --as-of YYYY-MM-DD',
  usage: `lending servicing run --as-of YYYY-MM-DD [--organization <id>] [--batch-size N]

Runs the daily servicing (late fees after grace, delinquency buckets, maturity, notifications)
as of a date for every organization with open loans (or one), on the database the API would use
(DATABASE_URL or the embedded PGlite database). The batches are the same ones the pg-boss worker
runs; a date already run is a no-op, and a run that was interrupted is finished.`,
  async run(args, io) {
    const {
      ConfigError,
      loadConfig,
      openConfiguredDatabase,
      organizationsWithOpenLoans,
      runServicingForDate,
    } = await loadCore();
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'as-of': { type: 'string' },
        organization: { type: 'string' },
        'batch-size': { type: 'string' },
      },
    });
    if (positionals[0] !== 'run' || positionals.length !== 1) throw new UsageError('expected "run"');
    const asOf = values['as-of'];
    if (!asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
      throw new UsageError('--as-of must be a date YYYY-MM-DD');
    const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
    if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000))
      throw new UsageError('--batch-size must be a whole number from 1 to 10000');
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
      const all = await organizationsWithOpenLoans(handle.db);
      const orgs = values.organization ? all.filter((id) => id === values.organization) : all;
      let loans = 0;
      let fees = 0;
      for (const id of orgs) {
        const r = await runServicingForDate(handle.db, id, asOf, batchSize ? { batchSize } : {});
        loans += r.loans;
        fees += r.lateFees;
        io.stdout(
          `${id}: ${r.alreadyCompleted ? 'already run' : `${r.loans} loans in ${r.batches} batches, ${r.lateFees} late fees`}\n`,
        );
      }
      io.stdout(`servicing run ${asOf}: ${orgs.length} organizations, ${loans} loans, ${fees} late fees\n`);
      return EXIT_OK;
    } finally {
      await handle.close();
    }
  },
};
