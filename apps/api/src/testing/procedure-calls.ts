/**
 * A valid call of every procedure of AppRouter, for the tests that walk the whole router: the
 * isolation matrix's control case must succeed with it, and the edge fuzz mutates its strings.
 * A procedure added to the router without an entry here fails those tests until it gets one.
 */
import {
  appRouter,
  approveDraw,
  completeInspection,
  LENDER_ROLES,
  markDefault,
  type ProcedureMeta,
  quoteLoanPayoff,
  recordPayment,
  requestDraw,
  requestPayoff,
  scheduleInspection,
  setDrawBudget,
  submitPayment,
} from '@lending/core';
import {
  type ApplicationStage,
  BORROWER_ORIGIN,
  completeApplicationFields,
  documentSamples,
  makeApplication,
  makeApplicationWithChecklist,
  makeConstructionLoan,
  makeProduct,
  productSettings,
  type TestOrganization,
} from '@lending/core/testing';
import {
  createOrganizationFor,
  createTestApi,
  grantAccess,
  signUpUser,
  type TestApi,
  type TestUser,
  trpcHttp,
} from './test-api.ts';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation';
  access: ProcedureMeta['access'] | undefined;
}

export const procedures: ProcedureInfo[] = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: 'query' | 'mutation'; meta?: ProcedureMeta } }
  >,
).map(([path, procedure]) => ({ path, type: procedure._def.type, access: procedure._def.meta?.access }));

/** The people and organizations the router-wide tests act with. */
export interface RouterWorld {
  api: TestApi;
  orgA: { id: string; slug: string };
  orgB: { id: string; slug: string };
  as: Record<string, TestUser>;
}

export async function createRouterWorld(env: Record<string, string> = {}): Promise<RouterWorld> {
  const api = await createTestApi(env);
  const as: Record<string, TestUser> = {};
  as.adminA = await signUpUser(api);
  const orgA = await createOrganizationFor(api, as.adminA, 'Org A');
  as.adminB = await signUpUser(api);
  const orgB = await createOrganizationFor(api, as.adminB, 'Org B');
  as.borrowerB = await signUpUser(api);
  await grantAccess(api, {
    userId: as.borrowerB.userId,
    organizationId: orgB.id,
    portal: 'borrower',
    role: 'borrower',
  });
  as.noAccess = await signUpUser(api);
  // Signed-in-only procedures (create an organization, join one) change what their caller may do:
  // they get a caller of their own, so `noAccess` keeps no access.
  as.signedIn = await signUpUser(api);
  as.borrowerA = await signUpUser(api);
  await grantAccess(api, {
    userId: as.borrowerA.userId,
    organizationId: orgA.id,
    portal: 'borrower',
    role: 'borrower',
  });
  for (const role of LENDER_ROLES.filter((r) => r !== 'admin')) {
    as[role] = await signUpUser(api);
    await grantAccess(api, { userId: as[role]!.userId, organizationId: orgA.id, portal: 'lender', role });
  }
  as.deactivated = await signUpUser(api);
  await grantAccess(api, {
    userId: as.deactivated.userId,
    organizationId: orgA.id,
    portal: 'lender',
    role: 'admin',
  });
  const { schema } = await import('@lending/core');
  const { eq } = await import('drizzle-orm');
  await api.db
    .update(schema.userPortalAccess)
    .set({ isActive: false })
    .where(eq(schema.userPortalAccess.userId, as.deactivated.userId));
  return { api, orgA, orgB, as };
}

/** Who may make a valid call of a procedure: the right caller, and the origin of their portal. */
export function rightCaller(world: RouterWorld, procedure: ProcedureInfo) {
  const access = procedure.access;
  if (access?.kind === 'portal') {
    return access.portal === 'lender'
      ? { caller: world.as.adminA!, origin: undefined, organizationId: world.orgA.id }
      : { caller: world.as.borrowerA!, origin: BORROWER_ORIGIN, organizationId: world.orgA.id };
  }
  if (access?.kind === 'signed-in')
    return { caller: world.as.signedIn!, origin: undefined, organizationId: undefined };
  return { caller: null, origin: undefined, organizationId: undefined };
}

let sequence = 0;
const next = () => ++sequence;

/** A valid loan for the public calculator: the engine's first reference case. */
export const calculatorTerms = {
  principal: '5000',
  annualRate: '12',
  startDate: '2022-11-01',
  payments: 18,
  frequency: 'monthly',
  interestMethod: 'declining_balance',
  amortization: 'equal_installments',
  dayCount: 'actual/365',
  interestPeriod: 'repayment',
  rounding: 'half_even',
  installmentMultiple: '1',
};

/** A pending invitation from orgA's admin to a new address. */
async function inviteAsAdminA(w: RouterWorld, email = `invitee-${next()}@example.test`) {
  const { status, body } = await trpcHttp(w.api, 'team.invite', {
    type: 'mutation',
    input: { email, portal: 'lender', role: 'viewer' },
    token: await w.as.adminA!.token(),
    organizationId: w.orgA.id,
  });
  if (status !== 200) throw new Error(`team.invite: ${status} ${JSON.stringify(body)}`);
  const data = body.result.data as { invitation: { id: string }; inviteUrl: string };
  return { invitationId: data.invitation.id, token: tokenOf(data.inviteUrl) };
}

function tokenOf(inviteUrl: string): string {
  const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(inviteUrl)?.[1];
  if (!token) throw new Error(`no token in ${inviteUrl}`);
  return token;
}

/**
 * A pending lender invitation for the signed-in-only caller, from an organization of its own (so
 * accepting one never makes a later invitation a 409 for an existing member).
 */
async function inviteSignedInPerson(w: RouterWorld) {
  const admin = await signUpUser(w.api);
  const organization = await createOrganizationFor(w.api, admin);
  const { status, body } = await trpcHttp(w.api, 'team.invite', {
    type: 'mutation',
    input: { email: w.as.signedIn!.email, portal: 'lender', role: 'viewer' },
    token: await admin.token(),
    organizationId: organization.id,
  });
  if (status !== 200) throw new Error(`team.invite: ${status} ${JSON.stringify(body)}`);
  return { token: tokenOf((body.result.data as { inviteUrl: string }).inviteUrl) };
}

/** orgA as the core factories take it (adminA acts for the lender). */
function organizationA(w: RouterWorld): TestOrganization {
  return { id: w.orgA.id, name: 'Org A', slug: w.orgA.slug, city: null, admin: w.as.adminA! };
}

/** A new active product of orgA. */
async function productOfA(w: RouterWorld) {
  return (await makeProduct(w.api.db, organizationA(w))).id;
}

/** A new application of borrowerA in orgA, brought to `stage` (with its loan once funded). */
async function applicationOfA(w: RouterWorld, stage: ApplicationStage) {
  return makeApplication(w.api.db, organizationA(w), w.as.borrowerA!, { stage });
}

/**
 * One draft of borrowerA per world, for the calls that only read or edit a draft: a borrower may
 * hold at most 20 unfinished applications, and the matrix calls each procedure many times.
 */
const sharedDrafts = new WeakMap<RouterWorld, Promise<string>>();
function sharedDraftOfA(w: RouterWorld): Promise<string> {
  let draft = sharedDrafts.get(w);
  if (!draft) {
    draft = applicationOfA(w, 'draft').then((made) => made.application.id);
    sharedDrafts.set(w, draft);
  }
  return draft;
}

/** Product settings as a client sends them: every string field present (the fuzz mutates each). */
function productInput(name = `Product ${next()}`) {
  const settings = productSettings({ name });
  return {
    ...settings,
    engineSettings: { ...settings.engineSettings, amortizationPayments: 360 },
    description: 'A short description',
  };
}

const offerNumbers = {
  amount: '300000.00',
  annualRatePercent: '11.5',
  termPayments: 12,
  originationPoints: '2',
  originationFee: '995.00',
  amortization: 'interest_only',
  amortizationPayments: null,
  expectedFundingDate: '2026-12-01',
};

/** An application of orgA's borrowerA with the sample checklist (documents procedures act on it). */
async function borrowerAApplication(w: RouterWorld) {
  return makeApplicationWithChecklist(w.api.db, w.orgA, w.as.borrowerA!);
}

/** A document borrowerA uploaded through the API, awaiting review. */
async function uploadedDocument(w: RouterWorld) {
  const application = await borrowerAApplication(w);
  const response = await w.api.app.request(
    `/api/documents/upload?applicationId=${application.id}&checklistKey=bank_statements&fileName=statement.pdf`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await w.as.borrowerA!.token(BORROWER_ORIGIN)}`,
        'x-organization-id': w.orgA.id,
        'content-type': 'application/pdf',
      },
      body: documentSamples.pdf,
    },
  );
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { document: { id: string } }).document;
}

/** Makes a valid input for a procedure (fresh each time: some calls consume what they name). */
/** A funded loan of borrowerA in orgA (funded 2026-01-15: a 12-month interest-only bridge loan). */
async function loanOfA(w: RouterWorld) {
  return (await applicationOfA(w, 'funded')).loan!;
}
const adminOfA = (w: RouterWorld) => ({
  organizationId: w.orgA.id,
  userId: w.as.adminA!.userId,
  portal: 'lender' as const,
});

/** A payment posted on a new loan of A (for reversals). */
async function paymentOfA(w: RouterWorld) {
  const loan = await loanOfA(w);
  const { entry } = await recordPayment(w.api.db, adminOfA(w), {
    loanId: loan.id,
    idempotencyKey: `pay-${next()}-${Date.now()}`,
    amount: '2875.00',
    effectiveDate: '2026-02-15',
    method: 'ach',
  });
  return entry;
}

/** A good-through date ten days from today (payoff requests take today to 90 days ahead). */
const soon = () => new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

/** An open payoff request by borrowerA on a new loan. */
async function payoffRequestOfA(w: RouterWorld) {
  const loan = await loanOfA(w);
  const { request } = await requestPayoff(
    w.api.db,
    { organizationId: w.orgA.id, userId: w.as.borrowerA!.userId, portal: 'borrower' },
    { loanId: loan.id, idempotencyKey: `payoff-request-${next()}-${Date.now()}`, goodThrough: soon() },
  );
  return request;
}

/** A pending payment submission by borrowerA. */
async function submissionOfA(w: RouterWorld) {
  const loan = await loanOfA(w);
  const { submission } = await submitPayment(
    w.api.db,
    { organizationId: w.orgA.id, userId: w.as.borrowerA!.userId, portal: 'borrower' },
    {
      loanId: loan.id,
      idempotencyKey: `sub-${next()}-${Date.now()}`,
      amount: '2875.00',
      paymentDate: '2026-02-15',
      method: 'ach',
    },
  );
  return submission;
}

export const validInputs: Record<string, (world: RouterWorld) => Promise<unknown> | unknown> = {
  'health.check': () => undefined,
  'auth.me': () => undefined,
  'calculator.schedule': () => calculatorTerms,
  'organizations.publicProfile': (w) => ({ slug: w.orgA.slug }),
  'organizations.create': () => ({ name: `Created Org ${next()}` }),
  'organizations.joinAsBorrower': (w) => ({ slug: w.orgB.slug }),
  'organizations.settings': () => undefined,
  'organizations.updateSettings': () => ({
    name: 'Org A',
    contactEmail: 'loans@org-a.test',
    phone: '+1 (555) 010-2030',
    addressLine1: '1 Main Street',
    addressLine2: 'Suite 200',
    city: 'Springfield',
    region: 'IL',
    postalCode: '62701',
    country: 'United States',
  }),
  'borrower.home': () => undefined,
  'team.listMembers': () => ({ search: 'test', role: 'viewer', status: 'active', page: 1, pageSize: 25 }),
  'team.listBorrowers': () => ({ search: 'test', status: 'active', page: 1, pageSize: 25 }),
  'team.listInvitations': () => undefined,
  'team.listSessions': () => undefined,
  'team.invite': () => ({ email: `invitee-${next()}@example.test`, portal: 'lender', role: 'viewer' }),
  'team.cancelInvitation': async (w) => ({ invitationId: (await inviteAsAdminA(w)).invitationId }),
  'team.resendInvitation': async (w) => ({ invitationId: (await inviteAsAdminA(w)).invitationId }),
  'invitations.mine': () => undefined,
  'invitations.preview': async (w) => ({ token: (await inviteSignedInPerson(w)).token }),
  'invitations.accept': async (w) => ({ token: (await inviteSignedInPerson(w)).token, portal: 'lender' }),
  'invitations.decline': async (w) => ({ token: (await inviteSignedInPerson(w)).token, portal: 'lender' }),
  // Origination (issue 8).
  'products.list': () => ({ status: 'active' }),
  'products.get': async (w) => ({ productId: await productOfA(w) }),
  'products.create': () => productInput(),
  'products.update': async (w) => ({ productId: await productOfA(w), settings: productInput() }),
  'products.archive': async (w) => ({ productId: await productOfA(w) }),
  'products.restore': async (w) => ({ productId: await productOfA(w) }),
  'products.available': () => undefined,
  'applications.start': async (w) => ({ productId: await productOfA(w) }),
  'applications.save': async (w) => ({
    applicationId: await sharedDraftOfA(w),
    ...completeApplicationFields,
    entityName: 'Lee Holdings LLC',
    entityType: 'llc',
    propertyAddressLine2: 'Unit 2',
  }),
  'applications.mine': () => undefined,
  'applications.myApplication': async (w) => ({
    applicationId: await sharedDraftOfA(w),
  }),
  'applications.estimate': async (w) => ({
    productId: await productOfA(w),
    amount: '250000.00',
    termPayments: 12,
  }),
  'applications.submit': async (w) => {
    const { application } = await applicationOfA(w, 'draft');
    return { applicationId: application.id, expectedVersion: application.version };
  },
  'applications.withdraw': async (w) => ({
    applicationId: (await applicationOfA(w, 'submitted')).application.id,
    reason: 'Found other financing',
  }),
  'applications.myMessages': async (w) => ({
    applicationId: await sharedDraftOfA(w),
  }),
  'applications.postMyMessage': async (w) => ({
    applicationId: await sharedDraftOfA(w),
    body: 'When can you close?',
  }),
  'applications.pipeline': (w) => ({
    statuses: ['submitted', 'in_review'],
    assignee: w.as.adminA!.userId,
    search: 'oak',
    sort: 'created_at',
    direction: 'asc',
    page: 1,
    pageSize: 25,
  }),
  'applications.board': () => ({ assignee: 'unassigned', search: 'lee', perColumn: 10 }),
  'applications.workspace': async (w) => ({
    applicationId: (await applicationOfA(w, 'offered')).application.id,
  }),
  'applications.startReview': async (w) => ({
    applicationId: (await applicationOfA(w, 'submitted')).application.id,
  }),
  'applications.assign': async (w) => ({
    applicationId: (await applicationOfA(w, 'submitted')).application.id,
    assigneeUserId: w.as.underwriter!.userId,
  }),
  'applications.approve': async (w) => ({
    applicationId: (await applicationOfA(w, 'accepted')).application.id,
  }),
  'applications.decline': async (w) => ({
    applicationId: (await applicationOfA(w, 'in_review')).application.id,
    reason: 'Outside our lending area',
  }),
  'applications.withdrawOnBehalf': async (w) => ({
    applicationId: (await applicationOfA(w, 'submitted')).application.id,
    reason: 'The borrower called to withdraw',
  }),
  'applications.addNote': async (w) => ({
    applicationId: (await applicationOfA(w, 'submitted')).application.id,
    body: 'Called the borrower.',
  }),
  'applications.messages': async (w) => ({
    applicationId: (await applicationOfA(w, 'submitted')).application.id,
  }),
  'applications.postMessage': async (w) => ({
    applicationId: (await applicationOfA(w, 'submitted')).application.id,
    body: 'Please upload the purchase contract.',
  }),
  'underwriting.figures': async (w) => ({
    applicationId: (await applicationOfA(w, 'in_review')).application.id,
  }),
  'underwriting.addCondition': async (w) => ({
    applicationId: (await applicationOfA(w, 'in_review')).application.id,
    title: 'Appraisal',
    description: 'An appraisal at or above the as-is value',
  }),
  'underwriting.setConditionStatus': async (w) => {
    const { application } = await applicationOfA(w, 'in_review');
    const { status, body } = await trpcHttp(w.api, 'underwriting.addCondition', {
      type: 'mutation',
      input: { applicationId: application.id, title: 'Insurance' },
      token: await w.as.adminA!.token(),
      organizationId: w.orgA.id,
    });
    if (status !== 200) throw new Error(`underwriting.addCondition: ${status} ${JSON.stringify(body)}`);
    return { conditionId: body.result.data.id, status: 'waived', note: 'Not needed for this deal' };
  },
  'offers.preview': async (w) => ({
    applicationId: (await applicationOfA(w, 'in_review')).application.id,
    ...offerNumbers,
  }),
  'offers.issue': async (w) => ({
    applicationId: (await applicationOfA(w, 'in_review')).application.id,
    ...offerNumbers,
    validForDays: 14,
    notes: 'Subject to appraisal',
  }),
  'offers.list': async (w) => ({ applicationId: (await applicationOfA(w, 'offered')).application.id }),
  'offers.mine': async (w) => ({ applicationId: (await applicationOfA(w, 'offered')).application.id }),
  'offers.accept': async (w) => ({ offerId: await pendingOfferOf(w), signatureName: 'Jordan Lee' }),
  'offers.decline': async (w) => ({ offerId: await pendingOfferOf(w), reason: 'The rate is too high' }),
  'loans.fund': async (w) => ({
    applicationId: (await applicationOfA(w, 'approved')).application.id,
    idempotencyKey: `fund-${next()}-${Date.now()}`,
    fundedOn: '2026-12-01',
  }),
  'loans.list': () => ({ page: 1, pageSize: 25 }),
  'loans.get': async (w) => ({ loanId: (await applicationOfA(w, 'funded')).loan!.id }),
  'loans.mine': () => undefined,
  'loans.myLoan': async (w) => ({ loanId: (await applicationOfA(w, 'funded')).loan!.id }),
  'portfolio.dashboard': () => ({ asOf: '2026-12-15' }),
  'portfolio.loans': () => ({ status: 'active', search: 'l-0', page: 1, pageSize: 25 }),
  'servicing.loan': async (w) => ({ loanId: (await loanOfA(w)).id, asOf: '2026-03-01' }),
  'servicing.ledger': async (w) => ({ loanId: (await loanOfA(w)).id }),
  'servicing.recordPayment': async (w) => ({
    loanId: (await loanOfA(w)).id,
    idempotencyKey: `pay-${next()}-${Date.now()}`,
    amount: '2875.00',
    effectiveDate: '2026-02-15',
    method: 'ach',
    reference: 'ACH 0001',
  }),
  'servicing.reversePayment': async (w) => ({
    entryId: (await paymentOfA(w)).id,
    idempotencyKey: `rev-${next()}-${Date.now()}`,
    reason: 'Returned NSF',
  }),
  'servicing.chargeFee': async (w) => ({
    loanId: (await loanOfA(w)).id,
    idempotencyKey: `fee-${next()}-${Date.now()}`,
    amount: '75.00',
    effectiveDate: '2026-03-01',
    description: 'Inspection fee',
  }),
  'servicing.payoffQuote': async (w) => ({ loanId: (await loanOfA(w)).id, asOf: '2026-03-01' }),
  'servicing.postPayoff': async (w) => {
    const loan = await loanOfA(w);
    const q = await quoteLoanPayoff(w.api.db, adminOfA(w), loan.id, '2026-03-01');
    return {
      loanId: loan.id,
      idempotencyKey: `payoff-${next()}-${Date.now()}`,
      amount: q.total,
      effectiveDate: '2026-03-01',
      method: 'wire',
      reference: 'WIRE 77',
    };
  },
  'servicing.markDefault': async (w) => ({
    loanId: (await loanOfA(w)).id,
    effectiveDate: '2026-04-01',
    reason: 'Three payments missed',
  }),
  'servicing.chargeOff': async (w) => {
    const loan = await loanOfA(w);
    await markDefault(w.api.db, adminOfA(w), {
      loanId: loan.id,
      effectiveDate: '2026-04-01',
      reason: 'Missed payments',
    });
    return { loanId: loan.id, effectiveDate: '2026-06-01', reason: 'Uncollectible' };
  },
  'servicing.runForDate': () => ({ asOf: '2026-03-01' }),
  'servicing.paymentSubmissions': () => ({ status: 'pending' }),
  'servicing.confirmSubmission': async (w) => ({ submissionId: (await submissionOfA(w)).id }),
  'servicing.rejectSubmission': async (w) => ({
    submissionId: (await submissionOfA(w)).id,
    reason: 'Not received',
  }),
  'borrowerLoans.list': () => undefined,
  'borrowerLoans.detail': async (w) => ({ loanId: (await loanOfA(w)).id, asOf: '2026-03-01' }),
  'borrowerLoans.submitPayment': async (w) => ({
    loanId: (await loanOfA(w)).id,
    idempotencyKey: `sub-${next()}-${Date.now()}`,
    amount: '2875.00',
    paymentDate: '2026-02-15',
    method: 'ach',
    reference: 'Bank transfer 12',
  }),
  'borrowerLoans.payoffQuote': async (w) => ({ loanId: (await loanOfA(w)).id, asOf: '2026-03-01' }),
  'borrowerLoans.requestPayoff': async (w) => ({
    loanId: (await loanOfA(w)).id,
    idempotencyKey: `payoff-request-${next()}-${Date.now()}`,
    goodThrough: soon(),
    note: 'Closing with the title company',
  }),
  'borrowerLoans.payoffRequests': async (w) => ({ loanId: (await loanOfA(w)).id }),
  'servicing.payoffRequests': async (w) => ({ status: 'open', loanId: (await loanOfA(w)).id }),
  'servicing.markPayoffRequestSent': async (w) => ({
    payoffRequestId: (await payoffRequestOfA(w)).id,
    note: 'Emailed to the title company',
  }),
  'notifications.list': () => ({ unreadOnly: false, limit: 20 }),
  'notifications.unreadCount': () => undefined,
  'notifications.markRead': () => ({ ids: ['00000000-0000-4000-8000-000000000000'] }),
  'notifications.mine': () => ({ unreadOnly: true, limit: 20 }),
  'notifications.myUnreadCount': () => undefined,
  'notifications.markMineRead': () => ({}),
  'team.changeRole': (w) => ({ userId: w.as.viewer!.userId, portal: 'lender', role: 'viewer' }),
  'team.setAccessActive': (w) => ({ userId: w.as.viewer!.userId, portal: 'lender', isActive: true }),
  'documents.list': async (w) => ({ applicationId: (await borrowerAApplication(w)).id }),
  'documents.checklist': async (w) => ({ applicationId: (await borrowerAApplication(w)).id }),
  'documents.review': async (w) => ({
    documentId: (await uploadedDocument(w)).id,
    decision: 'rejected',
    reason: 'The second page is missing.',
  }),
  'borrowerDocuments.list': async (w) => ({ applicationId: (await borrowerAApplication(w)).id }),
  'borrowerDocuments.checklist': async (w) => ({ applicationId: (await borrowerAApplication(w)).id }),
  'draws.budget': async (w) => ({ loanId: (await drawLoanOfA(w)).loan.id }),
  'draws.setBudget': async (w) => ({
    loanId: (await drawLoanOfA(w)).loan.id,
    lines: [
      { name: 'Foundation', budget: '20000.00' },
      { name: 'Roof', budget: '10000.00' },
    ],
  }),
  'draws.list': async (w) => ({ loanId: (await drawLoanOfA(w)).loan.id }),
  'draws.pending': () => undefined,
  'draws.mine': async (w) => ({ loanId: (await drawLoanOfA(w)).loan.id }),
  'draws.request': async (w) => {
    const { loan, lineId } = await drawLoanOfA(w);
    return {
      loanId: loan.id,
      idempotencyKey: `draw-${next()}-${Date.now()}`,
      lines: [{ budgetLineId: lineId, amount: '1000.00' }],
      photoDocumentIds: [],
      note: 'Foundation poured',
    };
  },
  'draws.scheduleInspection': async (w) => ({
    drawRequestId: await drawOfA(w, 'requested'),
    scheduledFor: '2026-02-01',
    inspector: 'Pat Inspector',
  }),
  'draws.completeInspection': async (w) => ({
    drawRequestId: await drawOfA(w, 'inspection_scheduled'),
    percentComplete: 40,
    notes: 'Footings poured',
  }),
  'draws.approve': async (w) => ({
    drawRequestId: await drawOfA(w, 'inspected'),
    lines: [],
    note: 'As asked',
  }),
  'draws.reject': async (w) => ({
    drawRequestId: await drawOfA(w, 'requested'),
    reason: 'No photos of the work',
  }),
  'draws.disburse': async (w) => ({ drawRequestId: await drawOfA(w, 'approved'), disbursedOn: '2026-03-01' }),
  'team.revokeSession': async (w) => {
    const staff = await signUpUser(w.api);
    await grantAccess(w.api, {
      userId: staff.userId,
      organizationId: w.orgA.id,
      portal: 'lender',
      role: 'viewer',
    });
    return { sessionId: staff.sessionId };
  },
};

/** A construction loan of borrowerA (funded 2026-01-15) with one 50,000 budget line. */
async function drawLoanOfA(w: RouterWorld) {
  const org = organizationA(w);
  const { loan } = await makeConstructionLoan(w.api.db, org, w.as.borrowerA!);
  const budget = await setDrawBudget(
    w.api.db,
    { organizationId: org.id, userId: org.admin.userId, portal: 'lender' },
    { loanId: loan.id, lines: [{ name: 'Foundation', budget: '50000.00' }] },
  );
  return { loan, lineId: budget.lines[0]!.id };
}

/** A draw request of borrowerA brought to `stage`. */
async function drawOfA(
  w: RouterWorld,
  stage: 'requested' | 'inspection_scheduled' | 'inspected' | 'approved',
) {
  const { loan, lineId } = await drawLoanOfA(w);
  const lender = { organizationId: w.orgA.id, userId: w.as.adminA!.userId, portal: 'lender' as const };
  const { draw } = await requestDraw(
    w.api.db,
    { organizationId: w.orgA.id, userId: w.as.borrowerA!.userId, portal: 'borrower' },
    {
      loanId: loan.id,
      idempotencyKey: `draw-${next()}-${Date.now()}`,
      lines: [{ budgetLineId: lineId, amount: '1000.00' }],
      photoDocumentIds: [],
    },
  );
  if (stage === 'requested') return draw.id;
  await scheduleInspection(w.api.db, lender, {
    drawRequestId: draw.id,
    scheduledFor: '2026-02-01',
    inspector: 'Pat',
  });
  if (stage === 'inspection_scheduled') return draw.id;
  await completeInspection(w.api.db, lender, { drawRequestId: draw.id, percentComplete: 40 });
  if (stage === 'inspected') return draw.id;
  await approveDraw(w.api.db, lender, { drawRequestId: draw.id, lines: [] });
  return draw.id;
}

/** The pending offer of a new offered application of borrowerA. */
async function pendingOfferOf(w: RouterWorld): Promise<string> {
  const { application } = await applicationOfA(w, 'offered');
  const { schema } = await import('@lending/core');
  const { and, eq } = await import('drizzle-orm');
  const [offer] = await w.api.db
    .select({ id: schema.offers.id })
    .from(schema.offers)
    .where(and(eq(schema.offers.applicationId, application.id), eq(schema.offers.status, 'pending')));
  return offer!.id;
}

/** Calls a procedure over HTTP as `caller` (null: anonymous). */
export async function callProcedure(
  world: RouterWorld,
  procedure: ProcedureInfo,
  caller: TestUser | null,
  options: { input?: unknown; organizationId?: string | undefined; origin?: string | undefined } = {},
) {
  return trpcHttp(world.api, procedure.path, {
    type: procedure.type,
    input: options.input,
    token: caller ? await caller.token(options.origin) : undefined,
    organizationId: options.organizationId,
  });
}
