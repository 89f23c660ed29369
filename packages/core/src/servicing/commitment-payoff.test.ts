/**
 * Paying off a construction loan before its holdback is drawn: the borrower repays what was
 * disbursed (plus the interest and fees owed); under `full_commitment` the undrawn commitment is
 * cancelled at payoff by a ledger row the engine adds to the payoff (docs/servicing.md § Payoff).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import {
  approveDraw,
  completeInspection,
  disburseDraw,
  requestDraw,
  scheduleInspection,
  setDrawBudget,
} from '../draws/draws.ts';
import { renderPayoffLetterPdf } from '../statements/pdf.ts';
import { buildPayoffLetter } from '../statements/statement.ts';
import {
  actorOf,
  makeBorrower,
  makeConstructionLoan,
  makeOrganization,
  type TestOrganization,
  type TestPerson,
} from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { ledgerAgreement } from './agreement.ts';
import { loanBalances } from './balances.ts';
import { ledgerOf, ledgerSums, quote, rateChangesOf, viewOf } from './ledger.ts';
import {
  postDrawDisbursement,
  postPayoff,
  quoteLoanPayoff,
  recordPayment,
  reversePayment,
} from './payments.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 10 });
  db = database.db;
});
afterAll(() => database.close());

const lender = (org: TestOrganization) => ({ ...actorOf(org.admin, org), portal: 'lender' as const });
const asBorrower = (org: { id: string }, b: TestPerson) => ({
  ...actorOf(b, org),
  portal: 'borrower' as const,
});
let n = 0;
const key = () => `commitment-payoff-${Date.now()}-${++n}`;

/**
 * A construction loan (300,000 at 11.5 %, 250,000 advanced at funding, 50,000 held back) with one
 * draw of 20,000 disbursed on Feb 1 and the first installment paid on Feb 15: 30,000 undrawn.
 */
async function loanWithDrawAndPayment(basis: 'drawn_funds' | 'full_commitment') {
  const org = await makeOrganization(db);
  const borrower = await makeBorrower(db, org);
  const { loan } = await makeConstructionLoan(db, org, borrower, { basis });
  const budget = await setDrawBudget(db, lender(org), {
    loanId: loan.id,
    lines: [{ name: 'Framing', budget: '50000.00' }],
  });
  const { draw } = await requestDraw(db, asBorrower(org, borrower), {
    loanId: loan.id,
    idempotencyKey: key(),
    lines: [{ budgetLineId: budget.lines[0]!.id, amount: '20000.00' }],
    photoDocumentIds: [],
  });
  await scheduleInspection(db, lender(org), {
    drawRequestId: draw.id,
    scheduledFor: '2026-01-30',
    inspector: 'Pat Inspector',
  });
  await completeInspection(db, lender(org), { drawRequestId: draw.id, percentComplete: 30 });
  await approveDraw(db, lender(org), {
    drawRequestId: draw.id,
    lines: [{ budgetLineId: budget.lines[0]!.id, amount: '20000.00' }],
  });
  await disburseDraw(db, lender(org), { drawRequestId: draw.id, disbursedOn: '2026-02-01' });
  const first = (await loanBalances(db, loan.id, '2026-02-15')).installments[0]!;
  const payment = await recordPayment(db, lender(org), {
    loanId: loan.id,
    idempotencyKey: key(),
    amount: new Decimal(first.outstanding).toFixed(2),
    effectiveDate: '2026-02-15',
    method: 'wire',
  });
  // Principal the borrower has repaid so far (the payment row's principal column is negative).
  const repaid = new Decimal(payment.entry.principal).neg();
  return { org, borrower, loan, repaid, paid: payment.entry.amount, paymentId: payment.entry.id };
}

/** The engine's own payoff quote (its principal counts the whole commitment under full_commitment). */
async function engineQuote(loanId: string, asOf: string) {
  const [loan] = await db.select().from(schema.loans).where(eq(schema.loans.id, loanId));
  return quote(viewOf(loan!, await ledgerOf(db, loan!), await rateChangesOf(db, loan!), asOf), asOf);
}

async function rows(loanId: string) {
  return db
    .select()
    .from(schema.ledgerEntries)
    .where(eq(schema.ledgerEntries.loanId, loanId))
    .orderBy(schema.ledgerEntries.sequence);
}

const cancellations = (all: (typeof schema.ledgerEntries.$inferSelect)[]) =>
  all.filter((e) => e.kind === 'adjustment' && e.idempotencyKey.startsWith('commitment-cancelled:'));

describe('paying off a construction loan before its holdback is drawn', () => {
  it('full commitment: the quote asks for what was disbursed; paying it closes the loan to the cent; a reversal restores the commitment', async () => {
    const { org, borrower, loan, repaid, paid } = await loanWithDrawAndPayment('full_commitment');
    const payoffOn = '2026-03-03';
    const before = await loanBalances(db, loan.id, payoffOn);
    expect(before.undisbursedCommitment).toBe('30000.00');

    const q = await quoteLoanPayoff(db, lender(org), loan.id, payoffOn);
    const engine = await engineQuote(loan.id, payoffOn);
    // Principal: disbursed (250,000 + 20,000) less what was repaid; the 30,000 undrawn is cancelled.
    expect(q.principal).toBe(new Decimal('270000').minus(repaid).toFixed(2));
    expect(q.undrawnCommitmentCancelled).toBe('30000.00');
    // Interest: the engine's, on the whole commitment up to the payoff date.
    expect(q.interest).toBe(engine.interest);
    expect(Number(q.interest)).toBeGreaterThan(0);
    expect(q.total).toBe(new Decimal(engine.total).minus('30000').toFixed(2));
    expect(q.total).toBe(new Decimal(q.principal).plus(q.interest).plus(q.fees).toFixed(2));
    // The borrower's own quote is the same.
    expect(await quoteLoanPayoff(db, asBorrower(org, borrower), loan.id, payoffOn)).toEqual(q);

    // A cent short is refused, nothing written.
    const count = (await rows(loan.id)).length;
    await expect(
      postPayoff(db, lender(org), {
        loanId: loan.id,
        idempotencyKey: key(),
        amount: new Decimal(q.total).minus('0.01').toFixed(2),
        effectiveDate: payoffOn,
        method: 'wire',
      }),
    ).rejects.toThrow(`takes at least ${q.total}`);
    expect((await rows(loan.id)).length).toBe(count);

    // The quoted total on the good-through date closes the loan.
    const payoffKey = key();
    const payoff = await postPayoff(db, lender(org), {
      loanId: loan.id,
      idempotencyKey: payoffKey,
      amount: q.total,
      effectiveDate: q.goodThrough,
      method: 'wire',
    });
    expect(payoff.loanStatus).toBe('paid_off');
    expect(payoff.entry.principal).toBe(new Decimal(q.principal).neg().toFixed(2));
    const written = await rows(loan.id);
    const [cancellation, ...more] = cancellations(written);
    expect(more).toEqual([]);
    expect(cancellation).toMatchObject({
      idempotencyKey: `commitment-cancelled:${payoff.entry.id}`,
      effectiveDate: payoffOn,
      amount: '30000.00',
      principal: '0.00',
      interest: '0.00',
      description: 'Undrawn commitment cancelled at payoff',
    });
    // No reallocation was needed: the payoff row's columns are what the engine allocated.
    expect(written.filter((e) => e.idempotencyKey.startsWith('reallocation:'))).toEqual([]);
    const after = await loanBalances(db, loan.id, payoffOn);
    expect(after.status).toBe('paid_off');
    expect(after.principalOutstanding).toBe('0.00');
    expect(after.undisbursedCommitment).toBe('0.00');
    expect(after.accruedInterest).toBe('0.00');
    expect(after.unapplied).toBe('0.00');
    expect(after.totalPaid).toBe(new Decimal(paid).plus(q.total).toFixed(2));
    expect(after.installments.every((i) => i.status === 'paid')).toBe(true);
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
    // The ledger's principal: disbursed, less everything repaid: 0.
    expect((await ledgerSums(db, loan)).principal).toBe('0.00');
    const [position] = await db
      .select()
      .from(schema.portfolioLoanPositions)
      .where(eq(schema.portfolioLoanPositions.loanId, loan.id));
    expect(position?.unpaidPrincipal).toBe('0.00');

    // The same payoff again (same key): one payoff, one cancellation.
    const again = await postPayoff(db, lender(org), {
      loanId: loan.id,
      idempotencyKey: payoffKey,
      amount: q.total,
      effectiveDate: payoffOn,
      method: 'wire',
    });
    expect(again.replayed).toBe(true);
    expect(again.entry.id).toBe(payoff.entry.id);
    const replayed = await rows(loan.id);
    expect(replayed.filter((e) => e.kind === 'payoff')).toHaveLength(1);
    expect(cancellations(replayed)).toHaveLength(1);

    // Reversing the payoff reopens the loan with the undrawn commitment back.
    const reversal = await reversePayment(db, lender(org), {
      entryId: payoff.entry.id,
      idempotencyKey: key(),
      reason: 'Wire recalled',
    });
    expect(reversal.loanStatus).toBe('active');
    const reversals = (await rows(loan.id)).filter((e) => e.kind === 'reversal');
    expect(reversals.map((e) => e.reversesEntryId).sort()).toEqual(
      [payoff.entry.id, cancellation!.id].sort(),
    );
    const reopened = await loanBalances(db, loan.id, payoffOn);
    expect(reopened.status).toBe('active');
    expect(reopened.principalOutstanding).toBe(before.principalOutstanding);
    expect(reopened.undisbursedCommitment).toBe('30000.00');
    expect(reopened.accruedInterest).toBe(before.accruedInterest);
    expect(reopened.totalPaid).toBe(before.totalPaid);
    expect(await quoteLoanPayoff(db, lender(org), loan.id, payoffOn)).toEqual(q);
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
    expect((await ledgerSums(db, loan)).principal).toBe(new Decimal('270000').minus(repaid).toFixed(2));

    // Paid off again (a later day: one more day of interest on the whole commitment).
    const later = await quoteLoanPayoff(db, lender(org), loan.id, '2026-03-04');
    expect(later.total).toBe(new Decimal(q.total).plus(q.perDiem).toFixed(2));
    const second = await postPayoff(db, lender(org), {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: later.total,
      effectiveDate: '2026-03-04',
      method: 'wire',
    });
    expect(second.loanStatus).toBe('paid_off');
    expect((await loanBalances(db, loan.id, '2026-03-04')).principalOutstanding).toBe('0.00');
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
    expect((await ledgerSums(db, loan)).principal).toBe('0.00');
  });

  it('full commitment: the payoff letter shows the disbursed principal and the commitment cancelled', async () => {
    const { org, borrower, loan } = await loanWithDrawAndPayment('full_commitment');
    const letter = await buildPayoffLetter(db, asBorrower(org, borrower), loan.id, '2026-03-03');
    expect(letter.quote.undrawnCommitmentCancelled).toBe('30000.00');
    expect(letter.quote).toEqual(await quoteLoanPayoff(db, lender(org), loan.id, '2026-03-03'));
    const dir = mkdtempSync(path.join(tmpdir(), 'commitment-payoff-'));
    const file = path.join(dir, 'payoff-letter.pdf');
    writeFileSync(file, await renderPayoffLetterPdf(letter));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Cancelled at payoff (not owed)');
    expect(text).toContain('$30,000.00');
    expect(text).toContain(
      `$${Number(letter.quote.total).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
  });

  it('drawn funds: unchanged (the quote is what was disbursed; nothing to cancel)', async () => {
    const { org, loan, repaid } = await loanWithDrawAndPayment('drawn_funds');
    const q = await quoteLoanPayoff(db, lender(org), loan.id, '2026-03-03');
    const engine = await engineQuote(loan.id, '2026-03-03');
    expect(q.principal).toBe(new Decimal('270000').minus(repaid).toFixed(2));
    expect(q.undrawnCommitmentCancelled).toBe('0.00');
    expect({ ...q, undrawnCommitmentCancelled: undefined }).toMatchObject({ ...engine });
    const payoff = await postPayoff(db, lender(org), {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: q.total,
      effectiveDate: '2026-03-03',
      method: 'wire',
    });
    expect(payoff.loanStatus).toBe('paid_off');
    expect(cancellations(await rows(loan.id))).toEqual([]);
    const after = await loanBalances(db, loan.id, '2026-03-03');
    // The 30,000 not drawn was never owed under drawn funds; it stays undisbursed.
    expect(after.undisbursedCommitment).toBe('30000.00');
    expect(after.principalOutstanding).toBe('0.00');
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
    expect((await ledgerSums(db, loan)).principal).toBe('0.00');
  });

  it('full commitment: an earlier payment reversed after the payoff reopens the loan; the ledger agrees; no draw on a cancelled commitment', async () => {
    const { org, loan, paymentId } = await loanWithDrawAndPayment('full_commitment');
    const q = await quoteLoanPayoff(db, lender(org), loan.id, '2026-03-03');
    await postPayoff(db, lender(org), {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: q.total,
      effectiveDate: '2026-03-03',
      method: 'wire',
    });
    const reopened = await reversePayment(db, lender(org), {
      entryId: paymentId,
      idempotencyKey: key(),
      reason: 'NSF',
    });
    expect(reopened.loanStatus).toBe('active');
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
    await expect(
      db.transaction((tx) =>
        postDrawDisbursement(tx, lender(org), {
          loanId: loan.id,
          amount: '1000.00',
          effectiveDate: '2026-03-05',
          idempotencyKey: key(),
        }),
      ),
    ).rejects.toThrow('cancelled at its payoff');
  });

  it('full commitment: a payoff dated before a disbursement is refused', async () => {
    const { org, loan } = await loanWithDrawAndPayment('full_commitment');
    const q = await quoteLoanPayoff(db, lender(org), loan.id, '2026-01-20');
    await expect(
      postPayoff(db, lender(org), {
        loanId: loan.id,
        idempotencyKey: key(),
        amount: q.total,
        effectiveDate: '2026-01-20',
        method: 'wire',
      }),
    ).rejects.toThrow('on or after the last disbursement, 2026-02-01');
    const all = await db
      .select()
      .from(schema.ledgerEntries)
      .where(and(eq(schema.ledgerEntries.loanId, loan.id), eq(schema.ledgerEntries.kind, 'payoff')));
    expect(all).toEqual([]);
  });
});
