import { createReadStream } from 'node:fs';
import { type Command, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from '../command.ts';

// Loaded when the command runs: @lending/core takes seconds to import, and the engine's
// commands (schedule, payoff, apr, …) do not need it.
const loadCore = () => import('@lending/core');

export const boardCommand: Command = {
  name: 'board',
  summary: 'import existing loans from a CSV file, all or nothing',
  usage: `lending board <loans.csv> --organization <slug> --as <admin email>

Boards existing loans into the organization (DATABASE_URL, or the embedded database). One row per
loan, UTF-8, with the header row:
  external_id,borrower_email,product,principal,annual_rate_percent,payments,funded_on,installments_paid
- external_id: the loan's id in the old system (letters, digits . _ : -), boarded once
- borrower_email: a borrower of the organization (invite them to the borrower portal first)
- product: the name of one of the organization's products (its engine settings apply)
- principal, annual_rate_percent (11.5 = 11.5 %), payments (installments), funded_on (YYYY-MM-DD)
- installments_paid: how many installments were paid to date, each on its due date
Every row is checked before anything is written; a bad row is reported as
"line N, field F: message" (the header is line 1), and then nothing is boarded (exit 2).`,
  async run(args, io) {
    const {
      BoardingRejected,
      boardingActorOf,
      boardLoans,
      ConfigError,
      DomainError,
      loadConfig,
      openConfiguredDatabase,
    } = await loadCore();
    let file: string | undefined;
    let slug: string | undefined;
    let email: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--organization') slug = args[++i];
      else if (arg === '--as') email = args[++i];
      else if (arg.startsWith('--')) throw new UsageError(`unknown option "${arg}"`);
      else if (file === undefined) file = arg;
      else throw new UsageError(`unexpected argument "${arg}"`);
    }
    if (!file) throw new UsageError('give the CSV file to board');
    if (!slug) throw new UsageError('give --organization <slug>');
    if (!email) throw new UsageError('give --as <admin email>');
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
      const actor = await boardingActorOf(handle.db, slug, email);
      const { loans } = await boardLoans(handle.db, actor, createReadStream(file));
      io.stdout(`Boarded ${loans.length} loan${loans.length === 1 ? '' : 's'}:\n`);
      for (const l of loans)
        io.stdout(`  line ${l.line}: ${l.externalId} → L-${String(l.number).padStart(6, '0')}\n`);
      return EXIT_OK;
    } catch (error) {
      if (error instanceof BoardingRejected) {
        io.stderr(`Nothing was boarded. Fix these rows and run it again:\n${error.message}\n`);
        return EXIT_USAGE;
      }
      if (error instanceof DomainError) {
        io.stderr(`${error.message}\n`);
        return error.code === 'FORBIDDEN' ? EXIT_USAGE : EXIT_FAILURE;
      }
      if ((error as { code?: string }).code === 'ENOENT') {
        io.stderr(`No such file: ${file}\n`);
        return EXIT_USAGE;
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
