import { generateSchedule } from '@lending/loan-math';
import type { Command } from '../command.ts';
import { runJsonCommand } from '../json-input.ts';

export const scheduleCommand: Command = {
  name: 'schedule',
  summary: 'print the repayment schedule of loan terms (JSON on stdin)',
  usage: `lending schedule [terms.json] [--compact]

Reads loan terms (JSON, see docs/loan-math.md; among them "oddFirstPeriod": "level" | "accrue" |
"prepaid", "rateChanges": [ { "from", "annualRate" } ], "businessDayRule": "none" | "following" |
"modified_following" with "holidays", "prepaymentRecalculation": "reduce_term" |
"reduce_installment") from the file or standard input and prints
  { "installments": [ { "number", "dueDate", "principal", "interest", "total", "balance" } ],
    "totals": { "principal", "interest", "total" } }
Money is printed as decimal strings with two decimals. Invalid terms: exit code 2, the
reasons (naming each field) on stderr, nothing on stdout.`,
  run: (args, io) =>
    runJsonCommand(args, io, 'loan terms', (input) => {
      const s = generateSchedule(input as Parameters<typeof generateSchedule>[0]);
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
