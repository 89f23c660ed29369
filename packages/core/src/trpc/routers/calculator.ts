import { generateSchedule, loanTermsSchema } from '../../loan-math/index.ts';
import { consumeRateLimit } from '../../rate-limits/rate-limits.ts';
import { publicProcedure, router } from '../trpc.ts';

/** Public "what would my payment be": the loan math engine, rate-limited per client IP. */
export const calculatorRouter = router({
  schedule: publicProcedure
    .use(async ({ ctx, next }) => {
      await consumeRateLimit(ctx.services.rateLimits, 'calculator', ctx.clientIp);
      return next();
    })
    .input(loanTermsSchema)
    .query(({ input }) => generateSchedule(input)),
});
