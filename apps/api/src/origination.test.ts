/**
 * Origination over HTTP: lost races are 409 with a sentence, funding retried concurrently answers
 * 200 with one loan, and the answers carry money and dates as strings. Run with
 * TEST_DATABASE=postgres for real concurrency.
 */
import {
  type ApplicationStage,
  BORROWER_ORIGIN,
  makeApplication,
  type TestOrganization,
} from '@lending/core/testing';
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
let admin: TestUser;
let borrower: TestUser;
let organization: TestOrganization;

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpUser(api);
  const org = await createOrganizationFor(api, admin, 'Race Lending');
  organization = { ...org, city: null, admin };
  borrower = await signUpUser(api);
  await grantAccess(api, {
    userId: borrower.userId,
    organizationId: org.id,
    portal: 'borrower',
    role: 'borrower',
  });
});
afterAll(() => api.close());

const applicationAt = (stage: ApplicationStage) => makeApplication(api.db, organization, borrower, { stage });

async function asAdmin(path: string, input: unknown) {
  return trpcHttp(api, path, {
    type: 'mutation',
    input,
    token: await admin.token(),
    organizationId: organization.id,
  });
}
async function asBorrower(path: string, input: unknown) {
  return trpcHttp(api, path, {
    type: 'mutation',
    input,
    token: await borrower.token(BORROWER_ORIGIN),
    organizationId: organization.id,
  });
}

describe('origination over HTTP', () => {
  it('20 concurrent decline/withdraw requests: one 200, nineteen 409 with a sentence', async () => {
    const { application } = await applicationAt('in_review');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? asAdmin('applications.decline', { applicationId: application.id, reason: 'Not for us' })
          : asBorrower('applications.withdraw', { applicationId: application.id }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const conflict = responses.find((r) => r.status === 409)!;
    expect(conflict.body.error.message).toMatch(
      /^Application A-\d{6} is (declined|withdrawn), so it cannot be/,
    );
  });

  it('20 concurrent funding requests with one key: all 200, one loan; strings on the wire', async () => {
    const { application } = await applicationAt('approved');
    const input = {
      applicationId: application.id,
      idempotencyKey: `http-fund-${application.id}`,
      fundedOn: '2026-12-01',
    };
    const responses = await Promise.all(Array.from({ length: 20 }, () => asAdmin('loans.fund', input)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const loans = new Set(responses.map((r) => r.body.result.data.loan.id));
    expect(loans.size).toBe(1);
    expect(responses.filter((r) => r.body.result.data.replayed === false)).toHaveLength(1);
    const loan = responses[0]!.body.result.data.loan;
    expect(loan).toMatchObject({ principal: '300000.00', fundedOn: '2026-12-01', annualRatePercent: '11.5' });
    expect(typeof loan.createdAt).toBe('string');
  });

  it('submitting an incomplete application is a 400 that lists what is missing', async () => {
    const start = await asBorrower('applications.start', {});
    expect(start.status).toBe(200);
    const submit = await asBorrower('applications.submit', { applicationId: start.body.result.data.id });
    expect(submit.status).toBe(400);
    expect(submit.body.error.message).toMatch(/Still needed: the loan product; the loan amount;/);
  });
});
