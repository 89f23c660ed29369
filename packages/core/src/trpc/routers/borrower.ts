import { z } from 'zod';
import { borrowerHome } from '../../loans/loans.ts';
import { getOrganization } from '../../organizations/organizations.ts';
import { plainDateOut } from '../origination-outputs.ts';
import { borrowerProcedure, router } from '../trpc.ts';

/** The borrower portal's own views; applications, offers and loans have their own routers. */
export const borrowerRouter = router({
  home: borrowerProcedure
    .output(
      z.object({
        organization: z.object({
          id: z.string(),
          name: z.string(),
          slug: z.string(),
          city: z.string().nullable(),
        }),
        openTasks: z.array(z.object({ id: z.string(), title: z.string(), applicationId: z.string() })),
        nextPayment: z
          .object({
            dueDate: plainDateOut,
            /** The next installment's unpaid part. */
            amount: z.string(),
            pastDue: z.string(),
            /** Past due + the next installment: what to pay now. */
            amountDue: z.string(),
            daysPastDue: z.number(),
            loanId: z.string(),
            loanReference: z.string(),
          })
          .nullable(),
      }),
    )
    .query(async ({ ctx }) => ({
      organization: await getOrganization(ctx.db, ctx.access.organizationId),
      ...(await borrowerHome(ctx.db, ctx.access)),
    })),
});
