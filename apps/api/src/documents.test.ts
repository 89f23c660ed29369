/**
 * Documents over HTTP: the streamed upload route, the download route and the tRPC procedures, with
 * the attacks the issue lists — an oversized file, a renamed executable, another borrower's and
 * another organization's download, path tricks in names, a megabyte query, a viewer uploading, a
 * broken-off stream, two uploads at once — on local disk and again through the S3 implementation
 * against a real S3-protocol server (s3rver).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createStorage, storeSignedTermSheet } from '@lending/core';
import {
  BORROWER_ORIGIN,
  documentSamples,
  makeAcceptedOffer,
  makeApplicationWithChecklist,
  startTestS3,
  type TestS3,
} from '@lending/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganizationFor,
  createTestApi,
  grantAccess,
  signUpUser,
  type TestApi,
  type TestUser,
  trpcHttp,
} from './testing/test-api.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const MAX_BYTES = 256 * 1024;

interface World {
  api: TestApi;
  orgA: { id: string };
  orgB: { id: string };
  borrower: TestUser;
  otherBorrower: TestUser;
  viewer: TestUser;
  adminA: TestUser;
  adminB: TestUser;
  applicationId: string;
  otherApplicationId: string;
}

async function makeWorld(env: Record<string, string> = {}): Promise<World> {
  const api = await createTestApi({ DOCUMENTS_MAX_UPLOAD_BYTES: String(MAX_BYTES), ...env });
  const adminA = await signUpUser(api);
  const orgA = await createOrganizationFor(api, adminA);
  const adminB = await signUpUser(api);
  const orgB = await createOrganizationFor(api, adminB);
  const borrower = await signUpUser(api);
  const otherBorrower = await signUpUser(api);
  const viewer = await signUpUser(api);
  for (const person of [borrower, otherBorrower])
    await grantAccess(api, {
      userId: person.userId,
      organizationId: orgA.id,
      portal: 'borrower',
      role: 'borrower',
    });
  await grantAccess(api, {
    userId: viewer.userId,
    organizationId: orgA.id,
    portal: 'lender',
    role: 'viewer',
  });
  const application = await makeApplicationWithChecklist(api.db, orgA, borrower);
  const otherApplication = await makeApplicationWithChecklist(api.db, orgA, otherBorrower);
  return {
    api,
    orgA,
    orgB,
    borrower,
    otherBorrower,
    viewer,
    adminA,
    adminB,
    applicationId: application.id,
    otherApplicationId: otherApplication.id,
  };
}

interface UploadOptions {
  as?: TestUser | null;
  origin?: string;
  organizationId?: string;
  applicationId?: string;
  checklistKey?: string;
  fileName?: string;
  query?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

async function headersOf(w: World, o: { as?: TestUser | null; origin?: string; organizationId?: string }) {
  const caller = o.as === undefined ? w.borrower : o.as;
  const headers: Record<string, string> = { 'x-organization-id': o.organizationId ?? w.orgA.id };
  if (caller)
    headers.authorization = `Bearer ${await caller.token(o.origin ?? (caller === w.borrower || caller === w.otherBorrower ? BORROWER_ORIGIN : undefined))}`;
  return headers;
}

async function upload(w: World, body: Uint8Array | ReadableStream<Uint8Array>, o: UploadOptions = {}) {
  const query =
    o.query ??
    new URLSearchParams({
      applicationId: o.applicationId ?? w.applicationId,
      checklistKey: o.checklistKey ?? 'bank_statements',
      fileName: o.fileName ?? 'statement.pdf',
    }).toString();
  const response = await w.api.app.request(`/api/documents/upload?${query}`, {
    method: 'POST',
    headers: { ...(await headersOf(w, o)), 'content-type': o.contentType ?? 'application/pdf', ...o.headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  // biome-ignore lint/suspicious/noExplicitAny: test helper returns the raw JSON answer
  return { status: response.status, body: (await response.json()) as any };
}

async function download(
  w: World,
  id: string,
  o: { as?: TestUser | null; origin?: string; organizationId?: string } = {},
) {
  const response = await w.api.app.request(`/api/documents/${id}`, { headers: await headersOf(w, o) });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** A body that arrives in chunks with no Content-Length, as a browser's streamed upload would. */
function streamOf(bytes: Uint8Array, chunk = 16 * 1024, failAfter?: number) {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAfter !== undefined && offset >= failAfter)
        return controller.error(new Error('connection reset'));
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}

async function documentCount(w: World) {
  const { schema } = await import('@lending/core');
  return (await w.api.db.select().from(schema.documents)).length;
}

/** Every stored object: files under the local documents directory (ignoring the temp folder). */
function localObjects(w: World): string[] {
  const root = w.api.config.storage.localDir;
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.push(path.relative(root, full));
    }
  };
  walk(root);
  return found;
}

describe.each([
  ['local disk', false],
  ['S3 (s3rver)', true],
] as const)('documents over HTTP, %s storage', (_label, useS3) => {
  let w: World;
  let s3: TestS3 | undefined;
  const storedObjects = async () =>
    useS3 ? await s3!.listKeys() : localObjects(w).filter((key) => !key.startsWith('.tmp'));

  beforeAll(async () => {
    if (useS3) s3 = await startTestS3();
    w = await makeWorld(s3?.env ?? {});
  });
  afterAll(async () => {
    await w.api.close();
    await s3?.close();
  });

  it('stores a borrower’s upload, streamed, and gives the same bytes back with safe headers', async () => {
    const bytes = Buffer.concat([documentSamples.pdf, randomBytes(150_000)]);
    const before = (await storedObjects()).length;
    const { status, body } = await upload(w, streamOf(bytes), { contentType: 'text/html' });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.document).toMatchObject({
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      fileName: 'statement.pdf',
      status: 'uploaded',
    });
    expect(await storedObjects()).toHaveLength(before + 1);
    expect((await storedObjects()).every((key) => /documents\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key))).toBe(
      true,
    );

    for (const as of [w.borrower, w.viewer, w.adminA]) {
      const { response, bytes: back } = await download(w, body.document.id, { as });
      expect(response.status).toBe(200);
      expect(sha256(back)).toBe(sha256(bytes));
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="statement.pdf"; filename*=UTF-8''statement.pdf`,
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('repr-digest')).toBe(
        `sha-256=:${Buffer.from(sha256(bytes), 'hex').toString('base64')}:`,
      );
    }
  });

  it('refuses an oversized file (413), announced or streamed, leaving nothing stored', async () => {
    const before = { objects: (await storedObjects()).length, rows: await documentCount(w) };
    const big = Buffer.concat([documentSamples.pdf, randomBytes(MAX_BYTES)]);
    const streamed = await upload(w, streamOf(big));
    expect(streamed.status).toBe(413);
    expect(streamed.body.error).toMatch(/too large/);
    const announced = await upload(w, big, { headers: { 'content-length': String(big.length) } });
    expect(announced.status).toBe(413);
    expect(await storedObjects()).toHaveLength(before.objects);
    expect(await documentCount(w)).toBe(before.rows);
  });

  it('refuses the wrong type by content: an executable named statement.pdf (415), leaving nothing stored', async () => {
    const before = { objects: (await storedObjects()).length, rows: await documentCount(w) };
    for (const bytes of [documentSamples.executable, documentSamples.windowsExe, documentSamples.text]) {
      const { status, body } = await upload(w, bytes, {
        fileName: 'statement.pdf',
        contentType: 'application/pdf',
      });
      expect(status).toBe(415);
      expect(body.error).toMatch(/We take PDF/);
    }
    expect(await storedObjects()).toHaveLength(before.objects);
    expect(await documentCount(w)).toBe(before.rows);
  });

  it('refuses another borrower’s download and another organization’s, as not found', async () => {
    const { body } = await upload(w, documentSamples.png, { fileName: 'id.png' });
    const id = body.document.id;
    expect((await download(w, id, { as: w.otherBorrower })).response.status).toBe(404);
    expect((await download(w, id, { as: w.adminB, organizationId: w.orgB.id })).response.status).toBe(404);
    expect((await download(w, id, { as: w.adminB, organizationId: w.orgA.id })).response.status).toBe(404);
    expect((await download(w, id, { as: null })).response.status).toBe(401);
    // Not-found and forbidden read the same: the answer never says the document exists.
    const missing = await download(w, '00000000-0000-4000-8000-000000000000', { as: w.otherBorrower });
    const forbidden = await download(w, id, { as: w.otherBorrower });
    expect(new TextDecoder().decode(forbidden.bytes)).toBe(new TextDecoder().decode(missing.bytes));
  });

  it('makes path tricks in file names harmless: the name is display-only, the key is ours', async () => {
    const before = await storedObjects();
    const { status, body } = await upload(w, documentSamples.pdf, { fileName: '../../../etc/passwd' });
    expect(status).toBe(201);
    expect(body.document.fileName).toBe('passwd.pdf');
    const added = (await storedObjects()).filter((key) => !before.includes(key));
    expect(added).toHaveLength(1);
    expect(added[0]).not.toMatch(/passwd|\.\./);
    const tricky = await upload(w, documentSamples.pdf, { fileName: 'a"\r\nX-Injected: 1;.pdf' });
    const { response } = await download(w, tricky.body.document.id);
    expect(response.headers.get('x-injected')).toBeNull();
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="a_X-Injected_ 1_\.pdf"/,
    );
    // Path tricks in the id are just not found.
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'x'.repeat(100)]) {
      expect((await download(w, id)).response.status).toBe(404);
    }
    expect((await upload(w, documentSamples.pdf, { applicationId: '../../x' })).status).toBe(400);
  });

  it('answers a megabyte query string with a fast 400', async () => {
    const started = performance.now();
    const { status } = await upload(w, documentSamples.pdf, { fileName: 'a'.repeat(1_000_000) });
    expect(status).toBe(400);
    expect(performance.now() - started).toBeLessThan(500);
    expect((await upload(w, documentSamples.pdf, { checklistKey: 'k'.repeat(1_000_000) })).status).toBe(400);
  });

  it('refuses viewers, callers without access, other borrowers and other organizations before reading the file', async () => {
    const before = { objects: (await storedObjects()).length, rows: await documentCount(w) };
    expect((await upload(w, documentSamples.pdf, { as: w.viewer })).status).toBe(403);
    expect((await upload(w, documentSamples.pdf, { as: w.otherBorrower })).status).toBe(404);
    expect((await upload(w, documentSamples.pdf, { as: w.adminB, organizationId: w.orgB.id })).status).toBe(
      404,
    );
    expect((await upload(w, documentSamples.pdf, { as: w.adminB })).status).toBe(403);
    expect((await upload(w, documentSamples.pdf, { as: null })).status).toBe(401);
    expect((await upload(w, documentSamples.pdf, { organizationId: 'not-a-uuid' })).status).toBe(400);
    expect(await storedObjects()).toHaveLength(before.objects);
    expect(await documentCount(w)).toBe(before.rows);
  });

  it('answers a stream broken off mid-way with a 400, storing nothing; an empty body with a 400', async () => {
    const before = { objects: (await storedObjects()).length, rows: await documentCount(w) };
    const bytes = Buffer.concat([documentSamples.pdf, randomBytes(200_000)]);
    const broken = await upload(w, streamOf(bytes, 16 * 1024, 100_000));
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/interrupted/);
    expect((await upload(w, new Uint8Array(0))).status).toBe(400);
    expect(await storedObjects()).toHaveLength(before.objects);
    expect(await documentCount(w)).toBe(before.rows);
  });

  it('keeps two uploads at once apart', async () => {
    const a = Buffer.concat([documentSamples.pdf, randomBytes(120_000)]);
    const b = Buffer.concat([documentSamples.png, randomBytes(120_000)]);
    const [ra, rb] = await Promise.all([
      upload(w, streamOf(a, 5000)),
      upload(w, streamOf(b, 7000), { checklistKey: 'purchase_contract', fileName: 'contract.png' }),
    ]);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(sha256((await download(w, ra.body.document.id)).bytes)).toBe(sha256(a));
    expect(sha256((await download(w, rb.body.document.id)).bytes)).toBe(sha256(b));
  });

  it('lets the lender reject with a reason, and the borrower see what is still missing (tRPC)', async () => {
    const world = await makeApplicationWithChecklist(w.api.db, w.orgA, w.borrower);
    const { body } = await upload(w, documentSamples.pdf, { applicationId: world.id });
    const borrowerCall = async (pathName: string) =>
      trpcHttp(w.api, pathName, {
        type: 'query',
        input: { applicationId: world.id },
        token: await w.borrower.token(BORROWER_ORIGIN),
        organizationId: w.orgA.id,
      });
    const review = await trpcHttp(w.api, 'documents.review', {
      type: 'mutation',
      input: { documentId: body.document.id, decision: 'rejected', reason: 'Page 2 is missing.' },
      token: await w.adminA.token(),
      organizationId: w.orgA.id,
    });
    expect(review.status).toBe(200);
    const checklist = await borrowerCall('borrowerDocuments.checklist');
    expect(checklist.body.result.data).toMatchObject({
      missing: ['bank_statements', 'purchase_contract'],
      items: [
        { key: 'bank_statements', status: 'rejected', reason: 'Page 2 is missing.' },
        { status: 'missing' },
      ],
    });
    const list = await borrowerCall('borrowerDocuments.list');
    expect(list.body.result.data.documents).toEqual([
      expect.objectContaining({
        id: body.document.id,
        status: 'rejected',
        reviewReason: 'Page 2 is missing.',
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/storageKey|documents\/[0-9a-f-]{36}\/[0-9a-f-]{36}/);
    // Row-level isolation: another borrower of the same organization is told it does not exist.
    const other = await trpcHttp(w.api, 'borrowerDocuments.list', {
      type: 'query',
      input: { applicationId: world.id },
      token: await w.otherBorrower.token(BORROWER_ORIGIN),
      organizationId: w.orgA.id,
    });
    expect(other.status).toBe(404);
  });

  it('serves the signed term sheet to both sides, and to nobody else', async () => {
    const application = await makeApplicationWithChecklist(w.api.db, w.orgA, w.borrower);
    const offer = await makeAcceptedOffer(w.api.db, application, w.adminA.userId);
    const storage = createStorage(w.api.config.storage);
    const stored = await storeSignedTermSheet(w.api.db, storage, {
      organizationId: w.orgA.id,
      offerId: offer.id,
    });
    storage.close();
    for (const as of [w.borrower, w.adminA, w.viewer]) {
      const { response, bytes } = await download(w, stored.documentId, { as });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(sha256(bytes)).toBe(stored.sha256);
    }
    expect((await download(w, stored.documentId, { as: w.otherBorrower })).response.status).toBe(404);
    expect(
      (await download(w, stored.documentId, { as: w.adminB, organizationId: w.orgB.id })).response.status,
    ).toBe(404);
  });
});
