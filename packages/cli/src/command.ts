/**
 * What every `lending` command looks like. A command is one file in `commands/` plus one line in
 * `commands/index.ts`.
 */
export interface CommandIO {
  /** Everything on standard input (only read when a command asks for it). */
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface Command {
  name: string;
  /** One line for the usage message. */
  summary: string;
  /** Full usage text for `lending help <name>`. */
  usage: string;
  /** Returns the exit code: 0 success, 2 invalid input or usage, 1 anything else. */
  run(args: string[], io: CommandIO): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Thrown by commands for bad input: printed to stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
