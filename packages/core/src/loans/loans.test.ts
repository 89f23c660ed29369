/** Funding: one loan, one disbursement, one schedule per idempotency key, whatever the retries. */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransitionActor } from '../applications/state-machine.ts';
import * as schema from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { makeApplication, makeBorrower, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { fundLoan, getLoan, listMyLoans } from './loans.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 25 });
  db = database.db;
});
afterAll(() => database.close());

const admin = (org: Awaited<ReturnType<typeof makeOrganization>>): TransitionActor => ({
  organizationId: org.id,
  userId: org.admin.userId,
  portal: 'lender',
  role: 'admin',
});

async function countRows(loanId: string) {
  const [ledger] = await db
    .select({ n: count() })
    .from(schema.ledgerEntries)
    .where(eq(schema.ledgerEntries.loanId, loanId));
  const [disbursements] = await db
    .select({ n: count() })
    .from(schema.ledgerEntries)
    .where(and(eq(schema.ledgerEntries.loanId, loanId), eq(schema.ledgerEntries.kind, 'disbursement')));
  const [installments] = await db
    .select({ n: count() })
    .from(schema.loanInstallments)
    .where(eq(schema.loanInstallments.loanId, loanId));
  return {
    ledger: Number(ledger!.n),
    disbursements: Number(disbursements!.n),
    installments: Number(installments!.n),
  };
}

describe('fundLoan', () => {
  it('creates the loan with frozen terms, its schedule and the funding ledger; the borrower sees what is next', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { application } = await makeApplication(db, org, borrower, { stage: 'approved' });
    const { loan, replayed } = await fundLoan(db, admin(org), {
      applicationId: application.id,
      idempotencyKey: 'fund-key-0001',
      fundedOn: '2026-03-10',
    });
    expect(replayed).toBe(false);
    expect(loan.principal).toBe('300000.00');
    expect(loan.terms.startDate).toBe('2026-03-10');
    expect(loan.number).toBe(1);
    const rows = await countRows(loan.id);
    expect(rows).toEqual({ ledger: 3, disbursements: 1, installments: 12 });
    const detail = await getLoan(
      db,
      { organizationId: org.id, userId: borrower.userId, portal: 'borrower' },
      loan.id,
    );
    expect(detail.balances).toEqual({
      principal: '300000.00',
      interest: '0.00',
      fees: '0.00',
      penalties: '0.00',
    });
    // Interest-only at 11.5 % on 300,000, 30/360: 2,875.00 a month, the balloon last.
    expect(detail.schedule[0]).toMatchObject({
      dueDate: '2026-04-10',
      interest: '2875.00',
      principal: '0.00',
    });
    expect(detail.schedule[11]).toMatchObject({ principal: '300000.00', total: '302875.00' });
    const fee = detail.ledger.find((l) => l.kind === 'fee');
    expect(fee?.amount).toBe('6995.00'); // 2 points + 995.00
    const [app] = await db
      .select()
      .from(schema.applications)
      .where(eq(schema.applications.id, application.id));
    expect(app!.status).toBe('funded');
    const mine = await listMyLoans(db, { organizationId: org.id, userId: borrower.userId });
    expect(mine.loans).toHaveLength(1);
    // Ledger rows are never updated.
    await expect(
      db.update(schema.ledgerEntries).set({ amount: '1.00' }).where(eq(schema.ledgerEntries.loanId, loan.id)),
    ).rejects.toThrow();
  });

  it('the same key again returns the same loan; another key on a funded application is a 409', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { application } = await makeApplication(db, org, borrower, { stage: 'approved' });
    const input = { applicationId: application.id, idempotencyKey: 'fund-key-0002', fundedOn: '2026-03-10' };
    const first = await fundLoan(db, admin(org), input);
    const again = await fundLoan(db, admin(org), input);
    expect(again.loan.id).toBe(first.loan.id);
    expect(again.replayed).toBe(true);
    const error = await fundLoan(db, admin(org), { ...input, idempotencyKey: 'another-key-0002' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('CONFLICT');
  });

  it('20 concurrent requests with one key make one loan, one disbursement and one schedule', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { application } = await makeApplication(db, org, borrower, { stage: 'approved' });
    const input = {
      applicationId: application.id,
      idempotencyKey: 'fund-key-concurrent',
      fundedOn: '2026-03-10',
    };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => fundLoan(db, admin(org), input)),
    );
    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    const ids = new Set(
      results.map((r) => (r as PromiseFulfilledResult<{ loan: { id: string } }>).value.loan.id),
    );
    expect(ids.size).toBe(1);
    const [loans] = await db
      .select({ n: count() })
      .from(schema.loans)
      .where(eq(schema.loans.applicationId, application.id));
    expect(Number(loans!.n)).toBe(1);
    const [loanId] = ids;
    expect(await countRows(loanId!)).toEqual({ ledger: 3, disbursements: 1, installments: 12 });
  });

  it('refuses to fund what is not approved, and anyone but an admin', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { application } = await makeApplication(db, org, borrower, { stage: 'accepted' });
    const input = { applicationId: application.id, idempotencyKey: 'fund-key-0003', fundedOn: '2026-03-10' };
    await expect(fundLoan(db, admin(org), input)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(fundLoan(db, { ...admin(org), role: 'underwriter' }, input)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const other = await makeOrganization(db);
    await expect(fundLoan(db, admin(other), input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [n] = await db
      .select({ n: count() })
      .from(schema.loans)
      .where(eq(schema.loans.applicationId, application.id));
    expect(Number(n!.n)).toBe(0);
  });
});
