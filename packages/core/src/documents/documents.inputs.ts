/** Inputs of documents (the upload route's query, the tRPC procedures). Browser-safe: zod only. */
import { z } from 'zod';
import { boundedString, uuidSchema } from '../shared/shared.inputs.ts';
import { REVIEW_REASON_MAX_LENGTH } from './documents.constants.ts';

export * from './documents.constants.ts';

/** Product checklist keys are `[a-z0-9_]{1,60}` (products.inputs.ts); `other` is always allowed. */
export const checklistKeySchema = boundedString(60, {
  required: 'Say which checklist item this document is for.',
  tooLong: 'A checklist key has at most 60 characters.',
}).regex(/^[a-z0-9_]{1,60}$/, 'A checklist key uses lower-case letters, digits and underscores.');

/** The raw file name may be long and odd; it is cleaned (documents.ts) and only ever displayed. */
export const UPLOAD_FILE_NAME_MAX_LENGTH = 1000;

/** `POST /api/documents/upload?applicationId=…&checklistKey=…&fileName=…` */
export const uploadDocumentQuery = z.object({
  applicationId: uuidSchema,
  checklistKey: checklistKeySchema,
  fileName: boundedString(UPLOAD_FILE_NAME_MAX_LENGTH, {
    required: 'Give the file name.',
    tooLong: `A file name has at most ${UPLOAD_FILE_NAME_MAX_LENGTH} characters.`,
  }).optional(),
});
export type UploadDocumentQuery = z.output<typeof uploadDocumentQuery>;

export const applicationDocumentsInput = z.object({ applicationId: uuidSchema });
export const documentIdInput = z.object({ documentId: uuidSchema });

export const reviewDocumentInput = z
  .object({
    documentId: uuidSchema,
    decision: z.enum(['accepted', 'rejected'], { error: 'Accept or reject the document.' }),
    reason: boundedString(REVIEW_REASON_MAX_LENGTH, {
      required: 'Give a reason.',
      tooLong: `A reason has at most ${REVIEW_REASON_MAX_LENGTH} characters.`,
    }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'rejected' && !value.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Say why the document is rejected: the borrower sees the reason.',
      });
    }
  });
export type ReviewDocumentInput = z.output<typeof reviewDocumentInput>;
