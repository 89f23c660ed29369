import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { checkHealth } from '../../health/health.ts';
import { publicProcedure, router } from '../trpc.ts';

export const healthRouter = router({
  check: publicProcedure.output(z.object({ status: z.literal('ok') })).query(async ({ ctx }) => {
    const health = await checkHealth(ctx.db);
    if (health.status !== 'ok') {
      // The reason is logged by the HTTP layer's error handler, not sent.
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable.' });
    }
    return health;
  }),
});
