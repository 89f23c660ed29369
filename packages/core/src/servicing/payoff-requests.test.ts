/**
 * Payoff requests through the router as each party: the borrower asks (idempotent, bounded, dated
 * from today to the horizon), staff are told in the app and by email, the servicer marks it sent
 * and the borrower is told; other borrowers and organizations see nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { createOutboxEmailSender, readOutbox } from '../email/email.ts';
import { todayUtc } from '../offers/terms.ts';
import {
  createTestCaller,
  makeBorrower,
  makeFundedLoan,
  makeMember,
  makeOrganization,
  testServices,
} from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { addDays } from './balances.ts';
import { markDefault } from './payments.ts';
import { MAX_OPEN_PAYOFF_REQUESTS } from './payoff-requests.ts';
import { PAYOFF_REQUEST_HORIZON_DAYS } from './servicing.inputs.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 25 });
  db = database.db;
});
afterAll(() => database.close());

let n = 0;
const key = () => `payoff-${Date.now()}-${++n}`;

async function setup() {
  const org = await makeOrganization(db);
  const borrower = await makeBorrower(db, org);
  const servicer = await makeMember(db, org, { role: 'servicer' });
  const underwriter = await makeMember(db, org, { role: 'underwriter' });
  const { loan } = await makeFundedLoan(db, org, borrower);
  const outbox = mkdtempSync(path.join(tmpdir(), 'payoff-outbox-'));
  const base = testServices(db);
  const services = testServices(db, {
    invitations: {
      ...base.invitations,
      email: createOutboxEmailSender({ dir: outbox, from: 'Lending OS <no-reply@lending-os.invalid>' }),
    },
  });
  const as = (person: { userId: string; sessionId: string; email: string }) =>
    createTestCaller(db, person, org, services);
  return { org, borrower, servicer, underwriter, loan, outbox, as };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as Error).message;
  }
}

const goodThrough = () => addDays(todayUtc(), 10);

describe('payoff requests', () => {
  it('the borrower asks; admins and servicers are told in the app and by email; the servicer marks it sent; the borrower is told', async () => {
    const { org, borrower, servicer, underwriter, loan, outbox, as } = await setup();
    const me = as(borrower);
    const { request, replayed } = await me.borrowerLoans.requestPayoff({
      loanId: loan.id,
      idempotencyKey: key(),
      goodThrough: goodThrough(),
      note: '  Closing with First Title on the 5th.  ',
    });
    expect(replayed).toBe(false);
    expect(request).toMatchObject({
      loanId: loan.id,
      goodThrough: goodThrough(),
      note: 'Closing with First Title on the 5th.',
      status: 'open',
      answeredAt: null,
      letterPath: `/api/loans/${loan.id}/payoff-letter.pdf?asOf=${goodThrough()}`,
    });

    // In the app: the admin and the servicer, not the underwriter (not a servicing role).
    const kinds = async (person: typeof servicer) =>
      (await as(person).notifications.list({})).notifications.map((x) => x.kind);
    expect(await kinds(servicer)).toContain('payoff_quote_requested');
    expect(await kinds(org.admin)).toContain('payoff_quote_requested');
    expect(await kinds(underwriter)).not.toContain('payoff_quote_requested');
    // By email, with a link to the loan's workspace.
    const mails = readOutbox(outbox);
    expect(mails.map((m) => m.to).sort()).toEqual([org.admin.email, servicer.email].sort());
    expect(mails[0]!.subject).toContain('Payoff letter requested on L-');
    expect(mails[0]!.text).toContain('Closing with First Title');
    expect(mails[0]!.links).toEqual([`http://localhost:5173/loans/${loan.id}`]);

    // The queue shows it with the loan's reference and the borrower's name.
    const staff = as(servicer);
    const open = await staff.servicing.payoffRequests({ status: 'open' });
    expect(open.requests).toEqual([
      expect.objectContaining({ id: request.id, loanReference: expect.stringMatching(/^L-\d{6}$/) }),
    ]);
    expect(open.requests[0]!.borrowerName).not.toBe('');
    expect((await staff.servicing.payoffRequests({ status: 'open', loanId: loan.id })).requests).toHaveLength(
      1,
    );

    // An underwriter may read the queue but not answer it.
    expect(await codeOf(as(underwriter).servicing.payoffRequests({ status: 'open' }))).toBe('OK');
    expect(
      await codeOf(as(underwriter).servicing.markPayoffRequestSent({ payoffRequestId: request.id })),
    ).toBe('FORBIDDEN');

    const sent = await staff.servicing.markPayoffRequestSent({
      payoffRequestId: request.id,
      note: 'Emailed to First Title.',
    });
    expect(sent).toMatchObject({
      alreadySent: false,
      request: { status: 'sent', answerNote: 'Emailed to First Title.' },
    });
    // Twice: nothing changes, no second notification.
    expect((await staff.servicing.markPayoffRequestSent({ payoffRequestId: request.id })).alreadySent).toBe(
      true,
    );
    const mine = (await me.notifications.mine({})).notifications.filter(
      (x) => x.kind === 'payoff_letter_sent',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toContain('Emailed to First Title.');
    expect((await staff.servicing.payoffRequests({ status: 'open' })).requests).toEqual([]);
    expect((await staff.servicing.payoffRequests({ status: 'sent' })).requests.map((r) => r.id)).toEqual([
      request.id,
    ]);
    expect((await me.borrowerLoans.payoffRequests({ loanId: loan.id })).requests).toEqual([
      expect.objectContaining({ id: request.id, status: 'sent' }),
    ]);
  });

  it('the same key twice, and ten times at once, makes one request and one set of notifications', async () => {
    const { org, borrower, loan, outbox, as } = await setup();
    const me = as(borrower);
    const input = { loanId: loan.id, idempotencyKey: key(), goodThrough: goodThrough() };
    const first = await me.borrowerLoans.requestPayoff(input);
    const again = await me.borrowerLoans.requestPayoff(input);
    expect(again).toEqual({ request: first.request, replayed: true });
    // The same key for something else is refused.
    expect(
      await messageOf(me.borrowerLoans.requestPayoff({ ...input, goodThrough: addDays(goodThrough(), 1) })),
    ).toContain('already used');

    const concurrent = { loanId: loan.id, idempotencyKey: key(), goodThrough: goodThrough() };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => as(borrower).borrowerLoans.requestPayoff(concurrent)),
    );
    expect(new Set(results.map((r) => r.request.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const [rows] = await db
      .select({ n: count() })
      .from(schema.payoffRequests)
      .where(eq(schema.payoffRequests.loanId, loan.id));
    expect(rows!.n).toBe(2);
    const [notes] = await db
      .select({ n: count() })
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.organizationId, org.id),
          eq(schema.notifications.kind, 'payoff_quote_requested'),
        ),
      );
    expect(notes!.n).toBe(4); // the admin and the servicer, once per request
    expect(readOutbox(outbox)).toHaveLength(4);
  });

  it('refuses past dates, dates beyond the horizon, long notes, and more than the open cap — even at once', async () => {
    const { borrower, loan, as } = await setup();
    const me = as(borrower);
    const ask = (over: Partial<{ goodThrough: string; note: string; idempotencyKey: string }>) =>
      me.borrowerLoans.requestPayoff({
        loanId: loan.id,
        idempotencyKey: key(),
        goodThrough: goodThrough(),
        ...over,
      });
    expect(await messageOf(ask({ goodThrough: addDays(todayUtc(), -1) }))).toBe(
      `The good-through date cannot be in the past: choose ${todayUtc()} or later.`,
    );
    expect(
      await messageOf(ask({ goodThrough: addDays(todayUtc(), PAYOFF_REQUEST_HORIZON_DAYS + 1) })),
    ).toContain(`at most ${PAYOFF_REQUEST_HORIZON_DAYS} days ahead`);
    expect(await codeOf(ask({ goodThrough: '2026-02-30' }))).toBe('BAD_REQUEST');
    const started = performance.now();
    expect(await messageOf(ask({ note: 'x'.repeat(1024 * 1024) }))).toContain('at most 1000 characters');
    expect(performance.now() - started).toBeLessThan(500);
    expect(await codeOf(ask({ idempotencyKey: 'k'.repeat(1024 * 1024) }))).toBe('BAD_REQUEST');

    // Today and the horizon itself are accepted.
    await ask({ goodThrough: todayUtc() });
    await ask({ goodThrough: addDays(todayUtc(), PAYOFF_REQUEST_HORIZON_DAYS) });
    // One more slot; five different requests at once: exactly one gets it.
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => ask({})));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_OPEN_PAYOFF_REQUESTS - 2);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(5 - (MAX_OPEN_PAYOFF_REQUESTS - 2));
    expect((refused[0]!.reason as Error).message).toContain('payoff requests waiting on this loan');
    const [rows] = await db
      .select({ n: count() })
      .from(schema.payoffRequests)
      .where(eq(schema.payoffRequests.loanId, loan.id));
    expect(rows!.n).toBe(MAX_OPEN_PAYOFF_REQUESTS);
  });

  it('another borrower, another organization and a closed loan get nothing', async () => {
    const { org, borrower, servicer, loan, as } = await setup();
    const { request } = await as(borrower).borrowerLoans.requestPayoff({
      loanId: loan.id,
      idempotencyKey: key(),
      goodThrough: goodThrough(),
    });
    // Another borrower of the same organization.
    const other = await makeBorrower(db, org);
    const asOther = as(other);
    expect(
      await codeOf(
        asOther.borrowerLoans.requestPayoff({
          loanId: loan.id,
          idempotencyKey: key(),
          goodThrough: goodThrough(),
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(await codeOf(asOther.borrowerLoans.payoffRequests({ loanId: loan.id }))).toBe('NOT_FOUND');

    // Another organization's servicer sees none of it and cannot mark it.
    const otherOrg = await makeOrganization(db);
    const outsider = createTestCaller(db, otherOrg.admin, otherOrg);
    expect((await outsider.servicing.payoffRequests({ status: 'open' })).requests).toEqual([]);
    expect((await outsider.servicing.payoffRequests({ status: 'open', loanId: loan.id })).requests).toEqual(
      [],
    );
    expect(await codeOf(outsider.servicing.markPayoffRequestSent({ payoffRequestId: request.id }))).toBe(
      'NOT_FOUND',
    );
    // A borrower of the other organization naming this loan.
    const foreignBorrower = await makeBorrower(db, otherOrg);
    expect(
      await codeOf(
        createTestCaller(db, foreignBorrower, otherOrg).borrowerLoans.requestPayoff({
          loanId: loan.id,
          idempotencyKey: key(),
          goodThrough: goodThrough(),
        }),
      ),
    ).toBe('NOT_FOUND');
    // A borrower cannot use the lender's procedures.
    expect(await codeOf(as(borrower).servicing.payoffRequests({ status: 'open' }))).toBe('FORBIDDEN');
    expect((await as(servicer).servicing.payoffRequests({ status: 'open' })).requests).toHaveLength(1);

    // A charged-off loan has nothing to pay off.
    const second = await makeFundedLoan(db, org, borrower);
    await markDefault(
      db,
      { organizationId: org.id, userId: org.admin.userId, portal: 'lender' },
      { loanId: second.loan.id, effectiveDate: todayUtc(), reason: 'Missed payments' },
    );
    // Defaulted is still open: a payoff may be asked for.
    await as(borrower).borrowerLoans.requestPayoff({
      loanId: second.loan.id,
      idempotencyKey: key(),
      goodThrough: goodThrough(),
    });
    await db.update(schema.loans).set({ status: 'paid_off' }).where(eq(schema.loans.id, second.loan.id));
    expect(
      await messageOf(
        as(borrower).borrowerLoans.requestPayoff({
          loanId: second.loan.id,
          idempotencyKey: key(),
          goodThrough: goodThrough(),
        }),
      ),
    ).toBe('This loan is paid off: there is nothing to pay off.');
  });
});
