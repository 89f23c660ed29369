import { z } from 'zod';
import {
  addNoteInput,
  applicationIdInput,
  assignApplicationInput,
  boardInput,
  declineApplicationInput,
  estimateInput,
  pipelineInput,
  postMessageInput,
  saveApplicationInput,
  startApplicationInput,
  transitionInput,
  withdrawApplicationInput,
} from '../../applications/applications.inputs.ts';
import {
  addNote,
  approveApplication,
  assignApplication,
  declineApplication,
  estimateForBorrower,
  fieldsOf,
  getMyApplication,
  listMessages,
  listMyApplications,
  listPipeline,
  pipelineBoard,
  postMessage,
  saveApplication,
  startApplication,
  startReview,
  submitApplication,
  summaryOf,
  withdrawApplication,
} from '../../applications/applications.ts';
import type { ApplicationRow } from '../../applications/state-machine.ts';
import { getWorkspace } from '../../applications/workspace.ts';
import {
  applicationFieldsOut,
  applicationStatusOut,
  applicationSummaryOut,
  conditionBriefOut,
  conditionOut,
  countsByStatusOut,
  estimateOut,
  messageOut,
  offerOut,
  pipelineCardOut,
  productBriefOut,
  timelineEntryOut,
  transitionActionOut,
  transitionResultOut,
  underwritingOut,
} from '../origination-outputs.ts';
import { isoInstant } from '../output-schemas.ts';
import { borrowerProcedure, lenderProcedure, router } from '../trpc.ts';

const transitioned = (a: ApplicationRow) => ({
  id: a.id,
  status: a.status,
  version: a.version,
  statusChangedAt: a.statusChangedAt,
});

const draftOut = applicationSummaryOut.merge(applicationFieldsOut);

const messagesOut = z.object({ messages: z.array(messageOut) });
const postedMessageOut = z.object({
  id: z.string(),
  side: z.enum(['lender', 'borrower']),
  body: z.string(),
  createdAt: isoInstant,
});

/**
 * Applications. Borrower procedures act on the caller's own applications only; lender procedures on
 * the organization's. Status changes all go through the state machine (applications/state-machine.ts).
 */
export const applicationsRouter = router({
  // ----- borrower portal -----
  /** Starts a draft (optionally on a product); the applicant's details carry over from their last one. */
  start: borrowerProcedure
    .input(startApplicationInput)
    .output(draftOut)
    .mutation(async ({ ctx, input }) => {
      const a = await startApplication(ctx.db, ctx.access, input);
      return { ...summaryOf(a), ...fieldsOf(a) };
    }),
  /** Saves the fields of a step (left out: unchanged; null: cleared). Drafts only. */
  save: borrowerProcedure
    .input(saveApplicationInput)
    .output(draftOut)
    .mutation(async ({ ctx, input }) => {
      const a = await saveApplication(ctx.db, ctx.access, input);
      return { ...summaryOf(a), ...fieldsOf(a) };
    }),
  mine: borrowerProcedure
    .output(
      z.object({
        applications: z.array(applicationSummaryOut.extend({ productName: z.string().nullable() })),
      }),
    )
    .query(({ ctx }) => listMyApplications(ctx.db, ctx.access)),
  myApplication: borrowerProcedure
    .input(applicationIdInput)
    .output(
      draftOut.extend({
        product: productBriefOut.nullable(),
        missing: z.array(z.string()),
        timeline: z.array(timelineEntryOut),
        conditions: z.array(conditionBriefOut),
        availableActions: z.array(transitionActionOut),
        loanId: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => getMyApplication(ctx.db, ctx.access, input.applicationId)),
  /** The wizard's live payment and APR at the product's usual rate, points and fees. */
  estimate: borrowerProcedure
    .input(estimateInput)
    .output(estimateOut.extend({ annualRatePercent: z.string(), warnings: z.array(z.string()) }))
    .query(({ ctx, input }) => estimateForBorrower(ctx.db, ctx.access.organizationId, input)),
  /** draft → submitted; 400 listing what is missing. */
  submit: borrowerProcedure
    .input(transitionInput)
    .output(transitionResultOut)
    .mutation(async ({ ctx, input }) =>
      transitioned(
        (await submitApplication(ctx.db, ctx.access, input, ctx.services.invitations)).application,
      ),
    ),
  withdraw: borrowerProcedure
    .input(withdrawApplicationInput)
    .output(transitionResultOut)
    .mutation(async ({ ctx, input }) =>
      transitioned(
        (await withdrawApplication(ctx.db, ctx.access, input, ctx.services.invitations)).application,
      ),
    ),
  myMessages: borrowerProcedure
    .input(applicationIdInput)
    .output(messagesOut)
    .query(({ ctx, input }) => listMessages(ctx.db, ctx.access, input.applicationId)),
  postMyMessage: borrowerProcedure
    .input(postMessageInput)
    .output(postedMessageOut)
    .mutation(({ ctx, input }) => postMessage(ctx.db, ctx.access, input, ctx.services.invitations)),

  // ----- lender portal -----
  /** The pipeline as a table: filters, search, sort, server paging, counts by status. */
  pipeline: lenderProcedure('viewer')
    .input(pipelineInput)
    .output(
      z.object({
        applications: z.array(pipelineCardOut),
        total: z.number(),
        countsByStatus: countsByStatusOut,
        page: z.number(),
        pageSize: z.number(),
      }),
    )
    .query(({ ctx, input }) => listPipeline(ctx.db, ctx.access.organizationId, input)),
  /** The pipeline as a board: one column per status, longest in stage first. */
  board: lenderProcedure('viewer')
    .input(boardInput)
    .output(
      z.object({
        columns: z.array(
          z.object({
            status: applicationStatusOut,
            count: z.number(),
            applications: z.array(pipelineCardOut),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => pipelineBoard(ctx.db, ctx.access.organizationId, input)),
  workspace: lenderProcedure('viewer')
    .input(applicationIdInput)
    .output(
      draftOut.extend({
        borrower: z.object({ userId: z.string(), email: z.string().nullable(), name: z.string().nullable() }),
        assignee: z
          .object({ userId: z.string(), email: z.string().nullable(), name: z.string().nullable() })
          .nullable(),
        product: productBriefOut
          .extend({
            maxLtvPercent: z.string().nullable(),
            maxLtcPercent: z.string().nullable(),
            maxArvLtvPercent: z.string().nullable(),
            minDscr: z.string().nullable(),
            minRatePercent: z.string(),
            maxRatePercent: z.string(),
            baseRatePercent: z.string(),
            originationPoints: z.string(),
            originationFee: z.string(),
          })
          .nullable(),
        timeline: z.array(
          timelineEntryOut.extend({ actorUserId: z.string().nullable(), actorName: z.string().nullable() }),
        ),
        conditions: z.array(conditionOut),
        notes: z.array(
          z.object({
            id: z.string(),
            body: z.string(),
            authorUserId: z.string(),
            authorName: z.string().nullable(),
            createdAt: isoInstant,
          }),
        ),
        messages: z.array(messageOut),
        offers: z.array(offerOut),
        underwriting: underwritingOut,
        availableActions: z.array(transitionActionOut),
        loanId: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => getWorkspace(ctx.db, ctx.access, input.applicationId)),
  /** submitted → in_review (and assigns it to the reviewer if nobody has it). */
  startReview: lenderProcedure('underwriter')
    .input(transitionInput)
    .output(transitionResultOut)
    .mutation(async ({ ctx, input }) =>
      transitioned((await startReview(ctx.db, ctx.access, input, ctx.services.invitations)).application),
    ),
  assign: lenderProcedure('underwriter')
    .input(assignApplicationInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => assignApplication(ctx.db, ctx.access, input, ctx.services.invitations)),
  /** accepted → approved, once every condition is satisfied or waived. */
  approve: lenderProcedure('underwriter')
    .input(transitionInput)
    .output(transitionResultOut)
    .mutation(async ({ ctx, input }) =>
      transitioned(
        (await approveApplication(ctx.db, ctx.access, input, ctx.services.invitations)).application,
      ),
    ),
  /** Any open state → declined, with the reason the borrower will read. */
  decline: lenderProcedure('underwriter')
    .input(declineApplicationInput)
    .output(transitionResultOut)
    .mutation(async ({ ctx, input }) =>
      transitioned(
        (await declineApplication(ctx.db, ctx.access, input, ctx.services.invitations)).application,
      ),
    ),
  addNote: lenderProcedure('underwriter')
    .input(addNoteInput)
    .output(z.object({ id: z.string(), body: z.string(), createdAt: isoInstant }))
    .mutation(({ ctx, input }) => addNote(ctx.db, ctx.access, input)),
  messages: lenderProcedure('viewer')
    .input(applicationIdInput)
    .output(messagesOut)
    .query(({ ctx, input }) => listMessages(ctx.db, ctx.access, input.applicationId)),
  postMessage: lenderProcedure('underwriter')
    .input(postMessageInput)
    .output(postedMessageOut)
    .mutation(({ ctx, input }) => postMessage(ctx.db, ctx.access, input, ctx.services.invitations)),
});
