/**
 * Documents over tRPC: lists, the checklist and the lender's review. Uploads and downloads are
 * plain HTTP routes in apps/api (streamed bodies), not tRPC.
 */
import { z } from 'zod';
import {
  CHECKLIST_ITEM_STATUSES,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
} from '../../documents/documents.constants.ts';
import { applicationDocumentsInput, reviewDocumentInput } from '../../documents/documents.inputs.ts';
import { documentChecklist, listDocuments, reviewDocument } from '../../documents/documents.ts';
import { isoInstant, isoInstantOrNull } from '../output-schemas.ts';
import { borrowerProcedure, lenderProcedure, router } from '../trpc.ts';

const documentOutput = z.object({
  id: z.string(),
  applicationId: z.string(),
  checklistKey: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  status: z.enum(DOCUMENT_STATUSES),
  reviewReason: z.string().nullable(),
  uploadedBySide: z.enum(['borrower', 'lender']),
  uploadedAt: isoInstant,
  reviewedAt: isoInstantOrNull,
  downloadPath: z.string(),
});

const listOutput = z.object({ documents: z.array(documentOutput) });
const checklistOutput = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      status: z.enum(CHECKLIST_ITEM_STATUSES),
      reason: z.string().nullable(),
      documentCount: z.number(),
    }),
  ),
  missing: z.array(z.string()),
  complete: z.boolean(),
});

/** The lender portal: any staff reads; admins and underwriters review. */
export const documentsRouter = router({
  list: lenderProcedure('viewer')
    .input(applicationDocumentsInput)
    .output(listOutput)
    .query(({ ctx, input }) => listDocuments(ctx.db, ctx.access, input.applicationId)),
  checklist: lenderProcedure('viewer')
    .input(applicationDocumentsInput)
    .output(checklistOutput)
    .query(({ ctx, input }) => documentChecklist(ctx.db, ctx.access, input.applicationId)),
  review: lenderProcedure('underwriter')
    .input(reviewDocumentInput)
    .output(documentOutput)
    .mutation(({ ctx, input }) =>
      reviewDocument(ctx.db, ctx.access, input, ctx.services.documents.notifyRejected),
    ),
});

/** The borrower portal: their own application's documents and what is still missing. */
export const borrowerDocumentsRouter = router({
  list: borrowerProcedure
    .input(applicationDocumentsInput)
    .output(listOutput)
    .query(({ ctx, input }) => listDocuments(ctx.db, ctx.access, input.applicationId)),
  checklist: borrowerProcedure
    .input(applicationDocumentsInput)
    .output(checklistOutput)
    .query(({ ctx, input }) => documentChecklist(ctx.db, ctx.access, input.applicationId)),
});
