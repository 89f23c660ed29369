/** Servicing: payments, back-dated payments, reversals, fees, the run, payoff, default. */
import Decimal from 'decimal.js';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { listMyLoans } from '../loans/loans.ts';
import { makeBorrower, makeFundedLoan, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { ledgerAgreement } from './agreement.ts';
import { balancesOfLoan, loanBalances } from './balances.ts';
import {
  chargeFee,
  chargeOff,
  markDefault,
  postDrawDisbursement,
  postPayoff,
  quoteLoanPayoff,
  recordPayment,
  reversePayment,
  type ServicingActor,
} from './payments.ts';
import { runServicingForDate } from './run.ts';
import { confirmSubmission, rejectSubmission, submitPayment } from './submissions.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 25 });
  db = database.db;
});
afterAll(() => database.close());

type Org = Awaited<ReturnType<typeof makeOrganization>>;
const servicer = (org: Org): ServicingActor => ({
  organizationId: org.id,
  userId: org.admin.userId,
  portal: 'lender',
});
let n = 0;
const key = () => `key-${Date.now()}-${++n}`;

async function expectLedgerAgrees(database: TestDatabase['db'], loanId: string) {
  const { mismatches, allocation } = await ledgerAgreement(database, loanId);
  expect(mismatches).toEqual([]);
  return allocation;
}

async function setup() {
  const org = await makeOrganization(db);
  const borrower = await makeBorrower(db, org);
  const { loan } = await makeFundedLoan(db, org, borrower);
  return { org, borrower, loan };
}

describe('payments', () => {
  it('posts the first installment, replays the same key, agrees with the ledger', async () => {
    const { org, loan } = await setup();
    const b0 = await loanBalances(db, loan.id, '2026-02-15');
    expect(b0.principalOutstanding).toBe('300000.00');
    const due = b0.installments[0]!;
    expect(due.status).toBe('due');
    const k = key();
    const first = await recordPayment(db, servicer(org), {
      loanId: loan.id,
      idempotencyKey: k,
      amount: due.outstanding,
      effectiveDate: '2026-02-15',
      method: 'ach',
    });
    const again = await recordPayment(db, servicer(org), {
      loanId: loan.id,
      idempotencyKey: k,
      amount: due.outstanding,
      effectiveDate: '2026-02-15',
      method: 'ach',
    });
    expect(again.replayed).toBe(true);
    expect(again.entry.id).toBe(first.entry.id);
    const b1 = await loanBalances(db, loan.id, '2026-02-15');
    expect(b1.installments[0]!.status).toBe('paid');
    expect(b1.bucket).toBe('current');
    await expectLedgerAgrees(db, loan.id);
  });

  it('a back-dated payment and a reversal re-apply later payments; fees; the ledger agrees', async () => {
    const { org, loan } = await setup();
    const a = servicer(org);
    const inst = (await loanBalances(db, loan.id, '2026-03-15')).installments;
    const p2 = await recordPayment(db, a, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: inst[1]!.outstanding,
      effectiveDate: '2026-03-15',
      method: 'wire',
    });
    // Before the back-dated payment, the March payment paid February's installment.
    let b = await loanBalances(db, loan.id, '2026-03-16');
    expect(b.installments[0]!.status).toBe('paid');
    expect(b.installments[1]!.status).toBe('late');
    await recordPayment(db, a, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: inst[0]!.outstanding,
      effectiveDate: '2026-02-14',
      method: 'check',
    });
    b = await loanBalances(db, loan.id, '2026-03-16');
    expect(b.installments[1]!.status).toBe('paid');
    await expectLedgerAgrees(db, loan.id);
    await chargeFee(db, a, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: '75.00',
      effectiveDate: '2026-03-20',
      description: 'Inspection',
    });
    await expectLedgerAgrees(db, loan.id);
    await reversePayment(db, a, { entryId: p2.entry.id, idempotencyKey: key(), reason: 'NSF' });
    b = await loanBalances(db, loan.id, '2026-03-20');
    expect(b.installments[1]!.status).toBe('late');
    expect(b.daysPastDue).toBe(5);
    await expectLedgerAgrees(db, loan.id);
    await expect(
      reversePayment(db, a, { entryId: p2.entry.id, idempotencyKey: key(), reason: 'NSF' }),
    ).rejects.toThrow(/already reversed/);
  });

  it('refuses dates before funding, future dates, other organizations', async () => {
    const { org, loan } = await setup();
    const other = await makeOrganization(db);
    await expect(
      recordPayment(db, servicer(org), {
        loanId: loan.id,
        idempotencyKey: key(),
        amount: '10.00',
        effectiveDate: '2025-01-01',
        method: 'ach',
      }),
    ).rejects.toThrow(DomainError);
    await expect(
      recordPayment(db, servicer(org), {
        loanId: loan.id,
        idempotencyKey: key(),
        amount: '10.00',
        effectiveDate: '2099-01-01',
        method: 'ach',
      }),
    ).rejects.toThrow(/future/);
    await expect(
      recordPayment(db, servicer(other), {
        loanId: loan.id,
        idempotencyKey: key(),
        amount: '10.00',
        effectiveDate: '2026-02-01',
        method: 'ach',
      }),
    ).rejects.toThrow(/not found/);
    const [{ n: rows }] = (await db
      .select({ n: count() })
      .from(schema.ledgerEntries)
      .where(and(eq(schema.ledgerEntries.loanId, loan.id), eq(schema.ledgerEntries.kind, 'payment')))) as [
      { n: number },
    ];
    expect(Number(rows)).toBe(1); // the origination fees withheld at funding
  });

  it('borrower submissions: pending, confirmed once, rejected', async () => {
    const { org, borrower, loan } = await setup();
    const access = { organizationId: org.id, userId: borrower.userId, portal: 'borrower' as const };
    const k = key();
    const s = await submitPayment(db, access, {
      loanId: loan.id,
      idempotencyKey: k,
      amount: '100.00',
      paymentDate: '2026-02-10',
      method: 'ach',
    });
    expect(s.submission.status).toBe('pending');
    expect(
      (
        await submitPayment(db, access, {
          loanId: loan.id,
          idempotencyKey: k,
          amount: '100.00',
          paymentDate: '2026-02-10',
          method: 'ach',
        })
      ).replayed,
    ).toBe(true);
    const [c1, c2] = await Promise.all([
      confirmSubmission(db, servicer(org), s.submission.id),
      confirmSubmission(db, servicer(org), s.submission.id),
    ]);
    expect(c1.entryId).toBe(c2.entryId);
    expect(c1.submission.status).toBe('confirmed');
    await expect(
      rejectSubmission(db, servicer(org), { submissionId: s.submission.id, reason: 'x' }),
    ).rejects.toThrow(/confirmed/);
    const s2 = await submitPayment(db, access, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: '100.00',
      paymentDate: '2026-02-10',
      method: 'ach',
    });
    expect(
      (await rejectSubmission(db, servicer(org), { submissionId: s2.submission.id, reason: 'Not received' }))
        .submission.status,
    ).toBe('rejected');
    await expectLedgerAgrees(db, loan.id);
  });
});

describe('draw disbursements (for the draws area)', () => {
  it('refuses a draw beyond the loan amount or before funding, writes nothing', async () => {
    const { org, loan } = await setup();
    const actor = { organizationId: org.id, userId: org.admin.userId };
    const before = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.loanId, loan.id));
    await expect(
      db.transaction((tx) =>
        postDrawDisbursement(tx, actor, {
          loanId: loan.id,
          amount: '1.00',
          effectiveDate: '2026-03-01',
          idempotencyKey: 'draw-1-key',
        }),
      ),
    ).rejects.toThrow(/more than the loan amount/);
    await expect(
      db.transaction((tx) =>
        postDrawDisbursement(tx, actor, {
          loanId: loan.id,
          amount: '1.00',
          effectiveDate: '2025-03-01',
          idempotencyKey: 'draw-2-key',
        }),
      ),
    ).rejects.toThrow(/on or after the funding date/);
    const other = await makeOrganization(db);
    await expect(
      db.transaction((tx) =>
        postDrawDisbursement(
          tx,
          { organizationId: other.id, userId: other.admin.userId },
          { loanId: loan.id, amount: '1.00', effectiveDate: '2026-03-01', idempotencyKey: 'draw-3-key' },
        ),
      ),
    ).rejects.toThrow(/not found/);
    const after = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.loanId, loan.id));
    expect(after).toHaveLength(before.length);
  });
});

describe('servicing run', () => {
  it('charges late fees once, sets the bucket, is idempotent per date', async () => {
    const { org, loan } = await setup();
    const r1 = await runServicingForDate(db, org.id, '2026-04-01');
    expect(r1.alreadyCompleted).toBe(false);
    const b = await loanBalances(db, loan.id, '2026-04-01');
    expect(b.bucket).toBe('30-59');
    expect(b.daysPastDue).toBe(45);
    const fees = await db
      .select()
      .from(schema.ledgerEntries)
      .where(and(eq(schema.ledgerEntries.loanId, loan.id), eq(schema.ledgerEntries.kind, 'late_fee')));
    // Feb 15 + 10 grace days → Feb 26; Mar 15 → Mar 26: two late fees.
    expect(fees.map((f) => f.effectiveDate).sort()).toEqual(['2026-02-26', '2026-03-26']);
    const r2 = await runServicingForDate(db, org.id, '2026-04-01');
    expect(r2.alreadyCompleted).toBe(true);
    // A later date does not charge them again.
    await runServicingForDate(db, org.id, '2026-04-02');
    const again = await db
      .select()
      .from(schema.ledgerEntries)
      .where(and(eq(schema.ledgerEntries.loanId, loan.id), eq(schema.ledgerEntries.kind, 'late_fee')));
    expect(again).toHaveLength(2);
    const [state] = await db
      .select()
      .from(schema.loanServicingState)
      .where(eq(schema.loanServicingState.loanId, loan.id));
    expect(state!.bucket).toBe('30-59');
    await expectLedgerAgrees(db, loan.id);
  });

  it('refuses a date after today (late fees would be charged early)', async () => {
    const { org } = await setup();
    await expect(runServicingForDate(db, org.id, '2099-01-01')).rejects.toThrow(/after today/);
    const runs = await db
      .select()
      .from(schema.servicingRuns)
      .where(eq(schema.servicingRuns.organizationId, org.id));
    expect(runs).toHaveLength(0);
  });

  it('balances far ahead and before funding answer without error', async () => {
    const { loan } = await setup();
    await expect(loanBalances(db, loan.id, '2999-01-01')).rejects.toThrow(DomainError);
    const far = await loanBalances(db, loan.id, '2199-12-31');
    expect(far.maturedUnpaid).toBe(true);
    expect(far.bucket).toBe('90+');
    const before = await loanBalances(db, loan.id, '2000-01-01');
    expect(before.bucket).toBe('current');
  });
});

describe('payoff and default', () => {
  it('paying the quoted amount on its date closes the loan to the cent (mid-period, after a reversal)', async () => {
    const { org, loan } = await setup();
    const a = servicer(org);
    const inst = (await loanBalances(db, loan.id, '2026-02-15')).installments;
    const p = await recordPayment(db, a, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: inst[0]!.outstanding,
      effectiveDate: '2026-02-15',
      method: 'ach',
    });
    await reversePayment(db, a, { entryId: p.entry.id, idempotencyKey: key(), reason: 'NSF' });
    const q = await quoteLoanPayoff(db, a, loan.id, '2026-03-03');
    expect(q.goodThrough).toBe('2026-03-03');
    await expect(
      postPayoff(db, a, {
        loanId: loan.id,
        idempotencyKey: key(),
        amount: new Decimal(q.total).minus('0.01').toFixed(2),
        effectiveDate: '2026-03-03',
        method: 'wire',
      }),
    ).rejects.toThrow(/at least/);
    const paid = await postPayoff(db, a, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: q.total,
      effectiveDate: '2026-03-03',
      method: 'wire',
    });
    expect(paid.loanStatus).toBe('paid_off');
    const alloc = await expectLedgerAgrees(db, loan.id);
    expect(alloc.totals.principalOutstanding).toBe('0.00');
    expect(alloc.totals.unapplied).toBe('0.00');
    const [row] = await db.select().from(schema.loans).where(eq(schema.loans.id, loan.id));
    expect(row!.status).toBe('paid_off');
    // The borrower's list shows no next payment for a paid-off loan (its schedule runs on).
    const mine = await listMyLoans(db, { organizationId: row!.organizationId, userId: row!.borrowerUserId });
    expect(mine.loans.find((l) => l.id === loan.id)?.nextPayment).toBeNull();
  });

  it('payoff on a due date', async () => {
    const { org, loan } = await setup();
    const a = servicer(org);
    const q = await quoteLoanPayoff(db, a, loan.id, '2026-02-15');
    const paid = await postPayoff(db, a, {
      loanId: loan.id,
      idempotencyKey: key(),
      amount: q.total,
      effectiveDate: '2026-02-15',
      method: 'wire',
    });
    expect(paid.loanStatus).toBe('paid_off');
    expect((await expectLedgerAgrees(db, loan.id)).totals.unapplied).toBe('0.00');
  });

  it('default applies the default rate from its date; charge-off follows; both audited', async () => {
    const { org, loan } = await setup();
    const a = servicer(org);
    const before = await quoteLoanPayoff(db, a, loan.id, '2026-03-15');
    await expect(
      chargeOff(db, a, { loanId: loan.id, effectiveDate: '2026-03-01', reason: 'x' }),
    ).rejects.toThrow(/defaulted/);
    const d = await markDefault(db, a, {
      loanId: loan.id,
      effectiveDate: '2026-03-01',
      reason: 'Missed payments',
    });
    expect(d.defaultRatePercent).toBe('24');
    const after = await quoteLoanPayoff(db, a, loan.id, '2026-03-15');
    expect(new Decimal(after.interest).gt(before.interest)).toBe(true);
    await expectLedgerAgrees(db, loan.id);
    await chargeOff(db, a, { loanId: loan.id, effectiveDate: '2026-06-01', reason: 'Uncollectible' });
    const audits = await db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, loan.id));
    expect(audits.map((x) => x.action)).toEqual(expect.arrayContaining(['loan.default', 'loan.charge_off']));
    const [row] = await db.select().from(schema.loans).where(eq(schema.loans.id, loan.id));
    expect(row!.status).toBe('charged_off');
    const b = await balancesOfLoan(db, row!, '2026-06-01');
    expect(b.status).toBe('charged_off');
  });
});
