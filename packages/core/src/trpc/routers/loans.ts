import { z } from 'zod';
import { fundLoanInput, listLoansInput, loanIdInput } from '../../loans/loans.inputs.ts';
import { fundLoan, getLoan, listLoans, listMyLoans, loanSummary } from '../../loans/loans.ts';
import { loanDetailOut, loanSummaryOut, nextPaymentOut } from '../origination-outputs.ts';
import { borrowerProcedure, lenderProcedure, router } from '../trpc.ts';

/** Funding (admins only: it moves money) and the loans it creates. */
export const loansRouter = router({
  /** approved → funded: the loan, its schedule and its ledger, exactly once per idempotency key. */
  fund: lenderProcedure('admin')
    .input(fundLoanInput)
    .output(z.object({ loan: loanSummaryOut, replayed: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const { loan, replayed } = await fundLoan(ctx.db, ctx.access, input, ctx.services.invitations);
      return { loan: loanSummary(loan), replayed };
    }),
  list: lenderProcedure('viewer')
    .input(listLoansInput)
    .output(
      z.object({
        loans: z.array(loanSummaryOut.extend({ borrowerName: z.string().nullable() })),
        total: z.number(),
        page: z.number(),
        pageSize: z.number(),
      }),
    )
    .query(({ ctx, input }) => listLoans(ctx.db, ctx.access.organizationId, input)),
  get: lenderProcedure('viewer')
    .input(loanIdInput)
    .output(loanDetailOut)
    .query(({ ctx, input }) => getLoan(ctx.db, ctx.access, input.loanId)),
  mine: borrowerProcedure
    .output(z.object({ loans: z.array(loanSummaryOut.extend({ nextPayment: nextPaymentOut })) }))
    .query(({ ctx }) => listMyLoans(ctx.db, ctx.access)),
  myLoan: borrowerProcedure
    .input(loanIdInput)
    .output(loanDetailOut)
    .query(({ ctx, input }) => getLoan(ctx.db, ctx.access, input.loanId)),
});
