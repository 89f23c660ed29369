/**
 * Servicing files over HTTP: CSV exports for staff only (formula cells defused), the monthly
 * statement PDF for the loan's borrower and staff, 404 for everyone else.
 */
import { BORROWER_ORIGIN, makeConstructionLoan } from '@lending/core/testing';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganizationFor,
  createTestApi,
  grantAccess,
  signUpUser,
  type TestApi,
  type TestUser,
} from './testing/test-api.ts';

let api: TestApi;
let admin: TestUser;
let viewer: TestUser;
let borrower: TestUser;
let otherBorrower: TestUser;
let outsider: TestUser;
let org: { id: string; name: string; slug: string };
let otherOrg: { id: string; name: string; slug: string };
let loanId: string;

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpUser(api);
  org = await createOrganizationFor(api, admin, 'Files Org');
  outsider = await signUpUser(api);
  otherOrg = await createOrganizationFor(api, outsider, 'Other Org');
  viewer = await signUpUser(api);
  await grantAccess(api, { userId: viewer.userId, organizationId: org.id, portal: 'lender', role: 'viewer' });
  borrower = await signUpUser(api);
  await grantAccess(api, {
    userId: borrower.userId,
    organizationId: org.id,
    portal: 'borrower',
    role: 'borrower',
  });
  otherBorrower = await signUpUser(api);
  await grantAccess(api, {
    userId: otherBorrower.userId,
    organizationId: org.id,
    portal: 'borrower',
    role: 'borrower',
  });
  const { loan } = await makeConstructionLoan(api.db, { ...org, city: null, admin }, borrower);
  loanId = loan.id;
});
afterAll(() => api.close());

async function get(path: string, as: TestUser | null, organizationId = org.id) {
  const headers: Record<string, string> = { 'x-organization-id': organizationId };
  if (as) {
    const borrowerSide = as === borrower || as === otherBorrower;
    headers.authorization = `Bearer ${await as.token(borrowerSide ? BORROWER_ORIGIN : undefined)}`;
  }
  return api.app.request(path, { headers });
}

describe('CSV exports', () => {
  it('give staff the loans and the ledger; borrowers, outsiders and anonymous callers get nothing', async () => {
    const loans = await get('/api/exports/loans.csv', viewer);
    expect(loans.status).toBe(200);
    expect(loans.headers.get('content-type')).toContain('text/csv');
    const parsed = Papa.parse<Record<string, string>>(await loans.text(), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data).toHaveLength(1);
    expect(parsed.data[0]).toMatchObject({ reference: 'L-000001', principal_outstanding: '250000.00' });
    const ledger = await get('/api/exports/ledger.csv', admin);
    expect(ledger.status).toBe(200);
    expect(await ledger.text()).toContain('disbursement');
    expect((await get('/api/exports/ledger.csv', borrower)).status).toBe(403);
    expect((await get('/api/exports/loans.csv', outsider)).status).toBe(403);
    const otherOrgExport = await get('/api/exports/loans.csv', outsider, otherOrg.id);
    expect(otherOrgExport.status).toBe(200);
    expect(Papa.parse(await otherOrgExport.text(), { header: true, skipEmptyLines: true }).data).toHaveLength(
      0,
    );
    expect((await get('/api/exports/loans.csv', null)).status).toBe(401);
  });
});

describe('statement PDF', () => {
  it('downloads for the borrower and staff, 404 for others and for bad months', async () => {
    const mine = await get(`/api/loans/${loanId}/statements/2026-01.pdf`, borrower);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await mine.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await get(`/api/loans/${loanId}/statements/2026-02.pdf`, viewer)).status).toBe(200);
    for (const [path, as, orgId] of [
      [`/api/loans/${loanId}/statements/2026-01.pdf`, otherBorrower, org.id],
      [`/api/loans/${loanId}/statements/2026-01.pdf`, outsider, otherOrg.id],
      [`/api/loans/${loanId}/statements/2026-01.pdf`, outsider, org.id],
      [`/api/loans/${loanId}/statements/2025-12.pdf`, borrower, org.id],
      [`/api/loans/${loanId}/statements/2026-13.pdf`, borrower, org.id],
      [`/api/loans/${loanId}/statements/${'x'.repeat(100_000)}.pdf`, borrower, org.id],
      ['/api/loans/not-a-uuid/statements/2026-01.pdf', borrower, org.id],
    ] as const)
      expect((await get(path, as, orgId)).status).toBe(404);
    expect((await get(`/api/loans/${loanId}/statements/2026-01.pdf`, null)).status).toBe(401);
  });

  it('the payoff letter downloads for the borrower and staff, 404 for others, 400 for a bad date', async () => {
    const mine = await get(`/api/loans/${loanId}/payoff-letter.pdf?asOf=2026-03-01`, borrower);
    expect(mine.status).toBe(200);
    expect(
      Buffer.from(await mine.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await get(`/api/loans/${loanId}/payoff-letter.pdf`, viewer)).status).toBe(200);
    expect((await get(`/api/loans/${loanId}/payoff-letter.pdf`, otherBorrower)).status).toBe(404);
    expect((await get(`/api/loans/${loanId}/payoff-letter.pdf`, outsider, otherOrg.id)).status).toBe(404);
    expect(
      (await get(`/api/loans/${loanId}/payoff-letter.pdf?asOf=${'9'.repeat(100_000)}`, borrower)).status,
    ).toBe(400);
    expect((await get(`/api/loans/${loanId}/payoff-letter.pdf?asOf=2026-02-30`, borrower)).status).toBe(400);
    expect((await get(`/api/loans/${loanId}/payoff-letter.pdf?asOf=1999-01-01`, borrower)).status).toBe(400);
  });

  it('the payoff letter: every refusal is a 404 that says nothing of the loan, every bad date a 400 with a sentence', async () => {
    const path = `/api/loans/${loanId}/payoff-letter.pdf?asOf=2026-03-01`;
    // Another borrower, an outsider naming this organization (no access) or their own, an unknown id.
    for (const [as, orgId] of [
      [otherBorrower, org.id],
      [outsider, org.id],
      [outsider, otherOrg.id],
    ] as const) {
      const refused = await get(path, as, orgId);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({ error: expect.not.stringContaining(loanId) });
    }
    expect(
      (await get('/api/loans/00000000-0000-4000-8000-000000000000/payoff-letter.pdf', viewer)).status,
    ).toBe(404);
    expect((await get(path, null)).status).toBe(401);
    // The letter carries the loan's reference and the quote's date.
    const letter = await get(path, viewer);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-disposition')).toContain('payoff-L-000001-2026-03-01.pdf');
    // Bad dates: each a sentence a person can act on.
    for (const [asOf, sentence] of [
      ['2026-02-30', 'Give the payoff date as a real date, YYYY-MM-DD.'],
      ['03/01/2026', 'Give asOf as YYYY-MM-DD.'],
      ['', 'Give asOf as YYYY-MM-DD.'],
      ['2025-12-01', 'The payoff date must be on or after the funding date, 2026-01-15.'],
      ['2099-01-01', 'A payoff quote can be at most a year ahead.'],
    ] as const) {
      const bad = await get(
        `/api/loans/${loanId}/payoff-letter.pdf?asOf=${encodeURIComponent(asOf)}`,
        borrower,
      );
      expect(bad.status, asOf).toBe(400);
      expect(await bad.json(), asOf).toEqual({ error: sentence });
    }
  });
});

describe('boarding over HTTP', () => {
  const HEADER =
    'external_id,borrower_email,product,principal,annual_rate_percent,payments,funded_on,installments_paid';
  async function post(body: string, as: TestUser | null) {
    const headers: Record<string, string> = { 'x-organization-id': org.id, 'content-type': 'text/csv' };
    if (as) headers.authorization = `Bearer ${await as.token()}`;
    return api.app.request('/api/boarding', { method: 'POST', headers, body });
  }
  async function loanCount() {
    const loans = await get('/api/exports/loans.csv', admin);
    return Papa.parse(await loans.text(), { header: true, skipEmptyLines: true }).data.length;
  }

  it('lets admins board a file; anyone else is refused; a bad row is reported by line and field', async () => {
    const before = await loanCount();
    const good = `${HEADER}\nH-1,${borrower.email},Construction 12,100000,10,12,2026-02-01,1\n`;
    expect((await post(good, viewer)).status).toBe(403);
    expect((await post(good, null)).status).toBe(401);
    expect(await loanCount()).toBe(before);
    const bad = `${HEADER}\nH-2,${borrower.email},Construction 12,100000,10,12,2026-02-01,1\nH-3,${borrower.email},Construction 12,-5,10,12,2026-02-01,1\n`;
    const refused = await post(bad, admin);
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { problems: { line: number; field: string }[] };
    expect(body.problems).toEqual([expect.objectContaining({ line: 3, field: 'principal' })]);
    expect(await loanCount()).toBe(before);
    const created = await post(good, admin);
    expect(created.status).toBe(201);
    expect(((await created.json()) as { loans: unknown[] }).loans).toHaveLength(1);
    expect(await loanCount()).toBe(before + 1);
  });

  it('refuses a body over 10 MB with 413, streamed, and writes nothing', async () => {
    const before = await loanCount();
    const big = `${HEADER}\nX-1,${borrower.email},${'x'.repeat(11 * 1024 * 1024)},100000,10,12,2026-02-01,0\n`;
    const response = await post(big, admin);
    expect(response.status).toBe(413);
    // 100,000 rows: refused at the row cap, long before the end of the file.
    const row = `X-1,${borrower.email},Construction 12,100000,10,12,2026-02-01,0\n`;
    const many = await post(`${HEADER}\n${row.repeat(100_000)}`, admin);
    expect(many.status).toBe(400);
    expect(((await many.json()) as { problems: { message: string }[] }).problems[0]!.message).toContain(
      'more than',
    );
    expect(await loanCount()).toBe(before);
  });
});
