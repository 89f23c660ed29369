/**
 * Documents of applications: uploads per checklist item (streamed into storage, see upload.ts),
 * the lender's review, the borrower's checklist, downloads, and the signed term sheet.
 *
 * Who may do what (docs/documents.md):
 * - see, list and download: the application's borrower, and any lender staff of its organization;
 *   anyone else gets NOT_FOUND, worded the same whether or not the document exists;
 * - upload: the application's borrower, and lender admins and underwriters (on the borrower's
 *   behalf); viewers and servicers change nothing here;
 * - accept or reject: lender admins and underwriters.
 * Every upload, review and download is in the audit log, written in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, desc, eq } from 'drizzle-orm';
import { type PortalAccess, roleSatisfies } from '../access/access.ts';
import { assertApplicationParty } from '../applications/applications.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import { applications, documents, loanProductVersions } from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import {
  type ChecklistItemStatus,
  DOCUMENT_FILE_NAME_MAX_LENGTH,
  DRAW_PHOTO_CHECKLIST_KEY,
  OTHER_CHECKLIST_KEY,
  TERM_SHEET_CHECKLIST_KEY,
} from './documents.constants.ts';
import type { ReviewDocumentInput } from './documents.inputs.ts';
import { ALLOWED_DOCUMENT_TYPES, receiveUpload } from './upload.ts';

export const DOCUMENT_NOT_FOUND = 'That document was not found.';

/** Long-lived services of the documents area (built once at start-up; see ApiServices). */
export interface DocumentServices {
  storage: DocumentStorage;
  maxUploadBytes: number;
  /** Tells the borrower about a rejection (origination's notifications); unset ⇒ no notification. */
  notifyRejected?: DocumentRejectedNotifier | undefined;
}

type DocumentRow = typeof documents.$inferSelect;
type ApplicationRow = typeof applications.$inferSelect;

/** What the API shows of a document: never its storage key. */
export interface DocumentSummary {
  id: string;
  applicationId: string;
  checklistKey: string;
  kind: 'upload' | 'term_sheet';
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  status: 'uploaded' | 'accepted' | 'rejected';
  reviewReason: string | null;
  uploadedBySide: 'borrower' | 'lender';
  uploadedAt: Date;
  reviewedAt: Date | null;
  /** Where the bytes are fetched from (with the same Authorization and x-organization-id headers). */
  downloadPath: string;
}

function summarize(row: DocumentRow, application: Pick<ApplicationRow, 'borrowerUserId'>): DocumentSummary {
  return {
    id: row.id,
    applicationId: row.applicationId,
    checklistKey: row.checklistKey,
    kind: row.kind,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.sizeBytes,
    sha256: row.sha256,
    status: row.status,
    reviewReason: row.reviewReason,
    uploadedBySide: row.uploadedBy === application.borrowerUserId ? 'borrower' : 'lender',
    uploadedAt: row.createdAt,
    reviewedAt: row.reviewedAt,
    downloadPath: `/api/documents/${row.id}`,
  };
}

// --- File names --------------------------------------------------------------------------------

/**
 * A file name fit for display and a download header: the last path segment only (no `../`, no
 * drive letters), no control or bidirectional-override characters, none of `<>:"/\|?*`, no leading
 * dots, at most 120 characters with the extension kept. Storage never sees it.
 */
export function cleanFileName(raw: string | undefined, extension: string): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*;]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = name.lastIndexOf('.');
  let base = dot > 0 ? name.slice(0, dot) : name;
  const givenExtension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  // The extension shown is the one of the type we recognised, whatever the name claimed.
  const sameKind = givenExtension === extension || (extension === 'jpg' && givenExtension === 'jpeg');
  if (!sameKind && givenExtension) base = name;
  const suffix = `.${sameKind ? givenExtension : extension}`;
  base =
    [...base]
      .slice(0, DOCUMENT_FILE_NAME_MAX_LENGTH - suffix.length)
      .join('')
      .trim() || 'document';
  return `${base}${suffix}`;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\%]/g, '_') || 'document';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// --- Authorization -----------------------------------------------------------------------------

/** Lender roles that may upload on a borrower's behalf and review. */
const LENDER_WRITE_ROLE = 'underwriter' as const;

function assertLenderMayWrite(access: PortalAccess) {
  if (access.portal === 'lender' && !roleSatisfies(access.role, LENDER_WRITE_ROLE)) {
    throw new DomainError('FORBIDDEN', `This needs the ${LENDER_WRITE_ROLE} role; you are ${access.role}.`);
  }
}

const CLOSED_FOR_UPLOADS = new Set(['declined', 'withdrawn', 'funded']);

/** The keys documents may be filed under for this application: its product version's, and `other`. */
async function checklistOf(db: Executor, application: ApplicationRow) {
  if (!application.productVersionId) return [];
  const [version] = await db
    .select({ requiredDocuments: loanProductVersions.requiredDocuments })
    .from(loanProductVersions)
    .where(
      and(
        eq(loanProductVersions.id, application.productVersionId),
        eq(loanProductVersions.organizationId, application.organizationId),
      ),
    )
    .limit(1);
  return version?.requiredDocuments ?? [];
}

// --- Upload ------------------------------------------------------------------------------------

export interface UploadRequest {
  applicationId: string;
  checklistKey: string;
  fileName: string | undefined;
  body: AsyncIterable<Uint8Array>;
  declaredLength: number | undefined;
}

/**
 * Checks the caller may file a document there, streams it into storage, then records the row and
 * its audit entry in one transaction. Whatever fails after the bytes are stored removes them.
 */
export async function uploadDocument(
  db: Executor,
  services: DocumentServices,
  access: PortalAccess,
  request: UploadRequest,
): Promise<DocumentSummary> {
  assertLenderMayWrite(access);
  const application = await assertApplicationParty(db, access, request.applicationId);
  // A funded loan still takes photos for its construction draws (docs/draws-statements-boarding.md).
  const drawPhoto = request.checklistKey === DRAW_PHOTO_CHECKLIST_KEY && application.status === 'funded';
  if (CLOSED_FOR_UPLOADS.has(application.status) && !drawPhoto) {
    throw new DomainError(
      'CONFLICT',
      `This application is ${application.status}: it takes no more documents.`,
    );
  }
  if (request.checklistKey === TERM_SHEET_CHECKLIST_KEY) {
    throw new DomainError(
      'BAD_REQUEST',
      'The signed term sheet is made when the offer is accepted, not uploaded.',
    );
  }
  const checklist = await checklistOf(db, application);
  if (
    request.checklistKey !== OTHER_CHECKLIST_KEY &&
    !drawPhoto &&
    !checklist.some((item) => item.key === request.checklistKey)
  ) {
    throw new DomainError('BAD_REQUEST', 'That is not an item of this application’s document checklist.');
  }

  const storageKey = `documents/${access.organizationId}/${randomUUID()}`;
  const received = await receiveUpload(request.body, services.storage, storageKey, {
    maxBytes: services.maxUploadBytes,
    declaredLength: request.declaredLength,
  });
  try {
    const row = await inTransaction(db, async (tx) => {
      const [inserted] = await tx
        .insert(documents)
        .values({
          organizationId: access.organizationId,
          applicationId: application.id,
          checklistKey: request.checklistKey,
          kind: 'upload',
          fileName: cleanFileName(request.fileName, received.extension),
          contentType: received.contentType,
          sizeBytes: received.size,
          sha256: received.sha256,
          storageKey,
          uploadedBy: access.userId,
        })
        .returning();
      await recordAudit(tx, {
        organizationId: access.organizationId,
        actorUserId: access.userId,
        action: 'document.uploaded',
        entityType: 'document',
        entityId: inserted!.id,
        after: {
          applicationId: application.id,
          checklistKey: inserted!.checklistKey,
          fileName: inserted!.fileName,
          contentType: inserted!.contentType,
          size: inserted!.sizeBytes,
          sha256: inserted!.sha256,
          portal: access.portal,
        },
      });
      return inserted!;
    });
    return summarize(row, application);
  } catch (error) {
    await services.storage.delete(storageKey).catch(() => {});
    throw error;
  }
}

// --- Lists and the checklist ---------------------------------------------------------------------

export async function listDocuments(db: Executor, access: PortalAccess, applicationId: string) {
  const application = await assertApplicationParty(db, access, applicationId);
  const rows = await db
    .select()
    .from(documents)
    .where(
      and(eq(documents.organizationId, access.organizationId), eq(documents.applicationId, application.id)),
    )
    .orderBy(desc(documents.createdAt), asc(documents.id));
  return { documents: rows.map((row) => summarize(row, application)) };
}

export interface ChecklistItem {
  key: string;
  label: string;
  status: ChecklistItemStatus;
  /** The rejection's reason while the item is rejected (the borrower's next step). */
  reason: string | null;
  documentCount: number;
}

/**
 * Each required document and where it stands: accepted once any of its documents is accepted;
 * otherwise pending review while one awaits review; otherwise rejected if one was rejected;
 * otherwise missing. `missing` lists what the borrower still has to provide.
 */
export async function documentChecklist(db: Executor, access: PortalAccess, applicationId: string) {
  const application = await assertApplicationParty(db, access, applicationId);
  const required = await checklistOf(db, application);
  const rows = await db
    .select({
      checklistKey: documents.checklistKey,
      status: documents.status,
      reviewReason: documents.reviewReason,
    })
    .from(documents)
    .where(
      and(eq(documents.organizationId, access.organizationId), eq(documents.applicationId, application.id)),
    )
    .orderBy(desc(documents.createdAt));
  const items: ChecklistItem[] = required.map((item) => {
    const mine = rows.filter((row) => row.checklistKey === item.key);
    const rejected = mine.find((row) => row.status === 'rejected');
    const status: ChecklistItemStatus = mine.some((row) => row.status === 'accepted')
      ? 'accepted'
      : mine.some((row) => row.status === 'uploaded')
        ? 'pending_review'
        : rejected
          ? 'rejected'
          : 'missing';
    return {
      key: item.key,
      label: item.label,
      status,
      reason: status === 'rejected' ? (rejected?.reviewReason ?? null) : null,
      documentCount: mine.length,
    };
  });
  return {
    items,
    missing: items.filter((i) => i.status === 'missing' || i.status === 'rejected').map((i) => i.key),
    complete: items.every((i) => i.status === 'accepted'),
  };
}

// --- Review --------------------------------------------------------------------------------------

/** Hook for telling the borrower about a rejection (origination's `notify`, wired at start-up). */
export type DocumentRejectedNotifier = (
  tx: Executor,
  event: {
    organizationId: string;
    applicationId: string;
    borrowerUserId: string;
    documentId: string;
    fileName: string;
    checklistKey: string;
    reason: string;
  },
) => Promise<void>;

export async function reviewDocument(
  db: Executor,
  access: PortalAccess,
  input: ReviewDocumentInput,
  notifyRejected?: DocumentRejectedNotifier,
) {
  assertLenderMayWrite(access);
  if (access.portal !== 'lender') throw new DomainError('FORBIDDEN', 'Only the lender reviews documents.');
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.id, input.documentId), eq(documents.organizationId, access.organizationId)))
      .for('update')
      .limit(1);
    if (!row) throw new DomainError('NOT_FOUND', DOCUMENT_NOT_FOUND);
    if (row.kind === 'term_sheet') {
      throw new DomainError('CONFLICT', 'The signed term sheet is not reviewed: the borrower signed it.');
    }
    if (row.status !== 'uploaded') {
      throw new DomainError(
        'CONFLICT',
        `This document was already ${row.status}. Ask for a new upload instead.`,
      );
    }
    const reviewedAt = new Date();
    const [updated] = await tx
      .update(documents)
      .set({
        status: input.decision,
        reviewReason: input.reason ?? null,
        reviewedBy: access.userId,
        reviewedAt,
      })
      .where(eq(documents.id, row.id))
      .returning();
    await recordAudit(tx, {
      organizationId: access.organizationId,
      actorUserId: access.userId,
      action: input.decision === 'accepted' ? 'document.accepted' : 'document.rejected',
      entityType: 'document',
      entityId: row.id,
      before: { status: row.status },
      after: { status: input.decision, reason: input.reason ?? null },
    });
    const [application] = await tx
      .select({ borrowerUserId: applications.borrowerUserId })
      .from(applications)
      .where(eq(applications.id, row.applicationId))
      .limit(1);
    if (input.decision === 'rejected' && notifyRejected && application) {
      await notifyRejected(tx, {
        organizationId: access.organizationId,
        applicationId: row.applicationId,
        borrowerUserId: application.borrowerUserId,
        documentId: row.id,
        fileName: row.fileName,
        checklistKey: row.checklistKey,
        reason: input.reason ?? '',
      });
    }
    return summarize(updated!, application ?? { borrowerUserId: '' });
  });
}

// --- Download ------------------------------------------------------------------------------------

export interface DocumentDownload {
  stream: Readable;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Opens a document for download if the caller is a party of its application (its borrower) or staff
 * of its organization; NOT_FOUND otherwise. The download is audited before the bytes flow.
 */
export async function openDocumentDownload(
  db: Executor,
  storage: DocumentStorage,
  access: PortalAccess,
  documentId: string,
): Promise<DocumentDownload> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.organizationId, access.organizationId)))
    .limit(1);
  if (!row) throw new DomainError('NOT_FOUND', DOCUMENT_NOT_FOUND);
  try {
    await assertApplicationParty(db, access, row.applicationId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND')
      throw new DomainError('NOT_FOUND', DOCUMENT_NOT_FOUND);
    throw error;
  }
  const stream = await storage.get(row.storageKey);
  try {
    await recordAudit(db, {
      organizationId: access.organizationId,
      actorUserId: access.userId,
      action: 'document.downloaded',
      entityType: 'document',
      entityId: row.id,
      after: { portal: access.portal, sha256: row.sha256 },
    });
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return {
    stream,
    fileName: row.fileName,
    contentType: Object.hasOwn(ALLOWED_DOCUMENT_TYPES, row.contentType)
      ? row.contentType
      : 'application/octet-stream',
    size: row.sizeBytes,
    sha256: row.sha256,
  };
}
