/** Inputs of the portfolio dashboard. Browser-safe. */
import { dateSchema } from '@lending/loan-math';
import { z } from 'zod';

// The delinquency buckets are servicing's (DELINQUENCY_BUCKETS in servicing.inputs.ts).

/** Stages of the pipeline funnel, in order (declined and withdrawn are counted beside it). */
export const FUNNEL_STAGES = ['submitted', 'in_review', 'offered', 'accepted', 'approved', 'funded'] as const;

export const portfolioDashboardInput = z
  .object({
    /** The day the figures are as of (default: today, UTC). */
    asOf: dateSchema('the as-of date').optional(),
  })
  .default({});
export type PortfolioDashboardInput = z.output<typeof portfolioDashboardInput>;
