import { generateSchedule, loanTermsSchema } from '@lending/loan-math';
import { TRPCError } from '@trpc/server';
import { publicProcedure, router } from '../trpc.ts';

/** Public "what would my payment be": the loan math engine, rate-limited per client IP. */
export const calculatorRouter = router({
  schedule: publicProcedure
    .use(async ({ ctx, next }) => {
      try {
        await ctx.services.publicRateLimiter.consume(`calculator:${ctx.clientIp}`);
      } catch {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: 'Too many calculations: wait a minute and try again.',
        });
      }
      return next();
    })
    .input(loanTermsSchema)
    .query(({ input }) => generateSchedule(input)),
});
