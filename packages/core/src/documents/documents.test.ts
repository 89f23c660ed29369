/**
 * Documents in the domain: who may upload, list, review and download (row-level isolation), the
 * checklist the borrower sees, the audit trail, file-name cleaning, and the signed term sheet.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/access.inputs.ts';
import type { PortalAccess } from '../access/access.ts';
import * as schema from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { createLocalDiskStorage } from '../storage/local-disk.ts';
import { documentSamples, makeAcceptedOffer, makeApplicationWithChecklist } from '../testing/documents.ts';
import { makeBorrower, makeMember, makeOrganization, type TestPerson } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import {
  attachmentDisposition,
  cleanFileName,
  type DocumentRejectedNotifier,
  type DocumentServices,
  documentChecklist,
  listDocuments,
  openDocumentDownload,
  reviewDocument,
  uploadDocument,
} from './documents.ts';
import { storeSignedTermSheet } from './term-sheet.ts';
import { UploadRefused } from './upload.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
const services: DocumentServices = {
  storage: createLocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'lending-documents-test-'))),
  maxUploadBytes: 1024 * 1024,
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

const accessOf = (person: TestPerson, org: { id: string }, role: Role): PortalAccess => ({
  userId: person.userId,
  sessionId: person.sessionId,
  organizationId: org.id,
  portal: role === 'borrower' ? 'borrower' : 'lender',
  role,
});

async function readAll(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const upload = (
  access: PortalAccess,
  applicationId: string,
  overrides: Partial<{ checklistKey: string; fileName: string; bytes: Buffer }> = {},
) =>
  uploadDocument(db, services, access, {
    applicationId,
    checklistKey: overrides.checklistKey ?? 'bank_statements',
    fileName: overrides.fileName ?? 'statement.pdf',
    body: Readable.from([overrides.bytes ?? documentSamples.pdf]),
    declaredLength: undefined,
  });

async function world() {
  const org = await makeOrganization(db);
  const otherOrg = await makeOrganization(db);
  const borrower = await makeBorrower(db, org);
  const otherBorrower = await makeBorrower(db, org);
  const underwriter = await makeMember(db, org, { role: 'underwriter' });
  const viewer = await makeMember(db, org, { role: 'viewer' });
  const servicer = await makeMember(db, org, { role: 'servicer' });
  const application = await makeApplicationWithChecklist(db, org, borrower);
  const otherApplication = await makeApplicationWithChecklist(db, org, otherBorrower);
  return {
    org,
    otherOrg,
    borrower,
    otherBorrower,
    application,
    otherApplication,
    as: {
      borrower: accessOf(borrower, org, 'borrower'),
      otherBorrower: accessOf(otherBorrower, org, 'borrower'),
      admin: accessOf(org.admin, org, 'admin'),
      underwriter: accessOf(underwriter, org, 'underwriter'),
      viewer: accessOf(viewer, org, 'viewer'),
      servicer: accessOf(servicer, org, 'servicer'),
      otherOrgAdmin: accessOf(otherOrg.admin, otherOrg, 'admin'),
      // The borrower, but pointing at another organization.
      borrowerElsewhere: accessOf(borrower, otherOrg, 'borrower'),
    },
  };
}

async function codeOf(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  return error instanceof DomainError ? error.code : error;
}

describe('uploading', () => {
  it('takes the borrower’s file for a checklist item, with its sniffed type, size and SHA-256, audited', async () => {
    const w = await world();
    const document = await upload(w.as.borrower, w.application.id);
    expect(document).toMatchObject({
      checklistKey: 'bank_statements',
      kind: 'upload',
      fileName: 'statement.pdf',
      contentType: 'application/pdf',
      size: documentSamples.pdf.length,
      sha256: createHash('sha256').update(documentSamples.pdf).digest('hex'),
      status: 'uploaded',
      uploadedBySide: 'borrower',
    });
    expect(document).not.toHaveProperty('storageKey');
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, document.id), eq(schema.auditLog.action, 'document.uploaded')));
    expect(audit).toMatchObject({ organizationId: w.org.id, actorUserId: w.borrower.userId });
  });

  it('lets admins and underwriters upload for the borrower; not viewers or servicers', async () => {
    const w = await world();
    expect((await upload(w.as.underwriter, w.application.id)).uploadedBySide).toBe('lender');
    expect((await upload(w.as.admin, w.application.id)).uploadedBySide).toBe('lender');
    expect(await codeOf(upload(w.as.viewer, w.application.id))).toBe('FORBIDDEN');
    expect(await codeOf(upload(w.as.servicer, w.application.id))).toBe('FORBIDDEN');
  });

  it('refuses another borrower’s application and another organization’s, as not found, storing nothing', async () => {
    const w = await world();
    for (const access of [w.as.otherBorrower, w.as.otherOrgAdmin, w.as.borrowerElsewhere]) {
      expect(await codeOf(upload(access, w.application.id))).toBe('NOT_FOUND');
    }
    const rows = await db
      .select()
      .from(schema.documents)
      .where(eq(schema.documents.applicationId, w.application.id));
    expect(rows).toEqual([]);
  });

  it('refuses keys outside the checklist, the term sheet key, and closed applications', async () => {
    const w = await world();
    expect(await codeOf(upload(w.as.borrower, w.application.id, { checklistKey: 'tax_returns' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await codeOf(upload(w.as.borrower, w.application.id, { checklistKey: 'signed_term_sheet' }))).toBe(
      'BAD_REQUEST',
    );
    expect((await upload(w.as.borrower, w.application.id, { checklistKey: 'other' })).checklistKey).toBe(
      'other',
    );
    const closed = await makeApplicationWithChecklist(db, w.org, w.borrower, { status: 'withdrawn' });
    expect(await codeOf(upload(w.as.borrower, closed.id))).toBe('CONFLICT');
  });

  it('refuses a renamed executable by content (415) and writes no row', async () => {
    const w = await world();
    const error = await upload(w.as.borrower, w.application.id, {
      fileName: 'statement.pdf',
      bytes: documentSamples.executable,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(UploadRefused);
    expect(error.status).toBe(415);
    expect((await listDocuments(db, w.as.borrower, w.application.id)).documents).toEqual([]);
  });
});

describe('file names', () => {
  it.each([
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['..\\..\\Windows\\system32\\cmd.exe', 'pdf', 'cmd.exe.pdf'],
    ['C:\\Users\\me\\Desktop\\scan.PDF', 'pdf', 'scan.pdf'],
    ['photo.jpeg', 'jpg', 'photo.jpeg'],
    ['invoice\u202Efdp.exe', 'pdf', 'invoicefdp.exe.pdf'],
    ['a\u0000b\r\nc.pdf', 'pdf', 'abc.pdf'],
    ['"quoted"; filename=evil.html', 'pdf', '_quoted__ filename=evil.html.pdf'],
    ['...', 'png', 'document.png'],
    ['', 'pdf', 'document.pdf'],
    [undefined, 'docx', 'document.docx'],
    ['.bashrc', 'pdf', 'bashrc.pdf'],
  ])('%j (sniffed %s) is shown as %j', (raw, ext, expected) => {
    expect(cleanFileName(raw, ext)).toBe(expected);
  });

  it('caps long names at 120 characters, keeping the extension', () => {
    const name = cleanFileName(`${'ż'.repeat(5000)}.pdf`, 'pdf');
    expect([...name].length).toBe(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('writes a header-safe Content-Disposition with the UTF-8 name', () => {
    const header = attachmentDisposition('Zażółć "x"\\;.pdf');
    expect(header).toBe(
      `attachment; filename="Zazoc _x__;.pdf"; filename*=UTF-8''Za%C5%BC%C3%B3%C5%82%C4%87%20%22x%22%5C%3B.pdf`,
    );
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe('listing, the checklist and review', () => {
  it('shows the borrower what is still missing as the lender reviews, with the reason of a rejection', async () => {
    const w = await world();
    const notified: Parameters<DocumentRejectedNotifier>[1][] = [];
    const notify: DocumentRejectedNotifier = async (_tx, event) => {
      notified.push(event);
    };
    let checklist = await documentChecklist(db, w.as.borrower, w.application.id);
    expect(checklist.missing).toEqual(['bank_statements', 'purchase_contract']);
    expect(checklist.complete).toBe(false);

    const statement = await upload(w.as.borrower, w.application.id);
    checklist = await documentChecklist(db, w.as.borrower, w.application.id);
    expect(checklist.items.map((i) => i.status)).toEqual(['pending_review', 'missing']);

    await reviewDocument(
      db,
      w.as.underwriter,
      { documentId: statement.id, decision: 'rejected', reason: 'Page 2 is missing.' },
      notify,
    );
    expect(notified).toEqual([
      expect.objectContaining({
        borrowerUserId: w.borrower.userId,
        reason: 'Page 2 is missing.',
        documentId: statement.id,
      }),
    ]);
    checklist = await documentChecklist(db, w.as.borrower, w.application.id);
    expect(checklist.items[0]).toMatchObject({ status: 'rejected', reason: 'Page 2 is missing.' });
    expect(checklist.missing).toEqual(['bank_statements', 'purchase_contract']);

    const again = await upload(w.as.borrower, w.application.id);
    await reviewDocument(db, w.as.admin, { documentId: again.id, decision: 'accepted' });
    const contract = await upload(w.as.borrower, w.application.id, {
      checklistKey: 'purchase_contract',
      bytes: documentSamples.docx,
      fileName: 'contract.docx',
    });
    await reviewDocument(db, w.as.underwriter, { documentId: contract.id, decision: 'accepted' });
    checklist = await documentChecklist(db, w.as.borrower, w.application.id);
    expect(checklist).toMatchObject({ missing: [], complete: true });

    const actions = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, statement.id));
    expect(actions.map((a) => a.action).sort()).toEqual(['document.rejected', 'document.uploaded']);
  });

  it('reviews once: a second decision (also concurrent) is a conflict', async () => {
    const w = await world();
    const document = await upload(w.as.borrower, w.application.id);
    const results = await Promise.allSettled([
      reviewDocument(db, w.as.underwriter, { documentId: document.id, decision: 'accepted' }),
      reviewDocument(db, w.as.admin, { documentId: document.id, decision: 'rejected', reason: 'Blurry.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as DomainError).code).toBe('CONFLICT');
  });

  it('keeps review to admins and underwriters of the organization', async () => {
    const w = await world();
    const document = await upload(w.as.borrower, w.application.id);
    expect(
      await codeOf(reviewDocument(db, w.as.viewer, { documentId: document.id, decision: 'accepted' })),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(reviewDocument(db, w.as.borrower, { documentId: document.id, decision: 'accepted' })),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(reviewDocument(db, w.as.otherOrgAdmin, { documentId: document.id, decision: 'accepted' })),
    ).toBe('NOT_FOUND');
  });

  it('isolates rows: another borrower and another organization see nothing, as not found', async () => {
    const w = await world();
    const document = await upload(w.as.borrower, w.application.id);
    await upload(w.as.otherBorrower, w.otherApplication.id);
    // Staff of the organization see both applications' documents; each borrower only their own.
    expect((await listDocuments(db, w.as.viewer, w.application.id)).documents.map((d) => d.id)).toEqual([
      document.id,
    ]);
    for (const access of [w.as.otherBorrower, w.as.otherOrgAdmin, w.as.borrowerElsewhere]) {
      expect(await codeOf(listDocuments(db, access, w.application.id))).toBe('NOT_FOUND');
      expect(await codeOf(documentChecklist(db, access, w.application.id))).toBe('NOT_FOUND');
      expect(await codeOf(openDocumentDownload(db, services.storage, access, document.id))).toBe('NOT_FOUND');
    }
  });
});

describe('downloading', () => {
  it('gives the borrower and the staff the stored bytes, and audits each download', async () => {
    const w = await world();
    const document = await upload(w.as.borrower, w.application.id, {
      bytes: documentSamples.png,
      fileName: 'id.png',
    });
    for (const access of [w.as.borrower, w.as.viewer]) {
      const download = await openDocumentDownload(db, services.storage, access, document.id);
      expect(download).toMatchObject({
        fileName: 'id.png',
        contentType: 'image/png',
        size: documentSamples.png.length,
      });
      expect((await readAll(download.stream)).equals(documentSamples.png)).toBe(true);
    }
    const downloads = await db
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.entityId, document.id), eq(schema.auditLog.action, 'document.downloaded')),
      );
    expect(downloads.map((d) => d.actorUserId).sort()).toEqual(
      [w.as.borrower.userId, w.as.viewer.userId].sort(),
    );
  });
});

describe('signed term sheet', () => {
  it('is stored once per accepted offer as a PDF document with its SHA-256, and both sides can download it', async () => {
    const w = await world();
    const offer = await makeAcceptedOffer(db, w.application, w.org.admin.userId);
    const results = await Promise.all([
      storeSignedTermSheet(db, services.storage, { organizationId: w.org.id, offerId: offer.id }),
      storeSignedTermSheet(db, services.storage, { organizationId: w.org.id, offerId: offer.id }),
    ]);
    expect(new Set(results.map((r) => r.documentId)).size).toBe(1);
    const again = await storeSignedTermSheet(db, services.storage, {
      organizationId: w.org.id,
      offerId: offer.id,
    });
    expect(again).toEqual({ ...results[0], created: false });

    const { documents } = await listDocuments(db, w.as.borrower, w.application.id);
    expect(documents).toEqual([
      expect.objectContaining({
        kind: 'term_sheet',
        checklistKey: 'signed_term_sheet',
        contentType: 'application/pdf',
        status: 'accepted',
        uploadedBySide: 'borrower',
        sha256: again.sha256,
      }),
    ]);
    for (const access of [w.as.borrower, w.as.viewer]) {
      const download = await openDocumentDownload(db, services.storage, access, again.documentId);
      const bytes = await readAll(download.stream);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(again.sha256);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(
      await codeOf(openDocumentDownload(db, services.storage, w.as.otherBorrower, again.documentId)),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        reviewDocument(db, w.as.admin, { documentId: again.documentId, decision: 'rejected', reason: 'x' }),
      ),
    ).toBe('CONFLICT');
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, 'document.term_sheet_stored'));
    expect(audit).toBeDefined();
  });

  it('is refused for an offer that is not accepted, or of another organization', async () => {
    const w = await world();
    const offer = await makeAcceptedOffer(db, w.application, w.org.admin.userId);
    expect(
      await codeOf(
        storeSignedTermSheet(db, services.storage, { organizationId: w.otherOrg.id, offerId: offer.id }),
      ),
    ).toBe('NOT_FOUND');
    await db.update(schema.offers).set({ status: 'declined' }).where(eq(schema.offers.id, offer.id));
    expect(
      await codeOf(
        storeSignedTermSheet(db, services.storage, { organizationId: w.org.id, offerId: offer.id }),
      ),
    ).toBe('CONFLICT');
  });
});
