/** Inputs of the portfolio dashboard. Browser-safe. */
import { dateSchema } from '@lending/loan-math';
import { z } from 'zod';
import { boundedString } from '../shared/shared.inputs.ts';

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

/** The lender's Loans list: filters by status and delinquency bucket, a search, paging. */
export const portfolioLoansInput = z
  .object({
    status: z.enum(['active', 'paid_off', 'defaulted', 'charged_off']).optional(),
    /** A delinquency bucket, or `due_today`: loans whose oldest unpaid installment falls due today. */
    bucket: z.enum(['due_today', 'current', '1-29', '30-59', '60-89', '90+']).optional(),
    search: boundedString(100, {
      required: 'Search with text.',
      tooLong: 'Search with at most 100 characters.',
    }).optional(),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .default({ page: 1, pageSize: 25 });
export type PortfolioLoansInput = z.output<typeof portfolioLoansInput>;
