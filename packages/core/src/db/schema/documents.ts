/**
 * Documents of applications (PRODUCT.md §2, issue 8 §3 and §5): uploads per checklist item and the
 * signed term sheet. The bytes live in storage under `storage_key` (a key the API made, never the
 * user's file name); the row records what was sniffed, the size and the SHA-256 of the stored bytes.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES } from '../../documents/documents.constants.ts';
import { applications, offers } from './applications.ts';
import { createdAt, instant, organizationId } from './columns.ts';
import { appUsers } from './identity.ts';

export const documentKindEnum = pgEnum('document_kind', DOCUMENT_KINDS);
export const documentStatusEnum = pgEnum('document_status', DOCUMENT_STATUSES);

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** The checklist item (a key of the product version's required documents, `other`, or `signed_term_sheet`). */
    checklistKey: text('checklist_key').notNull(),
    kind: documentKindEnum('kind').notNull().default('upload'),
    /** The uploader's file name, cleaned and capped: for display and the download's name only. */
    fileName: text('file_name').notNull(),
    /** The type recognised from the content (never the client's Content-Type or the extension). */
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** SHA-256 of the stored bytes, lower-case hex. */
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    status: documentStatusEnum('status').notNull().default('uploaded'),
    /** Why the lender rejected it (shown to the borrower), or a note on acceptance. */
    reviewReason: text('review_reason'),
    /** The accepted offer a signed term sheet belongs to: one term sheet per offer. */
    offerId: uuid('offer_id').references(() => offers.id),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => appUsers.id),
    reviewedBy: text('reviewed_by').references(() => appUsers.id),
    reviewedAt: instant('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('documents_org_app_idx').on(t.organizationId, t.applicationId, t.createdAt),
    uniqueIndex('documents_storage_key_uq').on(t.storageKey),
    uniqueIndex('documents_term_sheet_offer_uq').on(t.offerId).where(sql`${t.kind} = 'term_sheet'`),
    check('documents_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('documents_size_positive', sql`${t.sizeBytes} > 0`),
    check('documents_term_sheet_has_offer', sql`(${t.kind} = 'term_sheet') = (${t.offerId} is not null)`),
  ],
);
