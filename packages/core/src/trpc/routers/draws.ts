/**
 * Construction draws over tRPC. Borrowers request draws on their own loans (`request`, `mine`);
 * servicers and admins set budgets, schedule and complete inspections, approve, reject and
 * disburse; every staff member reads.
 */
import { z } from 'zod';
import {
  approveDrawInput,
  completeInspectionInput,
  DRAW_STATUSES,
  disburseDrawInput,
  loanDrawsInput,
  rejectDrawInput,
  requestDrawInput,
  scheduleInspectionInput,
  setDrawBudgetInput,
} from '../../draws/draws.inputs.ts';
import {
  approveDraw,
  completeInspection,
  disburseDraw,
  getDrawBudget,
  listDraws,
  listPendingDraws,
  rejectDraw,
  requestDraw,
  scheduleInspection,
  setDrawBudget,
} from '../../draws/draws.ts';
import { isoInstant, isoInstantOrNull } from '../output-schemas.ts';
import { borrowerProcedure, lenderProcedure, router } from '../trpc.ts';

const budgetOut = z.object({
  loanId: z.string(),
  /** What draws may disburse in all (the rehab budget held back at funding). */
  holdback: z.string(),
  allocated: z.string(),
  unallocated: z.string(),
  drawn: z.string(),
  lines: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      budget: z.string(),
      approved: z.string(),
      disbursed: z.string(),
      remaining: z.string(),
    }),
  ),
});

const drawOut = z.object({
  id: z.string(),
  loanId: z.string(),
  number: z.number(),
  status: z.enum(DRAW_STATUSES),
  note: z.string().nullable(),
  amountRequested: z.string(),
  amountApproved: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: isoInstantOrNull,
  disbursedOn: z.string().nullable(),
  ledgerEntryId: z.string().nullable(),
  createdAt: isoInstant,
  lines: z.array(
    z.object({
      budgetLineId: z.string(),
      name: z.string(),
      amountRequested: z.string(),
      amountApproved: z.string().nullable(),
    }),
  ),
  inspection: z
    .object({
      scheduledFor: z.string(),
      inspector: z.string(),
      completedAt: isoInstantOrNull,
      percentComplete: z.number().nullable(),
      notes: z.string().nullable(),
    })
    .nullable(),
  photos: z.array(
    z.object({
      documentId: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      downloadPath: z.string(),
    }),
  ),
});

const listOut = z.object({
  /** The loan's application: draw photos are uploaded as its documents (checklist key draw_photo). */
  applicationId: z.string(),
  budget: budgetOut,
  draws: z.array(drawOut),
});

const pendingOut = z.object({
  draws: z.array(
    z.object({
      id: z.string(),
      loanId: z.string(),
      loanReference: z.string(),
      number: z.number(),
      status: z.enum(DRAW_STATUSES),
      amountRequested: z.string(),
      amountApproved: z.string().nullable(),
      createdAt: isoInstant,
      inspection: z.object({ scheduledFor: z.string(), inspector: z.string() }).nullable(),
      borrower: z.string(),
    }),
  ),
});

export const drawsRouter = router({
  budget: lenderProcedure('viewer')
    .input(loanDrawsInput)
    .output(budgetOut)
    .query(({ ctx, input }) => getDrawBudget(ctx.db, ctx.access, input.loanId)),
  setBudget: lenderProcedure('servicer')
    .input(setDrawBudgetInput)
    .output(budgetOut)
    .mutation(({ ctx, input }) => setDrawBudget(ctx.db, ctx.access, input)),
  list: lenderProcedure('viewer')
    .input(loanDrawsInput)
    .output(listOut)
    .query(({ ctx, input }) => listDraws(ctx.db, ctx.access, input.loanId)),
  /** The organization's draws awaiting a servicer (requested → approved), for the servicing queue. */
  pending: lenderProcedure('viewer')
    .output(pendingOut)
    .query(({ ctx }) => listPendingDraws(ctx.db, ctx.access.organizationId)),
  /** The borrower's view of one of their loans' draws. */
  mine: borrowerProcedure
    .input(loanDrawsInput)
    .output(listOut)
    .query(({ ctx, input }) => listDraws(ctx.db, ctx.access, input.loanId)),
  request: borrowerProcedure
    .input(requestDrawInput)
    .output(z.object({ draw: drawOut, replayed: z.boolean() }))
    .mutation(({ ctx, input }) => requestDraw(ctx.db, ctx.access, input, ctx.services.invitations)),
  scheduleInspection: lenderProcedure('servicer')
    .input(scheduleInspectionInput)
    .output(drawOut)
    .mutation(({ ctx, input }) => scheduleInspection(ctx.db, ctx.access, input, ctx.services.invitations)),
  completeInspection: lenderProcedure('servicer')
    .input(completeInspectionInput)
    .output(drawOut)
    .mutation(({ ctx, input }) => completeInspection(ctx.db, ctx.access, input)),
  approve: lenderProcedure('servicer')
    .input(approveDrawInput)
    .output(drawOut)
    .mutation(({ ctx, input }) => approveDraw(ctx.db, ctx.access, input, ctx.services.invitations)),
  reject: lenderProcedure('servicer')
    .input(rejectDrawInput)
    .output(drawOut)
    .mutation(({ ctx, input }) => rejectDraw(ctx.db, ctx.access, input, ctx.services.invitations)),
  disburse: lenderProcedure('servicer')
    .input(disburseDrawInput)
    .output(z.object({ draw: drawOut, replayed: z.boolean() }))
    .mutation(({ ctx, input }) => disburseDraw(ctx.db, ctx.access, input, ctx.services.invitations)),
});
