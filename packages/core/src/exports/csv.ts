/**
 * CSV exports of loans and of the ledger (issue 9 item 8), written in pages so nothing is held
 * whole: each export is an async iterable of CSV text chunks (the HTTP route streams it).
 *
 * CSV injection: a cell that starts with = + - @ (or a tab or carriage return) is prefixed with a
 * single quote, so a spreadsheet shows it as text instead of running it, except a plain number
 * ("-125.00" stays a number).
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Executor } from '../db/client.ts';
import { applications, appUsers, ledgerEntries, loans } from '../db/schema/index.ts';
import { loanReference } from '../loans/loans.ts';

const PAGE = 1000;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell made safe for spreadsheets. */
export function defuseCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function csvChunk(fields: readonly string[], rows: unknown[][], withHeader: boolean): string {
  const text = Papa.unparse(
    { fields: [...fields], data: rows.map((r) => r.map(defuseCell)) },
    { header: withHeader, newline: '\r\n', escapeFormulae: false },
  );
  return text.length > 0 ? `${text}\r\n` : '';
}

export const LOAN_EXPORT_FIELDS = [
  'reference',
  'status',
  'borrower',
  'borrower_email',
  'principal',
  'annual_rate_percent',
  'apr_percent',
  'funded_on',
  'maturity_date',
  'payments',
  'frequency',
  'amortization',
  'principal_outstanding',
  'interest_outstanding',
  'fees_outstanding',
] as const;

export async function* loansCsv(db: Executor, organizationId: string): AsyncGenerator<string> {
  yield csvChunk(LOAN_EXPORT_FIELDS, [], true);
  let after = 0;
  for (;;) {
    const rows = await db
      .select({
        loan: loans,
        firstName: applications.firstName,
        lastName: applications.lastName,
        entityName: applications.entityName,
        email: appUsers.email,
        principalOutstanding: sql<string>`(select coalesce(sum(${ledgerEntries.principal}), 0)::numeric(18,2)::text from ${ledgerEntries} where ${ledgerEntries.loanId} = ${loans.id})`,
        interestOutstanding: sql<string>`(select coalesce(sum(${ledgerEntries.interest}), 0)::numeric(18,2)::text from ${ledgerEntries} where ${ledgerEntries.loanId} = ${loans.id})`,
        feesOutstanding: sql<string>`(select coalesce(sum(${ledgerEntries.fees} + ${ledgerEntries.penalties}), 0)::numeric(18,2)::text from ${ledgerEntries} where ${ledgerEntries.loanId} = ${loans.id})`,
      })
      .from(loans)
      .innerJoin(applications, eq(applications.id, loans.applicationId))
      .innerJoin(appUsers, eq(appUsers.id, loans.borrowerUserId))
      .where(and(eq(loans.organizationId, organizationId), gt(loans.number, after)))
      .orderBy(asc(loans.number))
      .limit(PAGE);
    if (rows.length === 0) return;
    yield csvChunk(
      LOAN_EXPORT_FIELDS,
      rows.map((r) => [
        loanReference(r.loan.number),
        r.loan.status,
        r.entityName ?? [r.firstName, r.lastName].filter(Boolean).join(' '),
        r.email,
        r.loan.principal,
        r.loan.annualRatePercent,
        r.loan.aprPercent,
        r.loan.fundedOn,
        r.loan.maturityDate,
        r.loan.terms.payments,
        r.loan.terms.frequency,
        r.loan.terms.amortization,
        r.principalOutstanding,
        r.interestOutstanding,
        r.feesOutstanding,
      ]),
      false,
    );
    after = rows.at(-1)!.loan.number;
    if (rows.length < PAGE) return;
  }
}

export const LEDGER_EXPORT_FIELDS = [
  'loan',
  'sequence',
  'kind',
  'effective_date',
  'amount',
  'principal',
  'interest',
  'fees',
  'penalties',
  'description',
  'reverses_entry_id',
  'entry_id',
  'created_at',
] as const;

export async function* ledgerCsv(db: Executor, organizationId: string): AsyncGenerator<string> {
  yield csvChunk(LEDGER_EXPORT_FIELDS, [], true);
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ entry: ledgerEntries, number: loans.number })
      .from(ledgerEntries)
      .innerJoin(loans, eq(loans.id, ledgerEntries.loanId))
      .where(and(eq(ledgerEntries.organizationId, organizationId), gt(ledgerEntries.sequence, after)))
      .orderBy(asc(ledgerEntries.sequence))
      .limit(PAGE);
    if (rows.length === 0) return;
    yield csvChunk(
      LEDGER_EXPORT_FIELDS,
      rows.map(({ entry: e, number }) => [
        loanReference(number),
        e.sequence,
        e.kind,
        e.effectiveDate,
        e.amount,
        e.principal,
        e.interest,
        e.fees,
        e.penalties,
        e.description,
        e.reversesEntryId,
        e.id,
        e.createdAt,
      ]),
      false,
    );
    after = rows.at(-1)!.entry.sequence;
    if (rows.length < PAGE) return;
  }
}
