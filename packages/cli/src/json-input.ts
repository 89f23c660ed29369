import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { describeLoanMathError, LoanMathInputError } from '@lending/loan-math';
import { type CommandIO, EXIT_OK, EXIT_USAGE, UsageError } from './command.ts';

/**
 * Shared shape of the JSON-in / JSON-out commands: read a JSON document from a file argument or
 * standard input, validate it, compute, print the result as JSON on stdout. Errors go to stderr
 * only (stdout stays empty) with exit code 2.
 */
export async function runJsonCommand<R>(
  args: string[],
  io: CommandIO,
  schemaName: string,
  compute: (input: unknown) => R,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { compact: { type: 'boolean', default: false } },
    strict: true,
  });
  if (positionals.length > 1)
    throw new UsageError('give at most one input file (or pipe the JSON on standard input)');
  const file = positionals[0];
  let text: string;
  if (file !== undefined && file !== '-') {
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
    }
  } else {
    if (process.stdin.isTTY)
      throw new UsageError(`pipe ${schemaName} as JSON on standard input, or give a file name`);
    text = await io.readStdin();
  }
  if (text.trim() === '') throw new UsageError(`input: expected ${schemaName} as JSON, got nothing`);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`input: not valid JSON (${(e as Error).message})`);
  }
  let result: R;
  try {
    result = compute(input);
  } catch (e) {
    if (e instanceof LoanMathInputError) {
      io.stderr(`Invalid ${schemaName}:\n${indent(describeLoanMathError(e))}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  io.stdout(`${JSON.stringify(result, null, values.compact ? undefined : 2)}\n`);
  return EXIT_OK;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
