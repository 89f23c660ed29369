/**
 * Loan applications: the borrower's step-by-step application, the lender's pipeline and workspace.
 * Status changes go through ./state-machine.ts only.
 */
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Actor, PortalAccess } from '../access/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import {
  applicationConditions,
  applicationMessages,
  applicationNotes,
  applicationStatusHistory,
  applications,
  appUsers,
  loanProducts,
  loanProductVersions,
  loans,
  offers,
  organizationCounters,
  userPortalAccess,
} from '../db/schema/index.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import {
  deliverNotificationEmails,
  type NotificationServices,
  originationStaff,
  recordNotifications,
  toStaff,
} from '../notifications/notifications.ts';
import { estimate, summarize, termsFor, todayUtc } from '../offers/terms.ts';
import { compareDecimals } from '../products/products.inputs.ts';
import { activeProductVersion, type ProductVersionRow, productVersionById } from '../products/products.ts';
import { APPLICATION_STATUSES, type ApplicationStatus } from './applications.constants.ts';
import type { BoardQuery, PipelineQuery, SaveApplicationInput } from './applications.inputs.ts';
import {
  type ApplicationRow,
  applicationReference,
  availableActions,
  type TransitionActor,
  transitionApplication,
} from './state-machine.ts';

/** Who may look at an application: the caller's portal access, as the access middleware resolved it. */
export type ApplicationViewer = Pick<PortalAccess, 'organizationId' | 'userId' | 'portal'>;

export const APPLICATION_NOT_FOUND = 'That application was not found.';

/**
 * The application, if the caller is a party to it: a borrower must be its borrower (in that
 * organization), lender staff must belong to its organization. Anything else is NOT_FOUND, worded
 * the same whether or not the application exists, so nothing about others' applications leaks.
 * The documents area reuses this for download authorization.
 */
export async function assertApplicationParty(
  db: Executor,
  access: ApplicationViewer,
  applicationId: string,
): Promise<typeof applications.$inferSelect> {
  const conditions = [
    eq(applications.id, applicationId),
    eq(applications.organizationId, access.organizationId),
  ];
  if (access.portal === 'borrower') conditions.push(eq(applications.borrowerUserId, access.userId));
  const [row] = await db
    .select()
    .from(applications)
    .where(and(...conditions))
    .limit(1);
  if (!row) throw new DomainError('NOT_FOUND', APPLICATION_NOT_FOUND);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Borrower side: start, save step by step, submit, withdraw; their own list and detail.
// ---------------------------------------------------------------------------------------------

/** The fields submission requires, with the words a person reads in the list of what is missing. */
const REQUIRED_FIELDS: Array<{
  field: keyof ApplicationRow;
  label: string;
  when?: (a: ApplicationRow, kind: string | null) => boolean;
}> = [
  { field: 'productId', label: 'the loan product' },
  { field: 'requestedAmount', label: 'the loan amount' },
  { field: 'requestedTermPayments', label: 'the term' },
  { field: 'loanPurpose', label: 'the purpose of the loan' },
  { field: 'applicantKind', label: 'whether you apply as an individual or an entity' },
  { field: 'firstName', label: 'your first name' },
  { field: 'lastName', label: 'your last name' },
  { field: 'entityName', label: 'the entity name', when: (a) => a.applicantKind === 'entity' },
  { field: 'entityType', label: 'the entity type', when: (a) => a.applicantKind === 'entity' },
  { field: 'email', label: 'your email' },
  { field: 'phone', label: 'your phone number' },
  { field: 'taxIdLast4', label: 'the last 4 digits of the tax id' },
  { field: 'propertyAddressLine1', label: 'the property address' },
  { field: 'propertyCity', label: 'the property city' },
  { field: 'propertyRegion', label: 'the property state or region' },
  { field: 'propertyPostalCode', label: 'the property postal code' },
  { field: 'propertyType', label: 'the property type' },
  { field: 'asIsValue', label: 'the as-is value' },
  { field: 'purchasePrice', label: 'the purchase price', when: (a) => a.loanPurpose === 'purchase' },
  {
    field: 'rehabBudget',
    label: 'the rehab budget',
    when: (a, kind) => kind === 'construction' || a.loanPurpose === 'construction',
  },
  {
    field: 'afterRepairValue',
    label: 'the after-repair value',
    when: (a, kind) => kind === 'construction' || a.loanPurpose === 'construction',
  },
];

/** What is still missing or out of the product's bounds, in words (empty: ready to submit). */
export function missingForSubmission(
  application: ApplicationRow,
  version: ProductVersionRow | null,
): string[] {
  const missing: string[] = [];
  for (const r of REQUIRED_FIELDS) {
    if (r.when && !r.when(application, version?.kind ?? null)) continue;
    const value = application[r.field];
    if (value === null || value === undefined || value === '') missing.push(r.label);
  }
  if (version && application.requestedAmount) {
    if (
      compareDecimals(application.requestedAmount, version.minAmount) < 0 ||
      compareDecimals(application.requestedAmount, version.maxAmount) > 0
    )
      missing.push(`a loan amount between ${version.minAmount} and ${version.maxAmount}`);
  }
  if (version && application.requestedTermPayments !== null) {
    if (
      application.requestedTermPayments < version.minTermPayments ||
      application.requestedTermPayments > version.maxTermPayments
    )
      missing.push(`a term between ${version.minTermPayments} and ${version.maxTermPayments} installments`);
  }
  return missing;
}

async function versionOf(db: Executor, application: ApplicationRow): Promise<ProductVersionRow | null> {
  if (!application.productVersionId) return null;
  return productVersionById(db, application.organizationId, application.productVersionId);
}

/** The next number of a per-organization counter (application or loan numbers), in the caller's transaction. */
export async function nextNumber(
  tx: Executor,
  organizationId: string,
  name: 'application' | 'loan',
): Promise<number> {
  const [row] = await tx
    .insert(organizationCounters)
    .values({ organizationId, name, value: 1 })
    .onConflictDoUpdate({
      target: [organizationCounters.organizationId, organizationCounters.name],
      set: { value: sql`${organizationCounters.value} + 1` },
    })
    .returning({ value: organizationCounters.value });
  return row!.value;
}

/** Fields a new application copies from the borrower's latest one in the organization (applicant only). */
const CARRIED_FIELDS = [
  'applicantKind',
  'firstName',
  'lastName',
  'entityName',
  'entityType',
  'phone',
  'email',
  'taxIdLast4',
  'experienceDeals',
] as const;

/** A new draft for the borrower, on the current version of an active product (if one is chosen). */
export async function startApplication(
  db: Executor,
  actor: Actor,
  input: { productId?: string | null | undefined },
): Promise<ApplicationRow> {
  return inTransaction(db, async (tx) => {
    const version = input.productId
      ? await activeProductVersion(tx, actor.organizationId, input.productId)
      : null;
    const [previous] = await tx
      .select()
      .from(applications)
      .where(
        and(
          eq(applications.organizationId, actor.organizationId),
          eq(applications.borrowerUserId, actor.userId),
        ),
      )
      .orderBy(desc(applications.createdAt))
      .limit(1);
    const [user] = await tx
      .select({ email: appUsers.email, firstName: appUsers.firstName, lastName: appUsers.lastName })
      .from(appUsers)
      .where(eq(appUsers.id, actor.userId));
    const carried = previous
      ? Object.fromEntries(CARRIED_FIELDS.map((f) => [f, previous[f]]))
      : { firstName: user?.firstName ?? null, lastName: user?.lastName ?? null, email: user?.email ?? null };
    const number = await nextNumber(tx, actor.organizationId, 'application');
    const [created] = await tx
      .insert(applications)
      .values({
        ...carried,
        organizationId: actor.organizationId,
        number,
        borrowerUserId: actor.userId,
        productId: version?.productId ?? null,
        productVersionId: version?.id ?? null,
      })
      .returning();
    await tx.insert(applicationStatusHistory).values({
      organizationId: actor.organizationId,
      applicationId: created!.id,
      fromStatus: null,
      toStatus: 'draft',
      actorUserId: actor.userId,
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'application.started',
      entityType: 'application',
      entityId: created!.id,
    });
    return created!;
  });
}

/**
 * Saves the fields a step sends (left out: unchanged; null: cleared). Only a draft can be edited; the
 * update is conditional on the status, so a save racing a submission never changes a submitted one.
 */
export async function saveApplication(
  db: Executor,
  actor: Actor,
  input: SaveApplicationInput,
): Promise<ApplicationRow> {
  const { applicationId, productId, ...fields } = input;
  return inTransaction(db, async (tx) => {
    const changes: Partial<typeof applications.$inferInsert> = {};
    for (const [key, value] of Object.entries(fields))
      if (value !== undefined) (changes as Record<string, unknown>)[key] = value;
    if (productId !== undefined) {
      const version = productId ? await activeProductVersion(tx, actor.organizationId, productId) : null;
      changes.productId = version?.productId ?? null;
      changes.productVersionId = version?.id ?? null;
    }
    const [updated] = await tx
      .update(applications)
      .set({ ...changes, updatedAt: new Date() })
      .where(
        and(
          eq(applications.id, applicationId),
          eq(applications.organizationId, actor.organizationId),
          eq(applications.borrowerUserId, actor.userId),
          eq(applications.status, 'draft'),
        ),
      )
      .returning();
    if (updated) return updated;
    const existing = await assertApplicationParty(tx, { ...actor, portal: 'borrower' }, applicationId);
    throw new DomainError(
      'CONFLICT',
      `Application ${applicationReference(existing.number)} was already submitted: it can no longer be edited.`,
    );
  });
}

/** The submit guard: every required field, within the product's bounds; else 400 listing what is missing. */
async function completenessGuard(tx: Tx, application: ApplicationRow) {
  const version = await versionOf(tx, application);
  const missing = missingForSubmission(application, version);
  if (missing.length > 0)
    throw new DomainError(
      'BAD_REQUEST',
      `Application ${applicationReference(application.number)} is not complete. Still needed: ${missing.join('; ')}.`,
    );
  if (version) {
    const [product] = await tx
      .select({ status: loanProducts.status })
      .from(loanProducts)
      .where(eq(loanProducts.id, version.productId));
    if (product?.status !== 'active')
      throw new DomainError('BAD_REQUEST', 'This loan product is no longer offered: choose another product.');
  }
}

/** Approval guard: every condition satisfied or waived. */
async function conditionsGuard(tx: Tx, application: ApplicationRow) {
  const open = await tx
    .select({ title: applicationConditions.title })
    .from(applicationConditions)
    .where(
      and(eq(applicationConditions.applicationId, application.id), eq(applicationConditions.status, 'open')),
    );
  if (open.length > 0)
    throw new DomainError(
      'CONFLICT',
      `Application ${applicationReference(application.number)} still has ${open.length} open condition${open.length > 1 ? 's' : ''}: ${open
        .slice(0, 5)
        .map((c) => `“${c.title.slice(0, 80)}”`)
        .join(', ')}${open.length > 5 ? ', …' : ''}. Satisfy or waive them first.`,
    );
}

export type TransitionCaller = TransitionActor;

export function submitApplication(
  db: Executor,
  actor: TransitionCaller,
  input: { applicationId: string; expectedVersion?: number | undefined },
  services?: NotificationServices | null,
) {
  return transitionApplication(
    db,
    actor,
    { ...input, action: 'submit' },
    async (tx, application) => {
      await completenessGuard(tx, application);
      return { result: undefined };
    },
    services,
  );
}

export function withdrawApplication(
  db: Executor,
  actor: TransitionCaller,
  input: { applicationId: string; expectedVersion?: number | undefined; reason?: string | null | undefined },
  services?: NotificationServices | null,
) {
  return transitionApplication(
    db,
    actor,
    { ...input, action: 'withdraw' },
    async (tx, application) => {
      await supersedePendingOffers(tx, application.id, 'superseded');
      return { result: undefined };
    },
    services,
  );
}

export function startReview(
  db: Executor,
  actor: TransitionCaller,
  input: { applicationId: string; expectedVersion?: number | undefined },
  services?: NotificationServices | null,
) {
  return transitionApplication(
    db,
    actor,
    { ...input, action: 'start_review' },
    async (tx, application) => {
      // Taking an application into review assigns it to the reviewer when nobody has it yet.
      if (!application.assigneeUserId)
        await tx
          .update(applications)
          .set({ assigneeUserId: actor.userId })
          .where(eq(applications.id, application.id));
      return { result: undefined };
    },
    services,
  );
}

export function declineApplication(
  db: Executor,
  actor: TransitionCaller,
  input: { applicationId: string; expectedVersion?: number | undefined; reason: string },
  services?: NotificationServices | null,
) {
  return transitionApplication(
    db,
    actor,
    { ...input, action: 'decline' },
    async (tx, application) => {
      await supersedePendingOffers(tx, application.id, 'superseded');
      return { result: undefined };
    },
    services,
  );
}

export function approveApplication(
  db: Executor,
  actor: TransitionCaller,
  input: { applicationId: string; expectedVersion?: number | undefined },
  services?: NotificationServices | null,
) {
  return transitionApplication(
    db,
    actor,
    { ...input, action: 'approve' },
    async (tx, application) => {
      await conditionsGuard(tx, application);
      return { result: undefined };
    },
    services,
  );
}

/** Closes the pending offer of an application (an application that closes leaves no live offer). */
export async function supersedePendingOffers(tx: Executor, applicationId: string, status: 'superseded') {
  await tx
    .update(offers)
    .set({ status, supersededAt: new Date(), updatedAt: new Date() })
    .where(and(eq(offers.applicationId, applicationId), eq(offers.status, 'pending')));
}

/** A borrower's applications in the organization, newest first. */
export async function listMyApplications(db: Executor, actor: Actor) {
  const rows = await db
    .select({ application: applications, productName: loanProductVersions.name })
    .from(applications)
    .leftJoin(loanProductVersions, eq(loanProductVersions.id, applications.productVersionId))
    .where(
      and(
        eq(applications.organizationId, actor.organizationId),
        eq(applications.borrowerUserId, actor.userId),
      ),
    )
    .orderBy(desc(applications.createdAt))
    .limit(200);
  return {
    applications: rows.map((r) => ({
      ...summaryOf(r.application),
      productName: r.productName,
    })),
  };
}

export function summaryOf(a: ApplicationRow) {
  return {
    id: a.id,
    number: a.number,
    reference: applicationReference(a.number),
    status: a.status,
    version: a.version,
    requestedAmount: a.requestedAmount,
    requestedTermPayments: a.requestedTermPayments,
    propertyAddressLine1: a.propertyAddressLine1,
    propertyCity: a.propertyCity,
    statusChangedAt: a.statusChangedAt,
    submittedAt: a.submittedAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** The application's fields, as a person filled them in. */
export function fieldsOf(a: ApplicationRow) {
  return {
    productId: a.productId,
    productVersionId: a.productVersionId,
    requestedAmount: a.requestedAmount,
    requestedTermPayments: a.requestedTermPayments,
    loanPurpose: a.loanPurpose,
    applicantKind: a.applicantKind,
    firstName: a.firstName,
    lastName: a.lastName,
    entityName: a.entityName,
    entityType: a.entityType,
    phone: a.phone,
    email: a.email,
    taxIdLast4: a.taxIdLast4,
    experienceDeals: a.experienceDeals,
    propertyAddressLine1: a.propertyAddressLine1,
    propertyAddressLine2: a.propertyAddressLine2,
    propertyCity: a.propertyCity,
    propertyRegion: a.propertyRegion,
    propertyPostalCode: a.propertyPostalCode,
    propertyType: a.propertyType,
    purchasePrice: a.purchasePrice,
    asIsValue: a.asIsValue,
    afterRepairValue: a.afterRepairValue,
    rehabBudget: a.rehabBudget,
    monthlyRent: a.monthlyRent,
    monthlyExpenses: a.monthlyExpenses,
    closingReason: a.closingReason,
    decidedAt: a.decidedAt,
  };
}

/** The status timeline (oldest first); the lender sees who acted, the borrower sees which side. */
export async function timelineOf(db: Executor, application: ApplicationRow) {
  const rows = await db
    .select({
      id: applicationStatusHistory.id,
      fromStatus: applicationStatusHistory.fromStatus,
      toStatus: applicationStatusHistory.toStatus,
      reason: applicationStatusHistory.reason,
      createdAt: applicationStatusHistory.createdAt,
      actorUserId: applicationStatusHistory.actorUserId,
      actorFirstName: appUsers.firstName,
      actorLastName: appUsers.lastName,
      actorEmail: appUsers.email,
    })
    .from(applicationStatusHistory)
    .leftJoin(appUsers, eq(appUsers.id, applicationStatusHistory.actorUserId))
    .where(
      and(
        eq(applicationStatusHistory.applicationId, application.id),
        eq(applicationStatusHistory.organizationId, application.organizationId),
      ),
    )
    .orderBy(asc(applicationStatusHistory.createdAt), asc(applicationStatusHistory.id));
  return rows.map((r) => ({
    id: r.id,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    reason: r.reason,
    at: r.createdAt,
    bySide: (r.actorUserId === application.borrowerUserId ? 'borrower' : 'lender') as 'borrower' | 'lender',
    actorUserId: r.actorUserId,
    actorName: personName(r.actorFirstName, r.actorLastName, r.actorEmail),
  }));
}

export function personName(first: string | null, last: string | null, email: string | null): string | null {
  const name = [first, last].filter(Boolean).join(' ');
  return name || email || null;
}

/** The borrower's view of one application: fields, timeline, what is missing, open conditions. */
export async function getMyApplication(db: Executor, access: PortalAccess, applicationId: string) {
  const application = await assertApplicationParty(db, access, applicationId);
  const version = await versionOf(db, application);
  const conditions = await db
    .select({
      id: applicationConditions.id,
      title: applicationConditions.title,
      description: applicationConditions.description,
      status: applicationConditions.status,
    })
    .from(applicationConditions)
    .where(
      and(
        eq(applicationConditions.applicationId, application.id),
        eq(applicationConditions.organizationId, access.organizationId),
      ),
    )
    .orderBy(asc(applicationConditions.createdAt));
  const [loan] = await db
    .select({ id: loans.id })
    .from(loans)
    .where(and(eq(loans.applicationId, application.id), eq(loans.organizationId, access.organizationId)));
  return {
    ...summaryOf(application),
    ...fieldsOf(application),
    product: version ? productBrief(version) : null,
    missing: application.status === 'draft' ? missingForSubmission(application, version) : [],
    timeline: (await timelineOf(db, application)).map(({ actorUserId: _a, actorName: _n, ...t }) => t),
    conditions,
    availableActions: availableActions(access, application.status),
    loanId: loan?.id ?? null,
  };
}

export function productBrief(v: ProductVersionRow) {
  return {
    productId: v.productId,
    versionId: v.id,
    version: v.version,
    name: v.name,
    kind: v.kind,
    minAmount: v.minAmount,
    maxAmount: v.maxAmount,
    minTermPayments: v.minTermPayments,
    maxTermPayments: v.maxTermPayments,
    frequency: v.engineSettings.frequency,
    requiredDocuments: v.requiredDocuments,
  };
}

/** The live estimate of the wizard: the product's usual rate, points and fees on the requested amount and term. */
export async function estimateForBorrower(
  db: Executor,
  organizationId: string,
  input: { productId: string; amount: string; termPayments: number },
) {
  const version = await activeProductVersion(db, organizationId, input.productId);
  const warnings: string[] = [];
  if (
    compareDecimals(input.amount, version.minAmount) < 0 ||
    compareDecimals(input.amount, version.maxAmount) > 0
  )
    warnings.push(`This product lends between ${version.minAmount} and ${version.maxAmount}.`);
  if (input.termPayments < version.minTermPayments || input.termPayments > version.maxTermPayments)
    warnings.push(
      `This product's term is ${version.minTermPayments} to ${version.maxTermPayments} installments.`,
    );
  const e = estimate(
    termsFor(version, {
      amount: input.amount,
      annualRatePercent: version.baseRatePercent,
      termPayments: input.termPayments,
      originationPoints: version.originationPoints,
      originationFee: version.originationFee,
      startDate: todayUtc(),
    }),
  );
  return { annualRatePercent: version.baseRatePercent, ...summarize(e), warnings };
}

// ---------------------------------------------------------------------------------------------
// Lender side: pipeline (table and board), workspace, assignment, notes, messages.
// ---------------------------------------------------------------------------------------------

function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filters other than status (the status counts are computed under them). */
function pipelineFilters(
  organizationId: string,
  q: { assignee?: string | undefined; productId?: string | undefined; search?: string | undefined },
): SQL[] {
  const conditions: SQL[] = [eq(applications.organizationId, organizationId)];
  if (q.assignee === 'unassigned') conditions.push(isNull(applications.assigneeUserId));
  else if (q.assignee) conditions.push(eq(applications.assigneeUserId, q.assignee));
  if (q.productId) conditions.push(eq(applications.productId, q.productId));
  const search = q.search?.trim();
  if (search) {
    // A reference "A-000123" is searched as its number.
    const reference = /^a-?0*(\d+)$/i.exec(search);
    conditions.push(
      reference
        ? sql`(${applications.number} = ${Number(reference[1]!.slice(0, 9))} or ${applications.searchText} like ${containsPattern(search)})`
        : sql`${applications.searchText} like ${containsPattern(search)}`,
    );
  }
  return conditions;
}

const pipelineColumns = {
  application: applications,
  borrowerFirstName: appUsers.firstName,
  borrowerLastName: appUsers.lastName,
  borrowerEmail: appUsers.email,
  productName: loanProducts.name,
  assigneeFirstName: sql<string | null>`assignee.first_name`,
  assigneeLastName: sql<string | null>`assignee.last_name`,
  assigneeEmail: sql<string | null>`assignee.email`,
};

type PipelineRowRaw = {
  application: ApplicationRow;
  borrowerFirstName: string | null;
  borrowerLastName: string | null;
  borrowerEmail: string | null;
  productName: string | null;
  assigneeFirstName: string | null;
  assigneeLastName: string | null;
  assigneeEmail: string | null;
};

function pipelineCard(r: PipelineRowRaw, now: number) {
  const a = r.application;
  const applicantName =
    a.applicantKind === 'entity' && a.entityName
      ? a.entityName
      : (personName(a.firstName, a.lastName, null) ??
        personName(r.borrowerFirstName, r.borrowerLastName, r.borrowerEmail));
  return {
    ...summaryOf(a),
    borrowerUserId: a.borrowerUserId,
    applicantName,
    borrowerEmail: a.email ?? r.borrowerEmail,
    propertyRegion: a.propertyRegion,
    productId: a.productId,
    productName: r.productName,
    assigneeUserId: a.assigneeUserId,
    assigneeName: a.assigneeUserId
      ? personName(r.assigneeFirstName, r.assigneeLastName, r.assigneeEmail)
      : null,
    /** Whole days since the application entered its current status. */
    daysInStage: Math.max(0, Math.floor((now - a.statusChangedAt.getTime()) / 86_400_000)),
  };
}

function pipelineSelect(db: Executor) {
  return db
    .select(pipelineColumns)
    .from(applications)
    .innerJoin(appUsers, eq(appUsers.id, applications.borrowerUserId))
    .leftJoin(loanProducts, eq(loanProducts.id, applications.productId))
    .leftJoin(sql`app_users as assignee`, sql`assignee.id = ${applications.assigneeUserId}`);
}

/** The pipeline as a table: filtered, searched, sorted and paged in SQL, with counts by status. */
export async function listPipeline(db: Executor, organizationId: string, q: PipelineQuery) {
  const base = pipelineFilters(organizationId, q);
  const where = q.statuses?.length ? and(...base, inArray(applications.status, q.statuses)) : and(...base);
  const direction = q.direction === 'asc' ? asc : desc;
  const sortColumn = {
    number: applications.number,
    created_at: applications.createdAt,
    status_changed_at: applications.statusChangedAt,
    requested_amount: applications.requestedAmount,
    borrower: sql`coalesce(${applications.entityName}, ${applications.lastName})`,
  }[q.sort];
  const [rows, counts] = await Promise.all([
    pipelineSelect(db)
      .where(where)
      .orderBy(direction(sortColumn), direction(applications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ status: applications.status, n: count() })
      .from(applications)
      .where(and(...base))
      .groupBy(applications.status),
  ]);
  const countsByStatus = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<
    ApplicationStatus,
    number
  >;
  for (const c of counts) countsByStatus[c.status] = Number(c.n);
  const total = q.statuses?.length
    ? q.statuses.reduce((sum, s) => sum + countsByStatus[s], 0)
    : Object.values(countsByStatus).reduce((a, b) => a + b, 0);
  const now = Date.now();
  return {
    applications: rows.map((r) => pipelineCard(r as PipelineRowRaw, now)),
    total,
    countsByStatus,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The pipeline as a board: a column per status, the longest-waiting cards first, with counts. */
export async function pipelineBoard(db: Executor, organizationId: string, q: BoardQuery) {
  const base = pipelineFilters(organizationId, q);
  const counts = await db
    .select({ status: applications.status, n: count() })
    .from(applications)
    .where(and(...base))
    .groupBy(applications.status);
  const countOf = new Map(counts.map((c) => [c.status, Number(c.n)]));
  const now = Date.now();
  const columns = [];
  for (const status of APPLICATION_STATUSES) {
    const n = countOf.get(status) ?? 0;
    const rows =
      n === 0
        ? []
        : await pipelineSelect(db)
            .where(and(...base, eq(applications.status, status)))
            .orderBy(asc(applications.statusChangedAt), asc(applications.id))
            .limit(q.perColumn);
    columns.push({ status, count: n, applications: rows.map((r) => pipelineCard(r as PipelineRowRaw, now)) });
  }
  return { columns };
}

/** Assigns (or unassigns) an application to a member of staff who can underwrite. */
export async function assignApplication(
  db: Executor,
  actor: Actor,
  input: { applicationId: string; assigneeUserId: string | null },
  services?: NotificationServices | null,
) {
  const rows = await inTransaction(db, async (tx) => {
    const application = await assertApplicationParty(tx, { ...actor, portal: 'lender' }, input.applicationId);
    if (input.assigneeUserId) {
      const [staff] = await tx
        .select({ role: userPortalAccess.role })
        .from(userPortalAccess)
        .where(
          and(
            eq(userPortalAccess.userId, input.assigneeUserId),
            eq(userPortalAccess.organizationId, actor.organizationId),
            eq(userPortalAccess.portal, 'lender'),
            eq(userPortalAccess.isActive, true),
            inArray(userPortalAccess.role, ['admin', 'underwriter']),
          ),
        );
      if (!staff)
        throw new DomainError(
          'BAD_REQUEST',
          'Choose an admin or underwriter of this organization as the assignee.',
        );
    }
    await tx
      .update(applications)
      .set({ assigneeUserId: input.assigneeUserId, updatedAt: new Date() })
      .where(eq(applications.id, application.id));
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'application.assigned',
      entityType: 'application',
      entityId: application.id,
      before: { assigneeUserId: application.assigneeUserId },
      after: { assigneeUserId: input.assigneeUserId },
    });
    if (!input.assigneeUserId || input.assigneeUserId === actor.userId) return [];
    const reference = applicationReference(application.number);
    return recordNotifications(tx, [
      {
        organizationId: actor.organizationId,
        recipientUserId: input.assigneeUserId,
        portal: 'lender',
        kind: 'application_assigned',
        title: `${reference} assigned to you`,
        body: `Application ${reference} is now yours to underwrite.`,
        applicationId: application.id,
      },
    ]);
  });
  await deliverNotificationEmails(db, services, rows);
  return { ok: true as const };
}

export async function addNote(db: Executor, actor: Actor, input: { applicationId: string; body: string }) {
  const application = await assertApplicationParty(db, { ...actor, portal: 'lender' }, input.applicationId);
  const [note] = await db
    .insert(applicationNotes)
    .values({
      organizationId: actor.organizationId,
      applicationId: application.id,
      authorUserId: actor.userId,
      body: input.body,
    })
    .returning();
  return note!;
}

export async function notesOf(db: Executor, application: ApplicationRow) {
  const rows = await db
    .select({
      note: applicationNotes,
      firstName: appUsers.firstName,
      lastName: appUsers.lastName,
      email: appUsers.email,
    })
    .from(applicationNotes)
    .leftJoin(appUsers, eq(appUsers.id, applicationNotes.authorUserId))
    .where(
      and(
        eq(applicationNotes.applicationId, application.id),
        eq(applicationNotes.organizationId, application.organizationId),
      ),
    )
    .orderBy(desc(applicationNotes.createdAt))
    .limit(500);
  return rows.map((r) => ({
    id: r.note.id,
    body: r.note.body,
    authorUserId: r.note.authorUserId,
    authorName: personName(r.firstName, r.lastName, r.email),
    createdAt: r.note.createdAt,
  }));
}

/** The message thread of an application (oldest first), for either party. */
export async function listMessages(db: Executor, access: ApplicationViewer, applicationId: string) {
  const application = await assertApplicationParty(db, access, applicationId);
  const rows = await db
    .select({
      message: applicationMessages,
      firstName: appUsers.firstName,
      lastName: appUsers.lastName,
      email: appUsers.email,
    })
    .from(applicationMessages)
    .leftJoin(appUsers, eq(appUsers.id, applicationMessages.authorUserId))
    .where(
      and(
        eq(applicationMessages.applicationId, application.id),
        eq(applicationMessages.organizationId, access.organizationId),
      ),
    )
    .orderBy(asc(applicationMessages.createdAt), asc(applicationMessages.id))
    .limit(1000);
  return {
    messages: rows.map((r) => ({
      id: r.message.id,
      side: r.message.side,
      body: r.message.body,
      authorName: personName(r.firstName, r.lastName, r.email),
      mine: r.message.authorUserId === access.userId,
      createdAt: r.message.createdAt,
    })),
  };
}

/** Posts to the thread and tells the other side. */
export async function postMessage(
  db: Executor,
  access: ApplicationViewer,
  input: { applicationId: string; body: string },
  services?: NotificationServices | null,
) {
  const { message, rows } = await inTransaction(db, async (tx) => {
    const application = await assertApplicationParty(tx, access, input.applicationId);
    const [message] = await tx
      .insert(applicationMessages)
      .values({
        organizationId: access.organizationId,
        applicationId: application.id,
        authorUserId: access.userId,
        side: access.portal,
        body: input.body,
      })
      .returning();
    const reference = applicationReference(application.number);
    const preview = input.body.length > 200 ? `${input.body.slice(0, 199)}…` : input.body;
    const notifications =
      access.portal === 'borrower'
        ? toStaff(
            access.organizationId,
            await originationStaff(tx, access.organizationId, application.assigneeUserId),
            {
              kind: 'message_received',
              title: `New message on ${reference}`,
              body: `The borrower wrote on ${reference}: “${preview}”`,
              applicationId: application.id,
            },
          )
        : [
            {
              organizationId: access.organizationId,
              recipientUserId: application.borrowerUserId,
              portal: 'borrower' as const,
              kind: 'message_received' as const,
              title: `New message about ${reference}`,
              body: `Your lender wrote about application ${reference}: “${preview}”`,
              applicationId: application.id,
            },
          ];
    return { message: message!, rows: await recordNotifications(tx, notifications) };
  });
  await deliverNotificationEmails(db, services, rows);
  return { id: message.id, side: message.side, body: message.body, createdAt: message.createdAt };
}
