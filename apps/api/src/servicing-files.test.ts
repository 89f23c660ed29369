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
});
