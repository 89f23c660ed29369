/**
 * Servicing files over plain HTTP (streamed bodies, not tRPC), with the same bearer token and
 * `x-organization-id` header as the portal procedures (`portalAccessOf`):
 *
 * - `GET /api/exports/loans.csv`, `GET /api/exports/ledger.csv` — the organization's staff (any
 *   lender role); written page by page, formula cells defused. Others: 403.
 * - `GET /api/loans/:id/statements/:yyyy-mm.pdf` — the monthly statement, for the loan's borrower
 *   and the organization's staff; 404 for everyone else and for months without a statement.
 * - `GET /api/loans/:id/payoff-letter.pdf?asOf=YYYY-MM-DD` — servicing's payoff quote as a letter
 *   (asOf defaults to today), for the same people; 404 for everyone else.
 * - `POST /api/boarding` — the organization's admins board existing loans: the CSV is the raw body
 *   (streamed; at most 10 MB, checked as it arrives, outside the API's 1 MB JSON limit). 201 with
 *   the loans, or 400 with `{ error, problems: [{ line, field, message }] }` and nothing written.
 */
import { Readable } from 'node:stream';
import {
  attachmentDisposition,
  BoardingRejected,
  boardLoans,
  buildPayoffLetter,
  buildStatement,
  DomainError,
  ledgerCsv,
  loansCsv,
  type PortalAccess,
  renderPayoffLetterPdf,
  renderStatementPdf,
  uuidSchema,
} from '@lending/core';
import { Hono, type Context as HonoContext } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import { errorResponse } from '../http-errors.ts';
import type { ApiRuntime } from '../services.ts';
import { AccessRefused, portalAccessOf } from './documents.ts';

type Env = { Variables: RequestIdVariables };
type Options = { clientIpOf: (c: HonoContext<Env>) => string };

async function accessOr(runtime: ApiRuntime, c: HonoContext<Env>, options: Options) {
  try {
    return await portalAccessOf(runtime, c, options.clientIpOf(c));
  } catch (error) {
    if (error instanceof AccessRefused) return c.json({ error: error.message }, error.status);
    throw error;
  }
}

async function* utf8(chunks: AsyncIterable<string>) {
  for await (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
}

function csvResponse(c: HonoContext<Env>, fileName: string, chunks: AsyncIterable<string>) {
  return new Response(Readable.toWeb(Readable.from(utf8(chunks))) as ReadableStream, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachmentDisposition(fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'x-request-id': c.get('requestId'),
    },
  });
}

export function exportRoutes(runtime: ApiRuntime, options: Options) {
  const staff = async (c: HonoContext<Env>): Promise<PortalAccess | Response> => {
    const access = await accessOr(runtime, c, options);
    if (access instanceof Response) return access;
    if (access.portal !== 'lender') return c.json({ error: 'Exports are for the lender’s staff.' }, 403);
    return access;
  };
  const db = runtime.services.db;
  return new Hono<Env>()
    .get('/loans.csv', async (c) => {
      const access = await staff(c);
      if (access instanceof Response) return access;
      return csvResponse(c, 'loans.csv', loansCsv(db, access.organizationId));
    })
    .get('/ledger.csv', async (c) => {
      const access = await staff(c);
      if (access instanceof Response) return access;
      return csvResponse(c, 'ledger.csv', ledgerCsv(db, access.organizationId));
    });
}

const STATEMENT_FILE = /^(\d{4}-\d{2})\.pdf$/;

export function loanFileRoutes(runtime: ApiRuntime, options: Options) {
  const db = runtime.services.db;
  const notFound = (c: HonoContext) => c.json({ error: 'That statement was not found.' }, 404);
  const pdfResponse = (c: HonoContext<Env>, pdf: Buffer, fileName: string) =>
    new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-length': String(pdf.length),
        'content-disposition': attachmentDisposition(fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        'x-request-id': c.get('requestId'),
      },
    });
  return new Hono<Env>()
    .get('/:id/payoff-letter.pdf', async (c) => {
      const access = await accessOr(runtime, c, options);
      if (access instanceof Response) return access.status === 403 ? notFound(c) : access;
      const id = uuidSchema.safeParse(c.req.param('id'));
      if (!id.success) return notFound(c);
      const asOf = c.req.query('asOf') ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return c.json({ error: 'Give asOf as YYYY-MM-DD.' }, 400);
      try {
        const letter = await buildPayoffLetter(db, access, id.data, asOf);
        return pdfResponse(
          c,
          await renderPayoffLetterPdf(letter),
          `payoff-${letter.loanReference}-${asOf}.pdf`,
        );
      } catch (error) {
        if (error instanceof DomainError && error.code === 'NOT_FOUND') return notFound(c);
        return errorResponse(c, error);
      }
    })
    .get('/:id/statements/:file', async (c) => {
      const access = await accessOr(runtime, c, options);
      if (access instanceof Response) return access.status === 403 ? notFound(c) : access;
      const id = uuidSchema.safeParse(c.req.param('id'));
      const file = STATEMENT_FILE.exec(c.req.param('file') ?? '');
      if (!id.success || !file) return notFound(c);
      try {
        const statement = await buildStatement(db, access, id.data, file[1]!);
        const pdf = await renderStatementPdf(statement);
        return new Response(new Uint8Array(pdf), {
          status: 200,
          headers: {
            'content-type': 'application/pdf',
            'content-length': String(pdf.length),
            'content-disposition': attachmentDisposition(
              `statement-${statement.loanReference}-${statement.month}.pdf`,
            ),
            'x-content-type-options': 'nosniff',
            'cache-control': 'private, no-store',
            'x-request-id': c.get('requestId'),
          },
        });
      } catch (error) {
        if (error instanceof DomainError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST'))
          return notFound(c);
        return errorResponse(c, error);
      }
    });
}

export const BOARDING_PATH = '/api/boarding';

export function boardingRoutes(runtime: ApiRuntime, options: Options) {
  const db = runtime.services.db;
  return new Hono<Env>().post('/', async (c) => {
    const access = await accessOr(runtime, c, options);
    if (access instanceof Response) return access;
    if (access.portal !== 'lender' || access.role !== 'admin')
      return c.json({ error: 'Boarding loans is for the organization’s admins.' }, 403);
    const body = c.req.raw.body;
    if (!body) return c.json({ error: 'Send the CSV file as the request body.' }, 400);
    try {
      const { loans } = await boardLoans(
        db,
        access,
        Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>),
      );
      return c.json({ loans }, 201);
    } catch (error) {
      if (error instanceof BoardingRejected)
        return c.json(
          {
            error: `Nothing was boarded: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} to fix.`,
            problems: error.problems.slice(0, 100),
          },
          error.problems.some((p) => p.message.includes('too large')) ? 413 : 400,
        );
      // A body that breaks off mid-stream.
      if (
        (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE' ||
        (error as Error).name === 'AbortError'
      )
        return c.json({ error: 'The upload broke off: send the file again.' }, 400);
      return errorResponse(c, error);
    }
  });
}
