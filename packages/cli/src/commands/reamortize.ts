import { reamortize } from '@lending/loan-math';
import type { Command } from '../command.ts';
import { runJsonCommand } from '../json-input.ts';

export const reamortizeCommand: Command = {
  name: 'reamortize',
  summary: 'print the schedule re-solved from a date on the actual balance (JSON on stdin)',
  usage: `lending reamortize [request.json] [--compact]

Reads { "terms": {…}, "asOf": "YYYY-MM-DD", "balance": "4200.00" } and prints the installments
due after asOf, the first accruing from asOf only, with the level installment (or equal principal
part) re-solved over the installments left at the rate in force on asOf — same maturity:
  { "installments": [ { "number", "dueDate", "principal", "interest", "total", "balance" } ],
    "totals": { "principal", "interest", "total" } }
Use it after a prepayment, a missed payment or a modification (docs/loan-math.md).
Invalid input: exit code 2, the reasons on stderr, nothing on stdout.`,
  run: (args, io) =>
    runJsonCommand(args, io, 'reamortize request', (input) => {
      const s = reamortize(input as Parameters<typeof reamortize>[0]);
      return {
        installments: s.installments.map((i) => ({
          number: i.number,
          dueDate: i.dueDate,
          principal: i.principal,
          interest: i.interest,
          total: i.total,
          balance: i.balance,
        })),
        totals: s.totals,
      };
    }),
};
