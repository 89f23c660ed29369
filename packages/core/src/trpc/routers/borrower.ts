import { getOrganization } from '../../organizations/organizations.ts';
import { borrowerProcedure, router } from '../trpc.ts';

/** The borrower portal's own views. Applications and loans plug in here as they are built. */
export const borrowerRouter = router({
  home: borrowerProcedure.query(async ({ ctx }) => ({
    organization: await getOrganization(ctx.db, ctx.access.organizationId),
    openTasks: [] as Array<{ id: string; title: string }>,
    nextPayment: null as null | { dueDate: string; amount: string },
  })),
});
