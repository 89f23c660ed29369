import { computeApr } from '@lending/loan-math';
import type { Command } from '../command.ts';
import { runJsonCommand } from '../json-input.ts';

export const aprCommand: Command = {
  name: 'apr',
  summary: 'annual percentage rate (Regulation Z, Appendix J) of a loan or of cash flows (JSON on stdin)',
  usage: `lending apr [input.json] [--compact]

Reads either a loan:
  { "terms": {…}, "prepaidFinanceCharges"?: "1234.00" }
(prepaid finance charges default to the terms' originationPoints and originationFee; prepaid
odd-days interest is always added), or cash flows as Appendix J states its examples:
  { "advances": [ { "date", "amount" } ], "payments": [ { "date", "amount" } ],
    "unitPeriod"?: "month" | "semimonth" | "2months" | "quarter" | "year" | "week" | "2weeks" | "4weeks" }
(without unitPeriod it is determined as Appendix J (b)(4) says), and prints
  { "apr", "financeCharge", "amountFinanced", "totalOfPayments" }
with the APR in percent to 4 decimals ("9.6857"), by the actuarial method.
Invalid input: exit code 2, the reasons on stderr, nothing on stdout.`,
  run: (args, io) =>
    runJsonCommand(args, io, 'APR request', (input) => {
      const r = computeApr(input as Parameters<typeof computeApr>[0]);
      return {
        apr: r.apr,
        financeCharge: r.financeCharge,
        amountFinanced: r.amountFinanced,
        totalOfPayments: r.totalOfPayments,
      };
    }),
};
