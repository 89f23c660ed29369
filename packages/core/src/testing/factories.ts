/**
 * Small test-data factories: each makes one thing through the domain's own writers (the mirror of
 * Clerk's webhooks, organization sign-up), with defaults a test can override. No shared fixtures:
 * every test makes what it needs. Later areas add theirs here (a product, an application, a loan).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Portal, Role } from '../access/access.inputs.ts';
import type { Actor, PortalAccess } from '../access/access.ts';
import { saveApplicationInput } from '../applications/applications.inputs.ts';
import {
  approveApplication,
  declineApplication,
  saveApplication,
  startApplication,
  startReview,
  submitApplication,
  withdrawApplication,
} from '../applications/applications.ts';
import type { ApplicationRow, TransitionActor } from '../applications/state-machine.ts';
import type { Database, Executor } from '../db/client.ts';
import { applications, offers, userPortalAccess } from '../db/schema/index.ts';
import { createOutboxEmailSender } from '../email/email.ts';
import { recordSession, upsertUserFromClerk } from '../identity/mirror-users.ts';
import { fundLoan, type LoanRow } from '../loans/loans.ts';
import { issueOfferInput } from '../offers/offers.inputs.ts';
import { acceptOffer, issueOffer } from '../offers/offers.ts';
import { createOrganization, type OrganizationSummary } from '../organizations/organizations.ts';
import {
  type ProductSettings,
  type ProductSettingsInput,
  productSettingsInput,
} from '../products/products.inputs.ts';
import { createProduct } from '../products/products.ts';
import { createRateLimits } from '../rate-limits/rate-limits.ts';
import { createLocalDiskStorage } from '../storage/local-disk.ts';
import { appRouter } from '../trpc/router.ts';
import { type ApiServices, type Context, createCallerFactory } from '../trpc/trpc.ts';
import { clerkSessionJson, clerkUserJson, testId } from './identity.ts';

export interface TestPerson {
  userId: string;
  sessionId: string;
  email: string;
}

/** A signed-up user with one active session, as Clerk's webhooks would have mirrored them. */
export async function makeUser(
  db: Executor,
  overrides: Parameters<typeof clerkUserJson>[0] = {},
): Promise<TestPerson> {
  const user = clerkUserJson(overrides);
  await upsertUserFromClerk(db, user);
  const session = clerkSessionJson(user.id, testId('sess'));
  await recordSession(db, session, 'active');
  return { userId: user.id, sessionId: session.id, email: user.email_addresses[0]!.email_address };
}

export interface TestOrganization extends OrganizationSummary {
  admin: TestPerson;
}

/** An organization with a new user as its lender admin. */
export async function makeOrganization(db: Executor, name = `Org ${testId('msg').slice(-6)}`) {
  const admin = await makeUser(db);
  const organization = await createOrganization(db, { name, createdBy: admin.userId });
  return { ...organization, admin } satisfies TestOrganization;
}

/** A new user with `role` in `portal` of the organization (what an accepted invitation ends in). */
export async function makeMember(
  db: Executor,
  organization: { id: string },
  access: { portal?: Portal; role: Role; isActive?: boolean },
): Promise<TestPerson> {
  const person = await makeUser(db);
  await db.insert(userPortalAccess).values({
    userId: person.userId,
    organizationId: organization.id,
    portal: access.portal ?? (access.role === 'borrower' ? 'borrower' : 'lender'),
    role: access.role,
    isActive: access.isActive ?? true,
  });
  return person;
}

export const makeBorrower = (db: Executor, organization: { id: string }) =>
  makeMember(db, organization, { portal: 'borrower', role: 'borrower' });

export function actorOf(person: TestPerson, organization: { id: string }): Actor {
  return { userId: person.userId, organizationId: organization.id };
}

/** Services for in-process calls: the token check is bypassed (createTestCaller hands in a claimed token). */
export function testServices(db: Database, overrides: Partial<ApiServices> = {}): ApiServices {
  return {
    db,
    authenticator: {
      verifyClaims: async () => ({ status: 'anonymous' }),
      confirm: async (claims) =>
        claims.status === 'claimed'
          ? { status: 'signed-in', userId: claims.userId, sessionId: claims.sessionId }
          : claims,
      authenticate: async () => ({ status: 'anonymous' }),
    },
    identityAdmin: {
      fetchUser: async () => null,
      revokeSession: async () => 'revoked',
    },
    invitations: {
      email: createOutboxEmailSender({
        dir: mkdtempSync(path.join(tmpdir(), 'lending-outbox-')),
        from: 'Lending OS <no-reply@lending-os.invalid>',
      }),
      portalUrls: { lender: 'http://localhost:5173', borrower: 'http://localhost:5174' },
      ttlSeconds: 14 * 86_400,
    },
    rateLimits: createRateLimits(db, 'pglite'),
    documents: {
      storage: createLocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'lending-documents-'))),
      maxUploadBytes: 25 * 1024 * 1024,
    },
    showStackTraces: false,
    ...overrides,
  };
}

const createCaller = createCallerFactory(appRouter);

/**
 * The router called in-process as `person`, in `organization` when given: the real access middleware
 * and domain run, only HTTP and the token's signature are skipped (those are tested over HTTP).
 */
export function createTestCaller(
  db: Database,
  person: TestPerson | null,
  organization?: { id: string },
  services: ApiServices = testServices(db),
) {
  const context: Context = {
    services,
    db,
    token: person
      ? { status: 'claimed', userId: person.userId, sessionId: person.sessionId }
      : { status: 'anonymous' },
    organizationId: organization?.id ?? null,
    organizationHeader: organization?.id ?? null,
    clientIp: '127.0.0.1',
    requestId: null,
  };
  return createCaller(context);
}

// ---------------------------------------------------------------------------------------------
// Origination: products, applications in any state, funded loans.
// ---------------------------------------------------------------------------------------------

/** Valid product settings (a 12-month interest-only bridge loan); override any field. */
export function productSettings(overrides: Partial<ProductSettingsInput> = {}): ProductSettings {
  return productSettingsInput.parse({
    name: 'Bridge 12',
    kind: 'bridge',
    description: 'Short-term bridge financing',
    minAmount: '50000.00',
    maxAmount: '2000000.00',
    minRatePercent: '9',
    maxRatePercent: '14',
    baseRatePercent: '11.5',
    minTermPayments: 6,
    maxTermPayments: 24,
    originationPoints: '2',
    originationFee: '995.00',
    lateFeePercent: '5',
    lateFeeMinimum: '25.00',
    lateFeeMaximum: '500.00',
    lateFeeGraceDays: 10,
    defaultRatePercent: '24',
    drawInterestBasis: 'drawn_funds',
    maxLtvPercent: '75',
    maxLtcPercent: '85',
    maxArvLtvPercent: '70',
    minDscr: '1.2',
    engineSettings: {
      frequency: 'monthly',
      interestMethod: 'declining_balance',
      amortization: 'interest_only',
      amortizationPayments: null,
      dayCount: '30/360',
      interestPeriod: 'repayment',
      rounding: 'half_up',
      installmentMultiple: '0.01',
      oddFirstPeriod: 'level',
      businessDayRule: 'none',
      prepaymentRecalculation: 'reduce_term',
      principalGrace: 0,
      interestGrace: 0,
    },
    requiredDocuments: [
      { key: 'purchase_contract', label: 'Purchase contract' },
      { key: 'bank_statements', label: 'Two months of bank statements' },
    ],
    ...overrides,
  });
}

export async function makeProduct(
  db: Executor,
  organization: TestOrganization,
  overrides: Partial<ProductSettingsInput> = {},
) {
  return createProduct(db, actorOf(organization.admin, organization), productSettings(overrides));
}

/** Every field a submission needs, for a purchase of a single-family house. */
export const completeApplicationFields = {
  requestedAmount: '300000.00',
  requestedTermPayments: 12,
  loanPurpose: 'purchase',
  applicantKind: 'individual',
  firstName: 'Jordan',
  lastName: 'Lee',
  email: 'jordan.lee@example.test',
  phone: '+1 555 010 2030',
  taxIdLast4: '1234',
  experienceDeals: 3,
  propertyAddressLine1: '12 Oak Street',
  propertyCity: 'Springfield',
  propertyRegion: 'IL',
  propertyPostalCode: '62701',
  propertyType: 'single_family',
  purchasePrice: '400000.00',
  asIsValue: '420000.00',
  afterRepairValue: '520000.00',
  rehabBudget: '50000.00',
  monthlyRent: '3600.00',
  monthlyExpenses: '600.00',
} as const;

export type ApplicationStage =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'offered'
  | 'accepted'
  | 'approved'
  | 'funded'
  | 'declined'
  | 'withdrawn';

const lenderActor = (organization: TestOrganization): TransitionActor => ({
  organizationId: organization.id,
  userId: organization.admin.userId,
  portal: 'lender',
  role: 'admin',
});
const borrowerActor = (
  organization: { id: string },
  borrower: TestPerson,
): TransitionActor & PortalAccess => ({
  organizationId: organization.id,
  userId: borrower.userId,
  sessionId: borrower.sessionId,
  portal: 'borrower',
  role: 'borrower',
});

/**
 * An application of `borrower` brought to `stage` through the domain's own functions (the org
 * admin acting for the lender). A product is made unless one is given.
 */
export async function makeApplication(
  db: Executor,
  organization: TestOrganization,
  borrower: TestPerson,
  options: {
    stage?: ApplicationStage;
    productId?: string;
    fields?: Record<string, unknown>;
    fundedOn?: string;
  } = {},
) {
  const stage = options.stage ?? 'draft';
  const productId = options.productId ?? (await makeProduct(db, organization)).id;
  const asBorrower = borrowerActor(organization, borrower);
  const asLender = { ...lenderActor(organization), sessionId: organization.admin.sessionId };
  const started = await startApplication(db, asBorrower, { productId });
  let application = await saveApplication(
    db,
    asBorrower,
    saveApplicationInput.parse({
      applicationId: started.id,
      ...completeApplicationFields,
      ...options.fields,
    }),
  );
  const id = application.id;
  const order: ApplicationStage[] = [
    'draft',
    'submitted',
    'in_review',
    'offered',
    'accepted',
    'approved',
    'funded',
  ];
  const target = stage === 'declined' || stage === 'withdrawn' ? 'in_review' : stage;
  const reach = (s: ApplicationStage) => order.indexOf(target) >= order.indexOf(s);
  if (reach('submitted'))
    application = (await submitApplication(db, asBorrower, { applicationId: id })).application;
  if (reach('in_review')) application = (await startReview(db, asLender, { applicationId: id })).application;
  if (reach('offered')) {
    await issueOffer(
      db,
      asLender,
      issueOfferInput.parse({
        applicationId: id,
        amount: '300000.00',
        annualRatePercent: '11.5',
        termPayments: 12,
      }),
    );
    [application] = (await db.select().from(applications).where(eq(applications.id, id))) as [ApplicationRow];
  }
  if (reach('accepted')) {
    const [offer] = await db
      .select()
      .from(offers)
      .where(and(eq(offers.applicationId, id), eq(offers.status, 'pending')));
    const signer = [application.firstName, application.lastName].filter(Boolean).join(' ') || 'Jordan Lee';
    application = (await acceptOffer(db, asBorrower, { offerId: offer!.id, signatureName: signer }))
      .application;
  }
  if (reach('approved'))
    application = (await approveApplication(db, asLender, { applicationId: id })).application;
  let loan: LoanRow | null = null;
  if (reach('funded')) {
    loan = (
      await fundLoan(db, asLender, {
        applicationId: id,
        idempotencyKey: `fund-${id}`,
        fundedOn: options.fundedOn ?? '2026-01-15',
      })
    ).loan;
    [application] = (await db.select().from(applications).where(eq(applications.id, id))) as [ApplicationRow];
  }
  if (stage === 'declined')
    application = (
      await declineApplication(db, asLender, { applicationId: id, reason: 'Outside our lending area' })
    ).application;
  if (stage === 'withdrawn')
    application = (await withdrawApplication(db, asBorrower, { applicationId: id })).application;
  return { application, productId, loan };
}

export async function makeFundedLoan(db: Executor, organization: TestOrganization, borrower: TestPerson) {
  const made = await makeApplication(db, organization, borrower, { stage: 'funded' });
  return { ...made, loan: made.loan! };
}

/**
 * A funded construction loan (300,000 with a 50,000 rehab budget held back for draws), its
 * interest on drawn funds unless `basis` says otherwise, funded on `fundedOn`.
 */
export async function makeConstructionLoan(
  db: Executor,
  organization: TestOrganization,
  borrower: TestPerson,
  options: { basis?: 'drawn_funds' | 'full_commitment'; fundedOn?: string } = {},
) {
  const product = await makeProduct(db, organization, {
    name: 'Construction 12',
    kind: 'construction',
    drawInterestBasis: options.basis ?? 'drawn_funds',
  });
  const made = await makeApplication(db, organization, borrower, {
    stage: 'funded',
    productId: product.id,
    ...(options.fundedOn ? { fundedOn: options.fundedOn } : {}),
  });
  return { ...made, loan: made.loan! };
}
