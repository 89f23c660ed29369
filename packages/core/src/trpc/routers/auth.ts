import { getCurrentUser } from '../../identity/current-user.ts';
import { router, signedInProcedure } from '../trpc.ts';

export const authRouter = router({
  me: signedInProcedure.query(({ ctx }) => getCurrentUser(ctx.db, ctx.identity.userId)),
});
