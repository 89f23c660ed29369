import { getCurrentUser } from '../../identity/current-user.ts';
import { listDeactivatedAccesses } from '../../organizations/organizations.ts';
import { router, signedInProcedure } from '../trpc.ts';

export const authRouter = router({
  me: signedInProcedure.query(async ({ ctx }) => ({
    ...(await getCurrentUser(ctx.db, ctx.identity.userId)),
    // So the no-access page can say "your access was turned off" instead of sending the person
    // to an apply link that would tell them so.
    deactivatedAccesses: await listDeactivatedAccesses(ctx.db, ctx.identity.userId),
  })),
});
