/**
 * Servicing over HTTP, attacked: a viewer writing, another organization, another borrower, zero
 * and negative amounts, a megabyte reference, dates before funding and far ahead, the same payment
 * twice at once. A 5xx, a leak or a write behind a 4xx is a bug.
 */
import { makeApplication, type TestOrganization } from '@lending/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganizationFor,
  createTestApi,
  grantAccess,
  signUpUser,
  type TestApi,
  type TestUser,
  trpcHttp,
} from './testing/test-api.ts';

let api: TestApi;
let orgA: { id: string; slug: string };
let orgB: { id: string; slug: string };
const as: Record<string, TestUser> = {};
let loanId: string;
let otherLoanId: string;

beforeAll(async () => {
  api = await createTestApi();
  as.adminA = await signUpUser(api);
  orgA = await createOrganizationFor(api, as.adminA, 'Org A');
  as.adminB = await signUpUser(api);
  orgB = await createOrganizationFor(api, as.adminB, 'Org B');
  for (const name of ['borrower', 'otherBorrower']) {
    as[name] = await signUpUser(api);
    await grantAccess(api, {
      userId: as[name]!.userId,
      organizationId: orgA.id,
      portal: 'borrower',
      role: 'borrower',
    });
  }
  for (const role of ['viewer', 'servicer', 'underwriter'] as const) {
    as[role] = await signUpUser(api);
    await grantAccess(api, { userId: as[role]!.userId, organizationId: orgA.id, portal: 'lender', role });
  }
  const org: TestOrganization = {
    id: orgA.id,
    name: 'Org A',
    slug: orgA.slug,
    city: null,
    admin: as.adminA!,
  } as TestOrganization;
  loanId = (await makeApplication(api.db, org, as.borrower!, { stage: 'funded' })).loan!.id;
  otherLoanId = (await makeApplication(api.db, org, as.otherBorrower!, { stage: 'funded' })).loan!.id;
}, 120_000);
afterAll(() => api?.close?.());

const call = async (
  who: string,
  path: string,
  type: 'query' | 'mutation',
  input: unknown,
  organizationId = orgA.id,
) => trpcHttp(api, path, { type, input, token: await as[who]!.token(), organizationId });
let n = 0;
const key = () => `http-${Date.now()}-${++n}`;
const payment = (over: Record<string, unknown> = {}) => ({
  loanId,
  idempotencyKey: key(),
  amount: '2875.00',
  effectiveDate: '2026-02-15',
  method: 'ach',
  ...over,
});
const ledgerCount = async () =>
  (await call('adminA', 'servicing.ledger', 'query', { loanId })).body.result.data.entries.length;

describe('servicing over HTTP', () => {
  it('a servicer posts, a viewer and an underwriter cannot, and their refusals write nothing', async () => {
    const before = await ledgerCount();
    for (const who of ['viewer', 'underwriter', 'borrower']) {
      const r = await call(who, 'servicing.recordPayment', 'mutation', payment());
      expect(r.status).toBe(403);
    }
    expect(await ledgerCount()).toBe(before);
    const ok = await call('servicer', 'servicing.recordPayment', 'mutation', payment());
    expect(ok.status).toBe(200);
    expect(ok.body.result.data.entry.kind).toBe('payment');
    expect(await ledgerCount()).toBeGreaterThan(before);
  });

  it('another organization and another borrower get 404, nothing leaks', async () => {
    const other = await call('adminB', 'servicing.loan', 'query', { loanId }, orgB.id);
    expect(other.status).toBe(404);
    const post = await call('adminB', 'servicing.recordPayment', 'mutation', payment(), orgB.id);
    expect(post.status).toBe(404);
    const theirs = await call('borrower', 'borrowerLoans.detail', 'query', { loanId: otherLoanId });
    expect(theirs.status).toBe(404);
    const quote = await call('borrower', 'borrowerLoans.payoffQuote', 'query', {
      loanId: otherLoanId,
      asOf: '2026-03-01',
    });
    expect(quote.status).toBe(404);
    const submit = await call('borrower', 'borrowerLoans.submitPayment', 'mutation', {
      loanId: otherLoanId,
      idempotencyKey: key(),
      amount: '10.00',
      paymentDate: '2026-02-01',
      method: 'ach',
    });
    expect(submit.status).toBe(404);
    const mine = await call('borrower', 'borrowerLoans.detail', 'query', { loanId, asOf: '2026-03-01' });
    expect(mine.status).toBe(200);
    expect(mine.body.result.data.balances.loanId).toBe(loanId);
  });

  it('zero, negative and malformed amounts, a megabyte reference, dates outside the loan: 400, no row', async () => {
    const before = await ledgerCount();
    for (const over of [
      { amount: '0' },
      { amount: '-5.00' },
      { amount: '1e9' },
      { amount: '12.345' },
      { amount: '9999999999999999999999.00' },
      { reference: 'x'.repeat(1_000_000) },
      { effectiveDate: '2025-01-01' },
      { effectiveDate: '2099-01-01' },
      { effectiveDate: '2026-02-30' },
      { method: 'bitcoin' },
    ]) {
      const r = await call('servicer', 'servicing.recordPayment', 'mutation', payment(over));
      expect(r.status, JSON.stringify(over).slice(0, 60)).toBe(400);
    }
    for (const asOf of ['1999-01-01', '2099-01-01']) {
      const q = await call('viewer', 'servicing.payoffQuote', 'query', { loanId, asOf });
      expect(q.status).toBe(400);
    }
    for (const asOf of ['2999-01-01', '0001-01-01']) {
      const b = await call('viewer', 'servicing.loan', 'query', { loanId, asOf });
      expect(b.status, asOf).toBe(400);
      const mine = await call('borrower', 'borrowerLoans.detail', 'query', { loanId, asOf });
      expect(mine.status, asOf).toBe(400);
    }
    const run = await call('servicer', 'servicing.runForDate', 'mutation', { asOf: '2099-01-01' });
    expect(run.status).toBe(400);
    const fee = await call('servicer', 'servicing.chargeFee', 'mutation', {
      loanId,
      idempotencyKey: key(),
      amount: '-1',
      effectiveDate: '2026-03-01',
      description: 'x',
    });
    expect(fee.status).toBe(400);
    expect(await ledgerCount()).toBe(before);
  });

  it('the same payment twice at once is one row; the key on another loan is a 409', async () => {
    const input = payment({ effectiveDate: '2026-03-15' });
    const [a, b] = await Promise.all([
      call('servicer', 'servicing.recordPayment', 'mutation', input),
      call('servicer', 'servicing.recordPayment', 'mutation', input),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.result.data.entry.id).toBe(b.body.result.data.entry.id);
    const clash = await call('servicer', 'servicing.recordPayment', 'mutation', {
      ...input,
      loanId: otherLoanId,
    });
    expect(clash.status).toBe(409);
  });

  it('a reversal of a funding row, a charge-off of an active loan, a second default: 4xx', async () => {
    const entries = (await call('adminA', 'servicing.ledger', 'query', { loanId })).body.result.data
      .entries as {
      id: string;
      kind: string;
    }[];
    const disbursement = entries.find((e) => e.kind === 'disbursement')!;
    const r = await call('servicer', 'servicing.reversePayment', 'mutation', {
      entryId: disbursement.id,
      idempotencyKey: key(),
      reason: 'x',
    });
    expect(r.status).toBe(400);
    const co = await call('servicer', 'servicing.chargeOff', 'mutation', {
      loanId,
      effectiveDate: '2026-06-01',
      reason: 'x',
    });
    expect(co.status).toBe(409);
    const d1 = await call('servicer', 'servicing.markDefault', 'mutation', {
      loanId: otherLoanId,
      effectiveDate: '2026-04-01',
      reason: 'x',
    });
    expect(d1.status).toBe(200);
    const d2 = await call('servicer', 'servicing.markDefault', 'mutation', {
      loanId: otherLoanId,
      effectiveDate: '2026-04-01',
      reason: 'x',
    });
    expect(d2.status).toBe(409);
  });
});
