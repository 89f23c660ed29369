/**
 * Boarding (issue 9 item 9): existing loans imported from CSV, all or nothing. The file is parsed
 * as a stream (papaparse), every row is validated (fields, the borrower, the product, the engine's
 * terms) before anything is written, and then one transaction writes every loan: a funded
 * application and its accepted offer, the loan with its frozen terms, the engine's schedule, and a
 * ledger of the disbursement and the installments paid to date (one payment row each, allocated as
 * the servicing ledger allocates payments). A bad row is reported as `line N, field F: …`.
 *
 * Lines: the header is line 1 and each record is one line after it (a record with a quoted line
 * break still counts as one).
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dateSchema, decimalSchema, moneySchema } from '@lending/loan-math';
import Decimal from 'decimal.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { z } from 'zod';
import type { Actor } from '../access/access.ts';
import { nextNumber } from '../applications/applications.ts';
import type { Executor } from '../db/client.ts';
import {
  applications,
  appUsers,
  ledgerEntries,
  loanInstallments,
  loanProducts,
  loanProductVersions,
  loans,
  offers,
  userPortalAccess,
} from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { estimate, termsFor, todayUtc, validTerms } from '../offers/terms.ts';
import { reconcileAllocations } from '../servicing/ledger.ts';

import {
  BOARDING_FIELDS,
  BOARDING_MAX_BYTES,
  BOARDING_MAX_CELL,
  BOARDING_MAX_REPORTED,
  BOARDING_MAX_ROWS,
} from './boarding.inputs.ts';

export {
  BOARDING_FIELDS,
  BOARDING_MAX_BYTES,
  BOARDING_MAX_CELL,
  BOARDING_MAX_REPORTED,
  BOARDING_MAX_ROWS,
} from './boarding.inputs.ts';

export interface BoardingProblem {
  line: number;
  field: string;
  message: string;
}

/** The whole file was refused: nothing was written. */
export class BoardingRejected extends Error {
  constructor(readonly problems: BoardingProblem[]) {
    super(
      problems
        .slice(0, BOARDING_MAX_REPORTED)
        .map((p) => `line ${p.line}, field ${p.field}: ${p.message}`)
        .join('\n'),
    );
  }
}

const cell = (what: string) =>
  z
    .string({ error: `is required: give ${what}` })
    .max(BOARDING_MAX_CELL, { message: `is too long (at most ${BOARDING_MAX_CELL} characters)`, abort: true })
    .trim()
    .min(1, `is required: give ${what}`);

const wholeNumber = (what: string, min: number, max: number) =>
  cell(what)
    .regex(/^\d{1,6}$/, `must be ${what} as a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const rowSchema = z.object({
  external_id: cell('the loan’s id in the old system').regex(
    /^[A-Za-z0-9._:-]{1,80}$/,
    'must be 1 to 80 letters, digits or . _ : -',
  ),
  borrower_email: cell('the borrower’s email')
    .toLowerCase()
    .pipe(z.email({ error: 'must be an email address' })),
  product: cell('the product’s name'),
  principal: moneySchema('the principal', '250000.00'),
  annual_rate_percent: decimalSchema({
    what: 'the yearly rate in percent',
    example: '11.5',
    allowZero: true,
    maxDecimals: 6,
    max: 100,
  }),
  payments: wholeNumber('the number of installments', 1, 600),
  funded_on: cell('the funding date').pipe(dateSchema('the funding date')),
  installments_paid: wholeNumber('the installments paid to date', 0, 600),
});
type BoardingRow = z.output<typeof rowSchema>;

/** The message zod gives for the first issue of each field. */
function fieldProblems(line: number, error: z.ZodError): BoardingProblem[] {
  const seen = new Set<string>();
  const out: BoardingProblem[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'row');
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ line, field, message: issue.message.replace(/^(the \w+ )?/, '') });
  }
  return out;
}

/**
 * Parses the CSV as a stream: UTF-8 only (a byte sequence that is not UTF-8, or NUL characters as
 * in UTF-16, refuses the file), at most BOARDING_MAX_BYTES and BOARDING_MAX_ROWS, the header must
 * name every field. Returns the raw rows (strings) with their line numbers.
 */
export async function parseBoardingCsv(input: AsyncIterable<Uint8Array | string>) {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let bytes = 0;
  async function* text() {
    for await (const chunk of input) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      bytes += buf.length;
      if (bytes > BOARDING_MAX_BYTES)
        throw new BoardingRejected([
          {
            line: 0,
            field: 'file',
            message: `is too large (at most ${BOARDING_MAX_BYTES / 1024 / 1024} MB)`,
          },
        ]);
      let decoded: string;
      try {
        decoded = decoder.decode(buf, { stream: true });
      } catch {
        throw new BoardingRejected([
          { line: 0, field: 'file', message: 'is not UTF-8 text: save it as CSV UTF-8' },
        ]);
      }
      if (decoded.includes('\u0000'))
        throw new BoardingRejected([
          {
            line: 0,
            field: 'file',
            message: 'is not UTF-8 text (it looks like UTF-16): save it as CSV UTF-8',
          },
        ]);
      if (decoded) yield decoded;
    }
    try {
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      throw new BoardingRejected([
        { line: 0, field: 'file', message: 'is not UTF-8 text: save it as CSV UTF-8' },
      ]);
    }
  }
  const rows: { line: number; values: Record<string, string> }[] = [];
  let header: string[] | null = null;
  let tooMany = false;
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: false, skipEmptyLines: 'greedy' });
  const sink = new Writable({
    objectMode: true,
    write(record: string[], _enc, done) {
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        const missing = BOARDING_FIELDS.filter((f) => !header!.includes(f));
        if (missing.length > 0)
          return done(
            new BoardingRejected(
              missing.map((f) => ({ line: 1, field: f, message: 'is missing from the header row' })),
            ),
          );
        return done();
      }
      if (rows.length >= BOARDING_MAX_ROWS) {
        tooMany = true;
        return done(
          new BoardingRejected([
            {
              line: rows.length + 2,
              field: 'file',
              message: `has more than ${BOARDING_MAX_ROWS} loans: split it`,
            },
          ]),
        );
      }
      const values: Record<string, string> = {};
      header.forEach((h, i) => {
        values[h] = record[i] ?? '';
      });
      rows.push({ line: rows.length + 2, values });
      done();
    },
  });
  await pipeline(Readable.from(text()), parser, sink);
  if (!header)
    throw new BoardingRejected([{ line: 1, field: 'file', message: 'is empty: it needs a header row' }]);
  if (!tooMany && rows.length === 0)
    throw new BoardingRejected([{ line: 2, field: 'file', message: 'has no loans after the header row' }]);
  return rows;
}

interface ValidRow {
  line: number;
  row: BoardingRow;
  borrowerUserId: string;
  version: typeof loanProductVersions.$inferSelect;
  terms: ReturnType<typeof validTerms>;
  estimate: ReturnType<typeof estimate>;
}

/** Validates every row (no writes); throws BoardingRejected with every problem found. */
export async function validateBoardingRows(
  db: Executor,
  organizationId: string,
  raw: { line: number; values: Record<string, string> }[],
): Promise<ValidRow[]> {
  const problems: BoardingProblem[] = [];
  const parsed: { line: number; row: BoardingRow }[] = [];
  for (const r of raw) {
    const result = rowSchema.safeParse(r.values);
    if (result.success) parsed.push({ line: r.line, row: result.data });
    else problems.push(...fieldProblems(r.line, result.error));
  }
  const emails = [...new Set(parsed.map((p) => p.row.borrower_email))];
  const names = [...new Set(parsed.map((p) => p.row.product))];
  const keys = parsed.map((p) => `board:${p.row.external_id}`);
  const [borrowers, products, existing] = await Promise.all([
    emails.length
      ? db
          .select({ userId: appUsers.id, email: appUsers.email })
          .from(appUsers)
          .innerJoin(
            userPortalAccess,
            and(
              eq(userPortalAccess.userId, appUsers.id),
              eq(userPortalAccess.organizationId, organizationId),
              eq(userPortalAccess.portal, 'borrower'),
            ),
          )
          .where(inArray(sql`lower(${appUsers.email})`, emails))
      : [],
    names.length
      ? db
          .select({ name: loanProducts.name, version: loanProductVersions })
          .from(loanProducts)
          .innerJoin(
            loanProductVersions,
            and(
              eq(loanProductVersions.productId, loanProducts.id),
              eq(loanProductVersions.version, loanProducts.currentVersion),
            ),
          )
          .where(and(eq(loanProducts.organizationId, organizationId), inArray(loanProducts.name, names)))
      : [],
    keys.length
      ? db
          .select({ key: loans.idempotencyKey })
          .from(loans)
          .where(and(eq(loans.organizationId, organizationId), inArray(loans.idempotencyKey, keys)))
      : [],
  ]);
  const borrowerByEmail = new Map(borrowers.map((b) => [b.email?.toLowerCase() ?? '', b.userId]));
  const productByName = new Map(products.map((p) => [p.name, p.version]));
  const boarded = new Set(existing.map((e) => e.key));
  const seenIds = new Map<string, number>();
  const valid: ValidRow[] = [];
  const today = todayUtc();
  for (const { line, row } of parsed) {
    const before = problems.length;
    const firstLine = seenIds.get(row.external_id);
    if (firstLine !== undefined)
      problems.push({ line, field: 'external_id', message: `repeats line ${firstLine}` });
    else seenIds.set(row.external_id, line);
    if (boarded.has(`board:${row.external_id}`))
      problems.push({ line, field: 'external_id', message: 'was boarded already' });
    const borrowerUserId = borrowerByEmail.get(row.borrower_email);
    if (!borrowerUserId)
      problems.push({
        line,
        field: 'borrower_email',
        message: 'is not a borrower of this organization: invite them to the borrower portal first',
      });
    const version = productByName.get(row.product);
    if (!version) problems.push({ line, field: 'product', message: 'is not a product of this organization' });
    if (row.funded_on > today)
      problems.push({ line, field: 'funded_on', message: `is after today (${today})` });
    if (row.installments_paid > row.payments)
      problems.push({
        line,
        field: 'installments_paid',
        message: `is more than the ${row.payments} installments`,
      });
    if (problems.length > before || !version || !borrowerUserId) continue;
    let terms: ReturnType<typeof validTerms>;
    let e: ReturnType<typeof estimate>;
    try {
      terms = validTerms(
        termsFor(version, {
          amount: row.principal,
          annualRatePercent: row.annual_rate_percent,
          termPayments: row.payments,
          originationPoints: '0',
          originationFee: '0',
          startDate: row.funded_on,
        }),
      );
      e = estimate(terms);
    } catch (error) {
      problems.push({
        line,
        field: 'terms',
        message: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    const lastPaid = e.installments[row.installments_paid - 1];
    if (lastPaid && lastPaid.dueDate > today) {
      problems.push({
        line,
        field: 'installments_paid',
        message: `installment ${row.installments_paid} is due ${lastPaid.dueDate}, after today (${today})`,
      });
      continue;
    }
    valid.push({ line, row, borrowerUserId, version, terms, estimate: e });
  }
  if (problems.length > 0) throw new BoardingRejected(problems.sort((a, b) => a.line - b.line));
  return valid;
}

/** Writes every validated row in one transaction. */
async function writeBoardedLoans(db: Executor, actor: Actor, rows: ValidRow[]) {
  return inTransaction(db, async (tx) => {
    const created: { line: number; loanId: string; number: number; externalId: string }[] = [];
    for (const v of rows) {
      const { row, terms, estimate: e } = v;
      const appNumber = await nextNumber(tx, actor.organizationId, 'application');
      const [application] = await tx
        .insert(applications)
        .values({
          organizationId: actor.organizationId,
          number: appNumber,
          borrowerUserId: v.borrowerUserId,
          status: 'funded',
          productId: v.version.productId,
          productVersionId: v.version.id,
          requestedAmount: row.principal,
          requestedTermPayments: row.payments,
        })
        .returning({ id: applications.id });
      const first = e.installments[0];
      const [offer] = await tx
        .insert(offers)
        .values({
          organizationId: actor.organizationId,
          applicationId: application!.id,
          productVersionId: v.version.id,
          status: 'accepted',
          amount: row.principal,
          annualRatePercent: row.annual_rate_percent,
          termPayments: row.payments,
          originationPoints: '0',
          originationFee: '0',
          terms,
          aprPercent: e.apr.apr,
          paymentAmount: e.installmentAmount ?? first?.total ?? '0.00',
          financeCharge: e.apr.financeCharge,
          prepaidFinanceCharges: e.prepaidFinanceCharges,
          expiresAt: new Date(),
          notes: `Boarded from ${row.external_id}`,
          issuedBy: actor.userId,
          acceptedAt: new Date(),
        })
        .returning({ id: offers.id });
      const number = await nextNumber(tx, actor.organizationId, 'loan');
      const [loan] = await tx
        .insert(loans)
        .values({
          organizationId: actor.organizationId,
          number,
          applicationId: application!.id,
          offerId: offer!.id,
          productVersionId: v.version.id,
          borrowerUserId: v.borrowerUserId,
          principal: terms.principal,
          annualRatePercent: terms.annualRate,
          aprPercent: e.apr.apr,
          terms,
          paymentWaterfall: v.version.paymentWaterfall,
          fundedOn: row.funded_on,
          maturityDate: e.maturityDate,
          idempotencyKey: `board:${row.external_id}`,
          fundedBy: actor.userId,
        })
        .returning({ id: loans.id });
      const loanId = loan!.id;
      const installments = e.installments.map((i) => ({
        organizationId: actor.organizationId,
        loanId,
        number: i.number,
        periodStart: i.periodStart,
        dueDate: i.dueDate,
        principal: i.principal,
        interest: i.interest,
        total: i.total,
        balance: i.balance,
      }));
      for (let k = 0; k < installments.length; k += 500)
        await tx.insert(loanInstallments).values(installments.slice(k, k + 500));
      const base = { organizationId: actor.organizationId, loanId, actorUserId: actor.userId };
      const key = `board:${row.external_id}`;
      const ledger: (typeof ledgerEntries.$inferInsert)[] = [
        {
          ...base,
          kind: 'disbursement',
          effectiveDate: row.funded_on,
          amount: e.disbursed,
          principal: e.disbursed,
          description: `Boarded: disbursed at funding (${row.external_id})`,
          idempotencyKey: `${key}:disbursement`,
        },
      ];
      // Payments to date: each installment paid in full on its due date, allocated as the engine
      // schedules it. Their keys do not start with the loan's key: servicing treats rows keyed
      // `<loan key>:…` as funding rows and leaves them out of the engine's view.
      for (const i of e.installments.slice(0, row.installments_paid))
        if (new Decimal(i.total).gt(0))
          ledger.push({
            ...base,
            kind: 'payment',
            effectiveDate: i.dueDate,
            amount: i.total,
            principal: new Decimal(i.principal).neg().toFixed(2),
            interest: new Decimal(i.interest).neg().toFixed(2),
            description: `Boarded: installment ${i.number} paid`,
            idempotencyKey: `boarded-payment:${row.external_id}:${i.number}`,
          });
      for (let k = 0; k < ledger.length; k += 500)
        await tx.insert(ledgerEntries).values(ledger.slice(k, k + 500));
      // The servicing ledger's own check: the payments' allocation columns agree with the engine
      // (on-time payments of the schedule need no reallocation row; the test holds it to that).
      if (row.installments_paid > 0) {
        const [boarded] = await tx.select().from(loans).where(eq(loans.id, loanId));
        await reconcileAllocations(tx, boarded!, {
          key: `boarding:${row.external_id}`,
          effectiveDate: row.funded_on,
          actorUserId: actor.userId,
        });
      }
      created.push({ line: v.line, loanId, number, externalId: row.external_id });
    }
    return created;
  });
}

/** Parses, validates every row, then boards them all in one transaction (or none). */
export async function boardLoans(db: Executor, actor: Actor, file: AsyncIterable<Uint8Array | string>) {
  const raw = await parseBoardingCsv(file);
  const valid = await validateBoardingRows(db, actor.organizationId, raw);
  try {
    return { loans: await writeBoardedLoans(db, actor, valid) };
  } catch (error) {
    // Another import boarded one of these ids in between: nothing of this one was written.
    if (
      (error as { code?: string }).code === '23505' ||
      (error as { cause?: { code?: string } }).cause?.code === '23505'
    )
      throw new DomainError(
        'CONFLICT',
        'Some of these loans were boarded by another import meanwhile: try again.',
      );
    throw error;
  }
}

/**
 * The organization (by slug) and the admin (by email) a CLI import acts as: boarding books loans,
 * so only an active lender admin of that organization may.
 */
export async function boardingActorOf(
  db: Executor,
  organizationSlug: string,
  adminEmail: string,
): Promise<Actor> {
  const { organizations } = await import('../db/schema/index.ts');
  const [row] = await db
    .select({ organizationId: organizations.id, userId: appUsers.id })
    .from(organizations)
    .innerJoin(
      userPortalAccess,
      and(
        eq(userPortalAccess.organizationId, organizations.id),
        eq(userPortalAccess.portal, 'lender'),
        eq(userPortalAccess.role, 'admin'),
        eq(userPortalAccess.isActive, true),
      ),
    )
    .innerJoin(appUsers, eq(appUsers.id, userPortalAccess.userId))
    .where(
      and(
        eq(organizations.slug, organizationSlug),
        sql`lower(${appUsers.email}) = ${adminEmail.toLowerCase()}`,
      ),
    );
  if (!row)
    throw new DomainError(
      'FORBIDDEN',
      `${adminEmail} is not an active admin of the organization "${organizationSlug}".`,
    );
  return row;
}
