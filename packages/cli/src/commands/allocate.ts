import { allocatePayments } from '@lending/loan-math';
import type { Command } from '../command.ts';
import { runJsonCommand } from '../json-input.ts';

export const allocateCommand: Command = {
  name: 'allocate',
  summary: 'apply received payments to the installments by the waterfall (JSON on stdin)',
  usage: `lending allocate [request.json] [--compact]

Reads { "terms": {…}, "payments": [ { "date", "amount" } ] } (optional: "fees", "waterfall",
"waterfallBy") and prints what each payment paid and where every installment stands.
Invalid input: exit code 2, the reasons on stderr, nothing on stdout.`,
  run: (args, io) =>
    runJsonCommand(args, io, 'allocation request', (input) =>
      allocatePayments(input as Parameters<typeof allocatePayments>[0]),
    ),
};
