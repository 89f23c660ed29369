/** CSV exports: every loan and ledger row of the organization only, formulas defused, numbers kept. */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBorrower, makeFundedLoan, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { defuseCell, ledgerCsv, loansCsv } from './csv.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function text(chunks: AsyncIterable<string>) {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

describe('defuseCell', () => {
  it('quotes what a spreadsheet would run, keeps plain numbers', () => {
    expect(defuseCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(defuseCell('+1+1')).toBe("'+1+1");
    expect(defuseCell('-2+3')).toBe("'-2+3");
    expect(defuseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(defuseCell('\tcmd')).toBe("'\tcmd");
    expect(defuseCell('-125.00')).toBe('-125.00');
    expect(defuseCell('Smith & Co')).toBe('Smith & Co');
    expect(defuseCell(null)).toBe('');
  });
});

describe('exports', () => {
  it('lists the organization loans and ledger, not another organization, with a hostile name defused', async () => {
    const { db } = database;
    const org = await makeOrganization(db);
    const other = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { loan } = await makeFundedLoan(db, org, borrower);
    await makeFundedLoan(db, other, await makeBorrower(db, other));
    const { schema } = await import('../index.ts');
    const { eq } = await import('drizzle-orm');
    await db
      .update(schema.applications)
      .set({ entityName: '=cmd|" /C calc"!A0' })
      .where(eq(schema.applications.id, loan.applicationId));
    const loansText = await text(loansCsv(db, org.id));
    const parsed = Papa.parse<Record<string, string>>(loansText, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(1);
    expect(parsed.data[0]).toMatchObject({
      reference: 'L-000001',
      borrower: '\'=cmd|" /C calc"!A0',
      principal: '300000.00',
      principal_outstanding: '300000.00',
    });
    const ledger = Papa.parse<Record<string, string>>(await text(ledgerCsv(db, org.id)), {
      header: true,
      skipEmptyLines: true,
    });
    expect(ledger.errors).toEqual([]);
    expect(ledger.data.length).toBeGreaterThan(0);
    expect(new Set(ledger.data.map((r) => r.loan))).toEqual(new Set(['L-000001']));
    // A negative allocation stays a number.
    expect(ledger.data.some((r) => r.fees?.startsWith('-') && !r.fees.startsWith("'"))).toBe(true);
  });
});
