/**
 * Construction loans in servicing: the engine view follows the frozen terms' draw rule. Under
 * `drawn_funds` interest runs on the advance and each disbursed draw; under `full_commitment`
 * on the whole commitment from funding, draws or not (docs/servicing.md § Construction loans).
 */
import { estimateLoan } from '@lending/loan-math';
import { asc, eq } from 'drizzle-orm';
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
import { quoteLoanPayoff, recordPayment } from './payments.ts';

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
const key = () => `construction-${Date.now()}-${++n}`;

/** A construction loan (300,000 at 11.5 %, 50,000 held back) with one draw of 20,000 disbursed. */
async function loanWithDraw(basis: 'drawn_funds' | 'full_commitment', disbursedOn: string) {
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
  await disburseDraw(db, lender(org), { drawRequestId: draw.id, disbursedOn });
  return { org, borrower, loan };
}

async function storedSchedule(loanId: string) {
  return db
    .select()
    .from(schema.loanInstallments)
    .where(eq(schema.loanInstallments.loanId, loanId))
    .orderBy(asc(schema.loanInstallments.number));
}

describe('construction loans in servicing', () => {
  it('full commitment: interest on the whole commitment after a draw; schedule, payoff and ledger agree', async () => {
    const { org, loan } = await loanWithDraw('full_commitment', '2026-02-01');
    expect(loan.terms.draws).toEqual([]);
    const b = await loanBalances(db, loan.id, '2026-02-10');
    // 300,000 × 11.5 % ÷ 12, not the 250,000 advance plus the 20,000 draw.
    expect(b.installments[0]!.interest).toBe('2875.00');
    // Servicing's installments are the stored schedule's, figure by figure.
    const stored = await storedSchedule(loan.id);
    expect(b.installments.map((i) => [i.dueDate, i.principal, i.interest])).toEqual(
      stored.map((i) => [i.dueDate, i.principal, i.interest]),
    );
    const expected = estimateLoan(loan.terms as never);
    expect(stored.map((i) => i.interest)).toEqual(expected.installments.map((i) => i.interest));
    // The borrower owes the whole commitment; 30,000 of it is not disbursed yet.
    expect(b.principalOutstanding).toBe('300000.00');
    expect(b.undisbursedCommitment).toBe('30000.00');
    // Payoff interest on the first due date: the first period on the whole commitment.
    const q = await quoteLoanPayoff(db, lender(org), loan.id, '2026-02-15');
    expect(q.interest).toBe('2875.00');
    // A payment of the first installment pays it exactly.
    await recordPayment(db, lender(org), {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: stored[0]!.total,
      effectiveDate: '2026-02-15',
      method: 'wire',
    });
    const after = await loanBalances(db, loan.id, '2026-02-15');
    expect(after.installments[0]!.status).toBe('paid');
    expect(after.unapplied).toBe('0.00');
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
  });

  it('drawn funds: interest on the advance and the draw from its date; schedule and ledger agree', async () => {
    const { org, loan } = await loanWithDraw('drawn_funds', '2026-02-01');
    expect(loan.terms.draws).toEqual([{ date: '2026-01-15', amount: '250000.00' }]);
    const b = await loanBalances(db, loan.id, '2026-02-10');
    const stored = await storedSchedule(loan.id);
    expect(b.installments.map((i) => [i.dueDate, i.principal, i.interest])).toEqual(
      stored.map((i) => [i.dueDate, i.principal, i.interest]),
    );
    // 250,000 for the month plus 20,000 from Feb 1 to Feb 15: less than on the commitment.
    const first = Number(b.installments[0]!.interest);
    expect(first).toBeGreaterThan(2395.83);
    expect(first).toBeLessThan(2875);
    // The borrower owes what was disbursed; the 30,000 still held back is not owed yet.
    expect(b.principalOutstanding).toBe('270000.00');
    expect(b.undisbursedCommitment).toBe('30000.00');
    await recordPayment(db, lender(org), {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: stored[0]!.total,
      effectiveDate: '2026-02-15',
      method: 'wire',
    });
    const after = await loanBalances(db, loan.id, '2026-02-15');
    expect(after.installments[0]!.status).toBe('paid');
    expect(after.unapplied).toBe('0.00');
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
  });
});
