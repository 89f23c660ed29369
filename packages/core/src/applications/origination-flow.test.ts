/**
 * Origination end to end through the router (in-process): the borrower's wizard and submission,
 * review, offers (supersede, expiry, signature), conditions and approval, funding, notifications;
 * and row-level isolation between borrowers and organizations.
 */
import { eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { todayUtc } from '../offers/terms.ts';
import {
  completeApplicationFields,
  makeApplication,
  makeBorrower,
  makeMember,
  makeOrganization,
  makeProduct,
} from '../testing/factories.ts';
import { createTestCaller, createTestDatabase, type TestDatabase } from '../testing/index.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

describe('the borrower’s application', () => {
  it('saves step by step, resumes, lists what is missing, and submits once complete', async () => {
    const org = await makeOrganization(db);
    const product = await makeProduct(db, org);
    const borrower = await makeBorrower(db, org);
    const me = createTestCaller(db, borrower, org);
    const draft = await me.applications.start({ productId: product.id });
    expect(draft.status).toBe('draft');
    expect(draft.reference).toMatch(/^A-\d{6}$/);
    await me.applications.save({
      applicationId: draft.id,
      requestedAmount: '250000',
      requestedTermPayments: 12,
    });
    // "Another device": a fresh read has what was saved.
    const resumed = await me.applications.myApplication({ applicationId: draft.id });
    expect(resumed.requestedAmount).toBe('250000.00');
    expect(resumed.missing).toContain('the property address');
    expect(resumed.availableActions).toEqual(['submit', 'withdraw']);
    const refused = await me.applications.submit({ applicationId: draft.id }).catch((e) => e);
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/Still needed: .*the property address/);
    await me.applications.save({ applicationId: draft.id, ...completeApplicationFields });
    const estimate = await me.applications.estimate({
      productId: product.id,
      amount: '300000.00',
      termPayments: 12,
    });
    expect(estimate.paymentAmount).toBe('2875.00');
    expect(Number(estimate.aprPercent)).toBeGreaterThan(11.5);
    const submitted = await me.applications.submit({ applicationId: draft.id });
    expect(submitted.status).toBe('submitted');
    // Submitted applications are no longer edited.
    await expect(me.applications.save({ applicationId: draft.id, firstName: 'X' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Staff hear about it.
    const staff = createTestCaller(db, org.admin, org);
    const notes = await staff.notifications.list({});
    expect(notes.unreadCount).toBeGreaterThan(0);
    expect(notes.notifications[0]!.kind).toBe('application_submitted');
  });

  it('refuses a full tax id, and submission out of the product’s bounds', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const me = createTestCaller(db, borrower, org);
    const { application } = await makeApplication(db, org, borrower, { stage: 'draft' });
    await expect(
      me.applications.save({ applicationId: application.id, taxIdLast4: '123-45-6789' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await me.applications.save({ applicationId: application.id, requestedAmount: '10000.00' });
    const error = await me.applications.submit({ applicationId: application.id }).catch((e) => e);
    expect(error.message).toMatch(/a loan amount between 50000.00 and 2000000.00/);
  });
});

describe('bounds on what one borrower can make us store', () => {
  it('at most 20 unfinished applications at a time (429)', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const me = createTestCaller(db, borrower, org);
    for (let i = 0; i < 20; i++) await me.applications.start({});
    await expect(me.applications.start({})).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const [first] = (await me.applications.mine()).applications;
    await me.applications.withdraw({ applicationId: first!.id });
    await expect(me.applications.start({})).resolves.toMatchObject({ status: 'draft' });
  });
});

describe('review, offers, approval, funding', () => {
  it('walks the whole way with the right people, notifying each side', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const underwriter = await makeMember(db, org, { role: 'underwriter' });
    const { application } = await makeApplication(db, org, borrower, { stage: 'submitted' });
    const uw = createTestCaller(db, underwriter, org);
    const admin = createTestCaller(db, org.admin, org);
    const me = createTestCaller(db, borrower, org);
    await uw.applications.startReview({ applicationId: application.id });
    const figures = await uw.underwriting.figures({ applicationId: application.id });
    // 300,000 on 420,000 as-is: 71.43 % LTV (limit 75); on 450,000 cost: 66.67 % LTC; ARV 57.69 %.
    expect(figures.ltv).toMatchObject({ value: '71.43', limit: '75', breached: false });
    expect(figures.ltc.value).toBe('66.67');
    expect(figures.arvLtv.value).toBe('57.69');
    // DSCR: (3600 − 600) / 2875 = 1.04 < 1.2: flagged.
    expect(figures.dscr).toMatchObject({ value: '1.04', breached: true });
    expect(figures.breaches).toEqual(['dscr']);

    const first = await uw.offers.issue({
      applicationId: application.id,
      amount: '300000',
      annualRatePercent: '12',
      termPayments: 12,
    });
    const second = await uw.offers.issue({
      applicationId: application.id,
      amount: '280000',
      annualRatePercent: '11.5',
      termPayments: 12,
    });
    const offers = (await me.offers.mine({ applicationId: application.id })).offers;
    expect(offers.map((o) => o.status)).toEqual(['pending', 'superseded']);
    expect(second.offer.aprPercent).toMatch(/^\d+(\.\d{1,4})?$/);
    await expect(
      me.offers.accept({ offerId: first.offer.id, signatureName: 'Jordan Lee' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      me.offers.accept({ offerId: second.offer.id, signatureName: 'Someone Else' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const borrowerNotes = await me.notifications.mine({});
    expect(borrowerNotes.notifications.some((n) => n.kind === 'offer_issued')).toBe(true);
    const accepted = await me.offers.accept({ offerId: second.offer.id, signatureName: '  jordan   LEE ' });
    expect(accepted.offer.status).toBe('accepted');
    expect(accepted.application.status).toBe('accepted');

    const condition = await uw.underwriting.addCondition({
      applicationId: application.id,
      title: 'Appraisal',
    });
    await expect(uw.applications.approve({ applicationId: application.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await uw.underwriting.setConditionStatus({ conditionId: condition.id, status: 'satisfied' });
    await uw.applications.approve({ applicationId: application.id });
    // Underwriters do not fund: admins do.
    await expect(
      uw.loans.fund({
        applicationId: application.id,
        idempotencyKey: 'key-flow-0001',
        fundedOn: '2026-12-01',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Funded in a few days, so the first due date is always ahead of the clock.
    const fundedOn = Temporal.PlainDate.from(todayUtc()).add({ days: 3 });
    const firstDue = fundedOn.add({ months: 1 }).toString();
    const funded = await admin.loans.fund({
      applicationId: application.id,
      idempotencyKey: 'key-flow-0001',
      fundedOn: fundedOn.toString(),
    });
    expect(funded.loan.principal).toBe('280000.00');
    const myLoans = await me.loans.mine();
    expect(myLoans.loans[0]!.nextPayment).toMatchObject({ dueDate: firstDue });
    await me.applications.start({});
    const home = await me.borrower.home();
    expect(home.nextPayment).toMatchObject({ dueDate: firstDue, loanId: funded.loan.id });
    expect(home.openTasks.map((t) => t.title)).toEqual([
      expect.stringMatching(/^Finish and submit application A-\d{6}$/),
    ]);
    const detail = await me.loans.myLoan({ loanId: funded.loan.id });
    expect(detail.schedule).toHaveLength(12);
    expect((await me.notifications.mine({})).notifications[0]!.kind).toBe('loan_funded');
    const workspace = await admin.applications.workspace({ applicationId: application.id });
    expect(workspace.timeline.map((t) => t.toStatus)).toEqual([
      'draft',
      'submitted',
      'in_review',
      'offered',
      'offered',
      'accepted',
      'approved',
      'funded',
    ]);
    expect(workspace.loanId).toBe(funded.loan.id);
  });

  it('an expired offer cannot be accepted', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { application } = await makeApplication(db, org, borrower, { stage: 'offered' });
    await db
      .update(schema.offers)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.offers.applicationId, application.id));
    const me = createTestCaller(db, borrower, org);
    const [offer] = (await me.offers.mine({ applicationId: application.id })).offers;
    expect(offer!.status).toBe('expired');
    await expect(me.offers.accept({ offerId: offer!.id, signatureName: 'Jordan Lee' })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
        message: expect.stringMatching(/expired/),
      },
    );
  });

  it('servicers and viewers make no origination writes', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { application } = await makeApplication(db, org, borrower, { stage: 'submitted' });
    for (const role of ['servicer', 'viewer'] as const) {
      const person = createTestCaller(db, await makeMember(db, org, { role }), org);
      await expect(person.applications.startReview({ applicationId: application.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(
        person.applications.decline({ applicationId: application.id, reason: 'no' }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(
        person.underwriting.addCondition({ applicationId: application.id, title: 'x' }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const [after] = await db
      .select()
      .from(schema.applications)
      .where(eq(schema.applications.id, application.id));
    expect(after!.status).toBe('submitted');
  });
});

describe('row-level isolation', () => {
  it('a borrower never sees another borrower’s applications, offers or messages — same organization or another', async () => {
    const org = await makeOrganization(db);
    const otherOrg = await makeOrganization(db);
    const owner = await makeBorrower(db, org);
    const sameOrgBorrower = await makeBorrower(db, org);
    const otherOrgBorrower = await makeBorrower(db, otherOrg);
    const { application } = await makeApplication(db, org, owner, { stage: 'offered' });
    await createTestCaller(db, owner, org).applications.postMyMessage({
      applicationId: application.id,
      body: 'Private',
    });
    const [offer] = (await createTestCaller(db, owner, org).offers.mine({ applicationId: application.id }))
      .offers;
    for (const [person, organization] of [
      [sameOrgBorrower, org],
      [otherOrgBorrower, otherOrg],
    ] as const) {
      const them = createTestCaller(db, person, organization);
      expect((await them.applications.mine()).applications.map((a) => a.id)).not.toContain(application.id);
      await expect(them.applications.myApplication({ applicationId: application.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(them.offers.mine({ applicationId: application.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(them.applications.myMessages({ applicationId: application.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(
        them.applications.postMyMessage({ applicationId: application.id, body: 'hi' }),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(
        them.offers.accept({ offerId: offer!.id, signatureName: 'Jordan Lee' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(them.applications.withdraw({ applicationId: application.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    const messages = await db
      .select()
      .from(schema.applicationMessages)
      .where(eq(schema.applicationMessages.applicationId, application.id));
    expect(messages).toHaveLength(1);
  });

  it('lender staff never see another organization’s applications or loans', async () => {
    const org = await makeOrganization(db);
    const otherOrg = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { application, loan } = await makeApplication(db, org, borrower, { stage: 'funded' });
    const them = createTestCaller(db, otherOrg.admin, otherOrg);
    expect((await them.applications.pipeline({})).total).toBe(0);
    await expect(them.applications.workspace({ applicationId: application.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(them.applications.messages({ applicationId: application.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(them.offers.list({ applicationId: application.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(them.loans.get({ loanId: loan!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await them.loans.list({})).total).toBe(0);
    // Another borrower of the same organization cannot read the loan either.
    const sameOrg = createTestCaller(db, await makeBorrower(db, org), org);
    await expect(sameOrg.loans.myLoan({ loanId: loan!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await sameOrg.loans.mine()).loans).toHaveLength(0);
  });
});

describe('the pipeline', () => {
  it('filters, searches, sorts, pages and counts', async () => {
    const org = await makeOrganization(db);
    const product = await makeProduct(db, org);
    const borrower = await makeBorrower(db, org);
    for (const stage of ['draft', 'submitted', 'submitted', 'in_review', 'declined'] as const)
      await makeApplication(db, org, borrower, { stage, productId: product.id });
    await makeApplication(db, org, borrower, {
      stage: 'submitted',
      productId: product.id,
      fields: { propertyAddressLine1: '99 Maple Avenue', lastName: 'O_Hara%' },
    });
    const staff = createTestCaller(db, org.admin, org);
    const all = await staff.applications.pipeline({});
    expect(all.total).toBe(6);
    expect(all.countsByStatus).toMatchObject({ draft: 1, submitted: 3, in_review: 1, declined: 1 });
    const submitted = await staff.applications.pipeline({ statuses: ['submitted'], pageSize: 2 });
    expect(submitted.total).toBe(3);
    expect(submitted.applications).toHaveLength(2);
    const page2 = await staff.applications.pipeline({ statuses: ['submitted'], pageSize: 2, page: 2 });
    expect(page2.applications).toHaveLength(1);
    const maple = await staff.applications.pipeline({ search: 'maple' });
    expect(maple.applications.map((a) => a.propertyAddressLine1)).toEqual(['99 Maple Avenue']);
    // LIKE wildcards are literal.
    expect((await staff.applications.pipeline({ search: '_hara%' })).total).toBe(1);
    expect((await staff.applications.pipeline({ search: '%' })).total).toBe(1);
    const byNumber = await staff.applications.pipeline({ search: all.applications[0]!.reference });
    expect(byNumber.applications.map((a) => a.id)).toContain(all.applications[0]!.id);
    const inReview = await staff.applications.pipeline({ assignee: org.admin.userId });
    expect(inReview.total).toBe(2); // the reviewed one and the declined one (reviewed, then declined)
    const board = await staff.applications.board({});
    expect(board.columns.find((c) => c.status === 'submitted')!.count).toBe(3);
    const sorted = await staff.applications.pipeline({ sort: 'number', direction: 'asc' });
    expect(sorted.applications.map((a) => a.number)).toEqual(
      [...sorted.applications.map((a) => a.number)].sort((a, b) => a - b),
    );
  });
});
