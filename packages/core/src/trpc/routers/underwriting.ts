import { z } from 'zod';
import { applicationIdInput } from '../../applications/applications.inputs.ts';
import { addConditionInput, setConditionStatusInput } from '../../underwriting/underwriting.inputs.ts';
import { addCondition, figuresFor, setConditionStatus } from '../../underwriting/underwriting.ts';
import { underwritingOut } from '../origination-outputs.ts';
import { isoInstant, isoInstantOrNull } from '../output-schemas.ts';
import { lenderProcedure, router } from '../trpc.ts';

const conditionRowOut = z.object({
  id: z.string(),
  applicationId: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(['open', 'satisfied', 'waived']),
  resolvedBy: z.string().nullable(),
  resolvedAt: isoInstantOrNull,
  resolutionNote: z.string().nullable(),
  createdAt: isoInstant,
});

/** Underwriting figures (against the product's limits) and conditions. */
export const underwritingRouter = router({
  figures: lenderProcedure('viewer')
    .input(applicationIdInput)
    .output(underwritingOut)
    .query(({ ctx, input }) => figuresFor(ctx.db, ctx.access, input.applicationId)),
  addCondition: lenderProcedure('underwriter')
    .input(addConditionInput)
    .output(conditionRowOut)
    .mutation(({ ctx, input }) => addCondition(ctx.db, ctx.access, input)),
  /** open ⇄ satisfied / waived, with an optional note. */
  setConditionStatus: lenderProcedure('underwriter')
    .input(setConditionStatusInput)
    .output(conditionRowOut)
    .mutation(({ ctx, input }) => setConditionStatus(ctx.db, ctx.access, input)),
});
