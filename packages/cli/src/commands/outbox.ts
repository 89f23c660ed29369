import { type Command, EXIT_FAILURE, EXIT_OK, UsageError } from '../command.ts';

// Loaded when the command runs: @lending/core takes seconds to import, and the engine's
// commands (schedule, payoff, apr, …) do not need it.
const loadCore = () => import('@lending/core');

export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'show the emails the API put in the local outbox (no SMTP_URL): invitation links',
  usage: `lending outbox [--last N] [--to EMAIL] [--full] [--json]

Without SMTP_URL the API does not send email: it writes each message to
$LENDING_DATA_DIR/outbox/ (default .data/outbox/). This prints them, oldest first: when,
to whom, the subject and the links to follow (such as an invitation's /invitations/<token>).
  --last N     only the N newest messages (default 20)
  --to EMAIL   only messages to that address
  --full       also print each message's text
  --json       print the messages as JSON instead`,
  async run(args, io) {
    const { ConfigError, loadConfig, readOutbox } = await loadCore();
    let last = 20;
    let to: string | undefined;
    let full = false;
    let json = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--full') full = true;
      else if (arg === '--json') json = true;
      else if (arg === '--last') {
        const n = Number(args[++i]);
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--last needs a whole number of at least 1');
        last = n;
      } else if (arg === '--to') {
        to = args[++i]?.trim().toLowerCase();
        if (!to) throw new UsageError('--to needs an email address');
      } else throw new UsageError(`unexpected argument "${arg}"`);
    }
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
    const messages = readOutbox(config.email.outboxDir)
      .filter((m) => !to || m.to.toLowerCase() === to)
      .slice(-last);
    if (json) {
      io.stdout(`${JSON.stringify(messages, null, 2)}\n`);
      return EXIT_OK;
    }
    if (config.email.smtpUrl) {
      io.stderr('Note: SMTP_URL is set, so new messages go out by SMTP, not to this outbox.\n');
    }
    if (messages.length === 0) {
      io.stdout(`The outbox (${config.email.outboxDir}) is empty.\n`);
      return EXIT_OK;
    }
    for (const m of messages) {
      io.stdout(`${m.createdAt}  to ${m.to}\n  ${m.subject}\n`);
      for (const link of m.links ?? []) io.stdout(`  ${link}\n`);
      if (full) io.stdout(`\n${m.text.replace(/^/gm, '    ')}\n`);
      io.stdout('\n');
    }
    return EXIT_OK;
  },
};
