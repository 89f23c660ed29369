import { z } from 'zod';
import { LOAN_STATUSES } from '../../loans/loans.constants.ts';
import { portfolioDashboardInput, portfolioLoansInput } from '../../portfolio/portfolio.inputs.ts';
import { listPortfolioLoans, portfolioDashboard } from '../../portfolio/portfolio.ts';
import { DELINQUENCY_BUCKETS } from '../../servicing/servicing.inputs.ts';
import { decimalOrNull, decimalOut, plainDateOut } from '../origination-outputs.ts';
import { lenderProcedure, router } from '../trpc.ts';

const count = z.number().int().min(0);

export const portfolioDashboardOut = z.object({
  asOf: plainDateOut,
  openLoans: count,
  unpaidPrincipal: decimalOut,
  weightedAverageRatePercent: decimalOrNull,
  weightedLtvPercent: decimalOrNull,
  loansByStatus: z.array(z.object({ status: z.enum(LOAN_STATUSES), loans: count })),
  delinquency: z.array(
    z.object({ bucket: z.enum(DELINQUENCY_BUCKETS), loans: count, unpaidPrincipal: decimalOut }),
  ),
  maturityLadder: z.array(z.object({ period: z.string(), loans: count, unpaidPrincipal: decimalOut })),
  expectedVsCollected: z.array(z.object({ month: z.string(), expected: decimalOut, collected: decimalOut })),
  pipeline: z.array(z.object({ stage: z.string(), applications: count, requestedAmount: decimalOut })),
  closedApplications: z.object({ declined: count, withdrawn: count }),
});

/** The lender's portfolio figures (every lender role may read them). */
export const portfolioRouter = router({
  dashboard: lenderProcedure('viewer')
    .input(portfolioDashboardInput)
    .output(portfolioDashboardOut)
    .query(({ ctx, input }) => portfolioDashboard(ctx.db, ctx.access.organizationId, input)),
  /** The Loans list: status and delinquency filters, search, paging. */
  loans: lenderProcedure('viewer')
    .input(portfolioLoansInput)
    .output(
      z.object({
        loans: z.array(
          z.object({
            id: z.string(),
            number: count,
            reference: z.string(),
            borrowerName: z.string(),
            status: z.enum(LOAN_STATUSES),
            principal: decimalOut,
            unpaidPrincipal: decimalOut,
            annualRatePercent: decimalOut,
            maturityDate: plainDateOut,
            daysPastDue: count,
            bucket: z.enum(DELINQUENCY_BUCKETS),
          }),
        ),
        total: count,
        page: z.number().int(),
        pageSize: z.number().int(),
      }),
    )
    .query(({ ctx, input }) => listPortfolioLoans(ctx.db, ctx.access.organizationId, input)),
});
