/**
 * Boarding: a good file creates loans whose schedules and ledgers agree with the engine; a file
 * with one bad row writes nothing and names the line and field; hostile files (formulas, a
 * megabyte cell, wrong encodings, too many rows) are refused cleanly.
 */
import { estimateLoan } from '@lending/loan-math';
import Decimal from 'decimal.js';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { ledgerSums } from '../servicing/ledger.ts';
import {
  actorOf,
  makeBorrower,
  makeOrganization,
  makeProduct,
  productSettings,
} from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { BOARDING_MAX_ROWS, BoardingRejected, boardLoans } from './boarding.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

const HEADER =
  'external_id,borrower_email,product,principal,annual_rate_percent,payments,funded_on,installments_paid';

async function setup() {
  const org = await makeOrganization(db);
  const borrower = await makeBorrower(db, org);
  await makeProduct(db, org);
  await makeProduct(db, org, {
    name: 'Term 24',
    kind: 'term',
    engineSettings: { ...productSettings().engineSettings, amortization: 'equal_installments' },
  });
  return { org, borrower, actor: actorOf(org.admin, org) };
}

async function* chunks(text: string | Buffer, size = 64) {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function problemsOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof BoardingRejected) return error.message;
    throw error;
  }
}

async function loanCount(organizationId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.loans)
    .where(eq(schema.loans.organizationId, organizationId));
  return row!.n;
}

describe('boarding', () => {
  it('boards a good file: schedules and ledgers agree with the engine', async () => {
    const { org, borrower, actor } = await setup();
    const file = [
      HEADER,
      `OLD-1,${borrower.email.toUpperCase()},Term 24,120000.00,10,24,2025-06-10,5`,
      `OLD-2,${borrower.email},Bridge 12,300000,11.5,12,2026-01-15,0`,
      '',
    ].join('\r\n');
    const { loans } = await boardLoans(db, actor, chunks(file, 7));
    expect(loans.map((l) => [l.line, l.externalId])).toEqual([
      [2, 'OLD-1'],
      [3, 'OLD-2'],
    ]);
    for (const [index, b] of loans.entries()) {
      const [loan] = await db.select().from(schema.loans).where(eq(schema.loans.id, b.loanId));
      const engine = estimateLoan(loan!.terms);
      const installments = await db
        .select()
        .from(schema.loanInstallments)
        .where(eq(schema.loanInstallments.loanId, loan!.id))
        .orderBy(asc(schema.loanInstallments.number));
      expect(installments.map((i) => [i.dueDate, i.principal, i.interest, i.total, i.balance])).toEqual(
        engine.installments.map((i) => [i.dueDate, i.principal, i.interest, i.total, i.balance]),
      );
      const ledger = await db
        .select()
        .from(schema.ledgerEntries)
        .where(eq(schema.ledgerEntries.loanId, loan!.id));
      const principal = ledger.reduce((s, l) => s.plus(l.principal), new Decimal(0)).toFixed(2);
      const interest = ledger.reduce((s, l) => s.plus(l.interest), new Decimal(0)).toFixed(2);
      const paid = index === 0 ? 5 : 0;
      const paidInterest = engine.installments
        .slice(0, paid)
        .reduce((s, i) => s.plus(i.interest), new Decimal(0))
        .neg()
        .toFixed(2);
      expect(principal).toBe(paid ? engine.installments[paid - 1]!.balance : loan!.principal);
      expect(interest).toBe(paid ? paidInterest : '0.00');
      expect(ledger.filter((l) => l.kind === 'payment')).toHaveLength(paid);
      // The servicing engine's allocation of these payments needed no reallocation row.
      expect(ledger.filter((l) => l.kind === 'adjustment')).toHaveLength(0);
      const sums = await ledgerSums(db, loan!);
      expect(sums.principal).toBe(principal);
    }
    const [first] = await db.select().from(schema.loans).where(eq(schema.loans.id, loans[0]!.loanId));
    expect(first).toMatchObject({ fundedOn: '2025-06-10', principal: '120000.00', status: 'active' });
    // The same file again: every row was boarded already, nothing more is written.
    expect(await problemsOf(boardLoans(db, actor, chunks(file)))).toContain(
      'line 2, field external_id: was boarded already',
    );
    expect(await loanCount(org.id)).toBe(2);
  });

  it('reads a file saved with a UTF-8 byte order mark and quoted cells', async () => {
    const { borrower, actor } = await setup();
    const file = `\uFEFF${HEADER}\n"BOM-1","${borrower.email}","Term 24","120,000.00",10,24,2025-06-10,0\n`;
    // "120,000.00" is not a plain amount: named by line and field.
    expect(await problemsOf(boardLoans(db, actor, chunks(file)))).toContain('line 2, field principal:');
    const { loans } = await boardLoans(db, actor, chunks(file.replace('"120,000.00"', '"120000.00"')));
    expect(loans).toHaveLength(1);
  });

  it('is all or nothing: one bad row writes nothing and is named by line and field', async () => {
    const { org, borrower, actor } = await setup();
    const file = [
      HEADER,
      `A-1,${borrower.email},Term 24,120000.00,10,24,2025-06-10,5`,
      `A-2,${borrower.email},Term 24,12O000.00,10,24,2025-06-10,5`,
      `A-3,nobody@example.test,Term 24,1000.00,10,24,2025-06-10,0`,
      `A-1,${borrower.email},No Such Product,1000.00,10,24,2099-01-01,30`,
    ].join('\n');
    const message = await problemsOf(boardLoans(db, actor, chunks(file)));
    expect(message).toContain('line 3, field principal:');
    expect(message).toContain('line 4, field borrower_email: is not a borrower of this organization');
    expect(message).toContain('line 5, field external_id: repeats line 2');
    expect(message).toContain('line 5, field product: is not a product of this organization');
    expect(message).toContain('line 5, field funded_on: is after today');
    expect(message).not.toContain('line 2,');
    expect(await loanCount(org.id)).toBe(0);
    const [apps] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.applications)
      .where(eq(schema.applications.organizationId, org.id));
    expect(apps!.n).toBe(0);
  });

  it('refuses hostile files with a clear report and writes nothing', async () => {
    const { org, borrower, actor } = await setup();
    const good = `B-1,${borrower.email},Term 24,1000.00,10,24,2025-06-10,0`;
    // A formula in a cell is data, refused where it does not fit the field.
    expect(
      await problemsOf(
        boardLoans(
          db,
          actor,
          chunks(`${HEADER}\n=HYPERLINK("http://x"),${borrower.email},Term 24,1000,10,24,2025-06-10,0`),
        ),
      ),
    ).toContain('line 2, field external_id:');
    // A megabyte in one cell.
    const big = await problemsOf(
      boardLoans(
        db,
        actor,
        chunks(`${HEADER}\nB-2,${borrower.email},${'x'.repeat(1024 * 1024)},1000,10,24,2025-06-10,0`, 65536),
      ),
    );
    expect(big).toContain('line 2, field product: is too long');
    // Not UTF-8 (Latin-1 bytes), and UTF-16.
    expect(
      await problemsOf(
        boardLoans(db, actor, chunks(Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0xe9, 0x0a])]))),
      ),
    ).toContain('field file: is not UTF-8');
    expect(
      await problemsOf(boardLoans(db, actor, chunks(Buffer.from(`${HEADER}\n${good}`, 'utf16le')))),
    ).toContain('UTF-16');
    // A missing column, an empty file, too many rows.
    expect(await problemsOf(boardLoans(db, actor, chunks('external_id,principal\nX,1')))).toContain(
      'line 1, field borrower_email: is missing from the header row',
    );
    expect(await problemsOf(boardLoans(db, actor, chunks('')))).toContain('field file: is empty');
    const many = [
      HEADER,
      ...Array.from({ length: BOARDING_MAX_ROWS + 1 }, (_, i) => good.replace('B-1', `M-${i}`)),
    ].join('\n');
    expect(await problemsOf(boardLoans(db, actor, chunks(many, 65536)))).toContain(
      `has more than ${BOARDING_MAX_ROWS} loans`,
    );
    expect(await loanCount(org.id)).toBe(0);
  });
});
