import { quotePayoff } from '@lending/loan-math';
import type { Command } from '../command.ts';
import { runJsonCommand } from '../json-input.ts';

export const payoffCommand: Command = {
  name: 'payoff',
  summary: 'print a payoff quote as of a date (JSON on stdin)',
  usage: `lending payoff [request.json] [--compact]

Reads { "terms": {…}, "payments": [ { "date", "amount" } ], "payoffDate": "YYYY-MM-DD" }
(optional: "fees": [ { "date", "amount", "kind": "fee" | "penalty" } ], "waterfall", "waterfallBy")
and prints { "principal", "interest", "fees", "total", "perDiem", "goodThrough" }: the total is
exact for funds received on the payoff date; add the per diem for each later day in the same
period. Interest accrues on the principal actually outstanding (docs/loan-math.md).
Invalid input: exit code 2, the reasons on stderr, nothing on stdout.`,
  run: (args, io) =>
    runJsonCommand(args, io, 'payoff request', (input) =>
      quotePayoff(input as Parameters<typeof quotePayoff>[0]),
    ),
};
