/**
 * Documents over plain HTTP, because their bodies are streams:
 *
 * - `POST /api/documents/upload?applicationId=…&checklistKey=…&fileName=…` — the file is the raw
 *   request body (any Content-Type; it is ignored: the type is recognised from the content). It is
 *   streamed through the size limit, SHA-256 and sniffing into storage, never held whole. 201 with
 *   the document; 400/401/403/404/409/413/415 with `{ error }` and nothing stored.
 * - `GET /api/documents/:id` — the bytes, as an attachment, for the application's borrower and the
 *   organization's staff; 404 for everyone else.
 *
 * Both take the same `Authorization: Bearer` token and `x-organization-id` header as the tRPC
 * portal procedures and go through the same access check (`authorizePortalCall`): the caller's
 * lender access in that organization if they have one, otherwise their borrower access.
 */
import { Readable } from 'node:stream';
import {
  attachmentDisposition,
  authorizePortalCall,
  createContext,
  DomainError,
  documentIdInput,
  openDocumentDownload,
  type PortalAccess,
  UploadRefused,
  uploadDocument,
  uploadDocumentQuery,
} from '@lending/core';
import { TRPCError } from '@trpc/server';
import { Hono, type Context as HonoContext } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import { errorResponse } from '../http-errors.ts';
import type { ApiRuntime } from '../services.ts';

export const UPLOAD_PATH = '/api/documents/upload';

type Env = { Variables: RequestIdVariables };

export class AccessRefused extends Error {
  constructor(
    readonly status: 400 | 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The caller's portal access in the organization of `x-organization-id`: lender staff first (any
 * role), then borrower. Throws AccessRefused (401 without a live session, 400 without an
 * organization, 403 with no access there).
 */
export async function portalAccessOf(
  runtime: ApiRuntime,
  c: HonoContext<Env>,
  clientIp: string,
): Promise<PortalAccess> {
  const context = await createContext(runtime.services, {
    authorization: c.req.header('authorization'),
    organizationId: c.req.header('x-organization-id'),
    clientIp,
    requestId: c.get('requestId'),
  });
  for (const portal of ['lender', 'borrower'] as const) {
    try {
      return await authorizePortalCall(context, {
        access: { kind: 'portal', portal, minRole: portal === 'lender' ? 'viewer' : 'borrower' },
      });
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      if (error.code === 'FORBIDDEN') continue;
      throw new AccessRefused(error.code === 'UNAUTHORIZED' ? 401 : 400, error.message);
    }
  }
  throw new AccessRefused(403, 'You do not have access to this organization.');
}

function contentLengthOf(c: HonoContext): number | undefined | 'invalid' {
  const header = c.req.header('content-length');
  if (header === undefined) return undefined;
  return /^\d{1,15}$/.test(header) ? Number(header) : 'invalid';
}

export function documentRoutes(
  runtime: ApiRuntime,
  options: { clientIpOf: (c: HonoContext<Env>) => string },
) {
  const { services } = runtime;
  const notFound = (c: HonoContext) => c.json({ error: 'That document was not found.' }, 404);

  return new Hono<Env>()
    .post('/upload', async (c) => {
      let access: PortalAccess;
      try {
        access = await portalAccessOf(runtime, c, options.clientIpOf(c));
      } catch (error) {
        if (error instanceof AccessRefused) return c.json({ error: error.message }, error.status);
        throw error;
      }
      const declaredLength = contentLengthOf(c);
      if (declaredLength === 'invalid')
        return c.json({ error: 'The Content-Length header is not valid.' }, 400);
      try {
        const query = uploadDocumentQuery.parse(c.req.query());
        const body = c.req.raw.body;
        if (!body || declaredLength === 0) return c.json({ error: 'The file is empty.' }, 400);
        const document = await uploadDocument(services.db, services.documents, access, {
          applicationId: query.applicationId,
          checklistKey: query.checklistKey,
          fileName: query.fileName,
          body: Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>),
          declaredLength,
        });
        return c.json({ document }, 201);
      } catch (error) {
        if (error instanceof UploadRefused) return c.json({ error: error.message }, error.status);
        return errorResponse(c, error);
      }
    })
    .get('/:id', async (c) => {
      const id = documentIdInput.safeParse({ documentId: c.req.param('id') });
      let access: PortalAccess;
      try {
        access = await portalAccessOf(runtime, c, options.clientIpOf(c));
      } catch (error) {
        if (!(error instanceof AccessRefused)) throw error;
        // No access to the organization: the same answer as a document that does not exist.
        return error.status === 403 ? notFound(c) : c.json({ error: error.message }, error.status);
      }
      if (!id.success) return notFound(c);
      try {
        const download = await openDocumentDownload(
          services.db,
          services.documents.storage,
          access,
          id.data.documentId,
        );
        const digest = Buffer.from(download.sha256, 'hex').toString('base64');
        return new Response(Readable.toWeb(download.stream) as ReadableStream, {
          status: 200,
          headers: {
            'content-type': download.contentType,
            'content-length': String(download.size),
            'content-disposition': attachmentDisposition(download.fileName),
            'x-content-type-options': 'nosniff',
            'content-security-policy': "default-src 'none'; sandbox",
            'cache-control': 'private, no-store',
            'repr-digest': `sha-256=:${digest}:`,
            'x-request-id': c.get('requestId'),
          },
        });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'NOT_FOUND') return notFound(c);
        return errorResponse(c, error);
      }
    });
}
