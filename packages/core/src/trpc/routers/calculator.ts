import { estimateLoan, LoanMathInputError, loanTermsSchema } from '@lending/loan-math';
import { TRPCError } from '@trpc/server';
import { consumeRateLimit } from '../../rate-limits/rate-limits.ts';
import { publicProcedure, router } from '../trpc.ts';

/**
 * Public "what would my payment be": the loan math engine (schedule and APR with fees),
 * rate-limited per client IP.
 */
export const calculatorRouter = router({
  schedule: publicProcedure
    .use(async ({ ctx, next }) => {
      await consumeRateLimit(ctx.services.rateLimits, 'calculator', ctx.clientIp);
      return next();
    })
    .input(loanTermsSchema)
    .query(({ input }) => {
      try {
        return estimateLoan(input);
      } catch (error) {
        // Valid fields whose combination the engine refuses (e.g. totals over 15 digits).
        if (error instanceof LoanMathInputError)
          throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
        throw error;
      }
    }),
});
