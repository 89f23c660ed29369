/**
 * The monthly statement: balances and activity agree with the ledger; the PDF opens, its text shows
 * the month's activity, and its first page renders to PNG (written to STATEMENT_PNG_DIR when set,
 * to look at).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveDraw,
  completeInspection,
  disburseDraw,
  requestDraw,
  scheduleInspection,
  setDrawBudget,
} from '../draws/draws.ts';
import { DomainError } from '../errors.ts';
import { recordPayment } from '../servicing/payments.ts';
import { actorOf, makeBorrower, makeConstructionLoan, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { renderPayoffLetterPdf, renderStatementPdf } from './pdf.ts';
import { buildPayoffLetter, buildStatement } from './statement.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('monthly statement', () => {
  it('shows the month of a draw: opening and closing balances, the draw, what is due next; as a PDF', async () => {
    const { db } = database;
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { loan } = await makeConstructionLoan(db, org, borrower);
    const lender = { ...actorOf(org.admin, org), portal: 'lender' as const };
    const me = { ...actorOf(borrower, org), portal: 'borrower' as const };
    const { lines } = await setDrawBudget(db, lender, {
      loanId: loan.id,
      lines: [{ name: 'Kitchen', budget: '50000.00' }],
    });
    const { draw } = await requestDraw(db, me, {
      loanId: loan.id,
      idempotencyKey: 'statement-draw-1',
      lines: [{ budgetLineId: lines[0]!.id, amount: '12500.00' }],
      photoDocumentIds: [],
    });
    await scheduleInspection(db, lender, {
      drawRequestId: draw.id,
      scheduledFor: '2026-03-01',
      inspector: 'Pat',
    });
    await completeInspection(db, lender, { drawRequestId: draw.id, percentComplete: 30 });
    await approveDraw(db, lender, { drawRequestId: draw.id, lines: [] });
    await disburseDraw(db, lender, { drawRequestId: draw.id, disbursedOn: '2026-03-20' });

    const s = await buildStatement(db, me, loan.id, '2026-03');
    expect(s.opening.principal).toBe('250000.00');
    expect(s.closing.principal).toBe('262500.00');
    expect(s.activity).toEqual([
      expect.objectContaining({
        date: '2026-03-20',
        kind: 'Draw',
        amount: '12500.00',
        principal: '12500.00',
      }),
    ]);
    expect(s.totals.draws).toBe('12500.00');
    // Nothing paid: the interest charged is what accrued over the month (servicing's derivation).
    expect(s.totals.interest).toBe(new Decimal(s.closing.interest).minus(s.opening.interest).toFixed(2));
    expect(new Decimal(s.totals.interest).gt(0)).toBe(true);
    expect(s.dueThisMonth.map((i) => i.dueDate)).toEqual(['2026-03-15']);
    expect(s.nextDue).toMatchObject({ number: 3, dueDate: '2026-04-15' });
    // A payment in April: on the April statement, its interest part counts as interest paid.
    await recordPayment(db, lender, {
      loanId: loan.id,
      idempotencyKey: 'statement-payment-1',
      amount: '4791.66',
      effectiveDate: '2026-04-10',
      method: 'ach',
    });
    const april = await buildStatement(db, me, loan.id, '2026-04');
    expect(april.opening).toEqual(s.closing);
    expect(april.totals.payments).toBe('4791.66');
    expect(april.activity).toEqual([
      expect.objectContaining({ date: '2026-04-10', kind: 'Payment', amount: '4791.66' }),
    ]);
    const paidInterest = new Decimal(april.activity[0]!.interest).neg();
    expect(april.totals.interest).toBe(
      new Decimal(april.closing.interest).minus(april.opening.interest).plus(paidInterest).toFixed(2),
    );
    // Funding month: the disbursement and the fees withheld.
    const january = await buildStatement(db, lender, loan.id, '2026-01');
    expect(january.opening.total).toBe('0.00');
    expect(january.activity.some((a) => a.kind === 'Disbursement' && a.amount === '250000.00')).toBe(true);

    const pdf = await renderStatementPdf(s);
    const dir = process.env.STATEMENT_PNG_DIR ?? mkdtempSync(path.join(tmpdir(), 'statement-'));
    const file = path.join(dir, 'statement.pdf');
    writeFileSync(file, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Loan statement');
    expect(text).toContain('2026-03-01 to 2026-03-31');
    expect(text).toContain('Draw 1 disbursed');
    expect(text).toContain('$262,500.00');
    expect(text).toContain('2026-04-15');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, path.join(dir, 'statement')]);
    const png = readFileSync(path.join(dir, 'statement-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');

    // The payoff letter from servicing's quote: the drawn principal, not the commitment.
    const letter = await buildPayoffLetter(db, me, loan.id, '2026-04-01');
    expect(letter.quote.principal).toBe('262500.00');
    const letterFile = path.join(dir, 'payoff-letter.pdf');
    writeFileSync(letterFile, await renderPayoffLetterPdf(letter));
    const letterText = execFileSync('pdftotext', ['-layout', letterFile, '-'], { encoding: 'utf8' });
    expect(letterText).toContain('Payoff letter');
    expect(letterText).toContain('$262,500.00');
    expect(letterText).toContain(letter.quote.goodThrough);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      letterFile,
      path.join(dir, 'payoff'),
    ]);
  });

  it('is not found for another borrower, another organization, before funding or in the future', async () => {
    const { db } = database;
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { loan } = await makeConstructionLoan(db, org, borrower);
    const other = await makeBorrower(db, org);
    const otherOrg = await makeOrganization(db);
    const me = { ...actorOf(borrower, org), portal: 'borrower' as const };
    expect(
      await codeOf(buildStatement(db, { ...actorOf(other, org), portal: 'borrower' }, loan.id, '2026-02')),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        buildStatement(db, { ...actorOf(otherOrg.admin, otherOrg), portal: 'lender' }, loan.id, '2026-02'),
      ),
    ).toBe('NOT_FOUND');
    expect(await codeOf(buildStatement(db, me, loan.id, '2025-12'))).toBe('NOT_FOUND');
    expect(await codeOf(buildStatement(db, me, loan.id, '2999-01'))).toBe('NOT_FOUND');
    expect(await codeOf(buildStatement(db, me, loan.id, '2026-13'))).toBe('BAD_REQUEST');
  });
});
