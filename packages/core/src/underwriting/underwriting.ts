/**
 * Underwriting figures and conditions. Ratios are computed with decimal.js from the application's
 * money strings (never floats) and rounded half-up to 2 decimals; each is compared with the limit
 * of the product version the application started with, and a breach is flagged.
 *
 * - LTV = loan amount / as-is value
 * - LTC = loan amount / (purchase price + rehab budget)      (purchase price: as-is value if none)
 * - ARV-LTV = loan amount / after-repair value
 * - DSCR = (monthly rent − monthly expenses) / monthly debt service, where rents are given
 * The loan amount is the live offer's (pending or accepted), otherwise the requested amount; the
 * debt service is the offer's payment, otherwise the engine's estimate at the product's usual rate.
 */
import Decimal from 'decimal.js';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/access.ts';
import type { ConditionStatus } from '../applications/applications.constants.ts';
import { assertApplicationParty } from '../applications/applications.ts';
import { type ApplicationRow, applicationReference } from '../applications/state-machine.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import { applicationConditions, appUsers, offers } from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { estimate, termsFor, todayUtc } from '../offers/terms.ts';
import type { ProductVersionRow } from '../products/products.ts';
import { productVersionById } from '../products/products.ts';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export interface Figure {
  /** Percent ("72.50") for LTV/LTC/ARV-LTV; a ratio ("1.31") for DSCR; null when it cannot be computed. */
  value: string | null;
  /** The product's limit (a maximum; for DSCR a minimum), or null. */
  limit: string | null;
  breached: boolean;
  /** Why a figure is missing ("no as-is value yet"). */
  note: string | null;
}

function ratio(numerator: Decimal | null, denominator: Decimal | null, percent: boolean): string | null {
  if (!numerator || !denominator || denominator.lte(0)) return null;
  const r = numerator.div(denominator);
  return (percent ? r.times(100) : r).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

const dec = (v: string | null | undefined) => (v === null || v === undefined ? null : new D(v));

function maxFigure(value: string | null, limit: string | null, note: string): Figure {
  return {
    value,
    limit,
    breached: value !== null && limit !== null && new D(value).gt(limit),
    note: value === null ? note : null,
  };
}

export async function underwritingFigures(
  db: Executor,
  application: ApplicationRow,
  version: ProductVersionRow | null,
) {
  const [offer] = await db
    .select()
    .from(offers)
    .where(and(eq(offers.applicationId, application.id), inArray(offers.status, ['pending', 'accepted'])))
    .orderBy(desc(offers.issuedAt))
    .limit(1);
  const amountString = offer?.amount ?? application.requestedAmount;
  const amount = dec(amountString);
  const asIs = dec(application.asIsValue);
  const cost =
    application.purchasePrice || application.asIsValue
      ? dec(application.purchasePrice ?? application.asIsValue)!.plus(application.rehabBudget ?? '0')
      : null;
  const arv = dec(application.afterRepairValue);
  let monthlyDebtService: string | null = offer?.paymentAmount ?? null;
  if (!monthlyDebtService && version && application.requestedAmount && application.requestedTermPayments) {
    try {
      const e = estimate(
        termsFor(version, {
          amount: application.requestedAmount,
          annualRatePercent: version.baseRatePercent,
          termPayments: application.requestedTermPayments,
          originationPoints: version.originationPoints,
          originationFee: version.originationFee,
          startDate: todayUtc(),
        }),
      );
      monthlyDebtService = e.installmentAmount ?? e.installments[0]?.total ?? null;
    } catch {
      monthlyDebtService = null; // terms the engine refuses: no DSCR rather than an error on the page
    }
  }
  const frequency = version?.engineSettings.frequency ?? 'monthly';
  const rentGiven = application.monthlyRent !== null && new D(application.monthlyRent).gt(0);
  let dscr: Figure;
  if (!rentGiven)
    dscr = { value: null, limit: version?.minDscr ?? null, breached: false, note: 'No rents given.' };
  else if (frequency !== 'monthly')
    dscr = {
      value: null,
      limit: version?.minDscr ?? null,
      breached: false,
      note: 'DSCR is computed for monthly payments only.',
    };
  else {
    const noi = new D(application.monthlyRent!).minus(application.monthlyExpenses ?? '0');
    const value = ratio(noi, dec(monthlyDebtService), false);
    const limit = version?.minDscr ?? null;
    dscr = {
      value,
      limit,
      breached: value !== null && limit !== null && new D(value).lt(limit),
      note: value === null ? 'No payment to compare with yet.' : null,
    };
  }
  const figures = {
    loanAmount: amountString,
    amountSource: (offer ? 'offer' : 'request') as 'offer' | 'request',
    monthlyDebtService,
    ltv: maxFigure(
      ratio(amount, asIs, true),
      version?.maxLtvPercent ?? null,
      'Needs the loan amount and the as-is value.',
    ),
    ltc: maxFigure(
      ratio(amount, cost, true),
      version?.maxLtcPercent ?? null,
      'Needs the loan amount and the purchase price.',
    ),
    arvLtv: maxFigure(
      ratio(amount, arv, true),
      version?.maxArvLtvPercent ?? null,
      'Needs the loan amount and the after-repair value.',
    ),
    dscr,
    amountWithinBounds:
      !version || !amountString
        ? null
        : new D(amountString).gte(version.minAmount) && new D(amountString).lte(version.maxAmount),
  };
  const breaches = (['ltv', 'ltc', 'arvLtv', 'dscr'] as const).filter((k) => figures[k].breached);
  return { ...figures, breaches };
}

export async function figuresFor(db: Executor, actor: Actor, applicationId: string) {
  const application = await assertApplicationParty(db, { ...actor, portal: 'lender' }, applicationId);
  const version = application.productVersionId
    ? await productVersionById(db, actor.organizationId, application.productVersionId)
    : null;
  return underwritingFigures(db, application, version);
}

export async function conditionsOf(db: Executor, application: ApplicationRow) {
  const rows = await db
    .select({
      condition: applicationConditions,
      firstName: appUsers.firstName,
      lastName: appUsers.lastName,
      email: appUsers.email,
    })
    .from(applicationConditions)
    .leftJoin(appUsers, eq(appUsers.id, applicationConditions.resolvedBy))
    .where(
      and(
        eq(applicationConditions.applicationId, application.id),
        eq(applicationConditions.organizationId, application.organizationId),
      ),
    )
    .orderBy(asc(applicationConditions.createdAt), asc(applicationConditions.id));
  return rows.map((r) => ({
    id: r.condition.id,
    title: r.condition.title,
    description: r.condition.description,
    status: r.condition.status,
    resolvedBy: r.condition.resolvedBy,
    resolvedByName: [r.firstName, r.lastName].filter(Boolean).join(' ') || r.email || null,
    resolvedAt: r.condition.resolvedAt,
    resolutionNote: r.condition.resolutionNote,
    createdAt: r.condition.createdAt,
  }));
}

const CLOSED = ['funded', 'declined', 'withdrawn'];

export async function addCondition(
  db: Executor,
  actor: Actor,
  input: { applicationId: string; title: string; description: string | null },
) {
  return inTransaction(db, async (tx) => {
    const application = await assertApplicationParty(tx, { ...actor, portal: 'lender' }, input.applicationId);
    if (CLOSED.includes(application.status))
      throw new DomainError(
        'CONFLICT',
        `Application ${applicationReference(application.number)} is closed: its conditions can no longer change.`,
      );
    const [condition] = await tx
      .insert(applicationConditions)
      .values({
        organizationId: actor.organizationId,
        applicationId: application.id,
        title: input.title,
        description: input.description,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'condition.added',
      entityType: 'application_condition',
      entityId: condition!.id,
      after: condition,
    });
    return condition!;
  });
}

export async function setConditionStatus(
  db: Executor,
  actor: Actor,
  input: { conditionId: string; status: ConditionStatus; note: string | null },
) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .select()
      .from(applicationConditions)
      .where(
        and(
          eq(applicationConditions.id, input.conditionId),
          eq(applicationConditions.organizationId, actor.organizationId),
        ),
      )
      .for('update');
    if (!row) throw new DomainError('NOT_FOUND', 'That condition was not found.');
    const application = await assertApplicationParty(tx, { ...actor, portal: 'lender' }, row.applicationId);
    if (CLOSED.includes(application.status))
      throw new DomainError(
        'CONFLICT',
        `Application ${applicationReference(application.number)} is closed: its conditions can no longer change.`,
      );
    const resolved = input.status !== 'open';
    const [updated] = await tx
      .update(applicationConditions)
      .set({
        status: input.status,
        resolvedBy: resolved ? actor.userId : null,
        resolvedAt: resolved ? new Date() : null,
        resolutionNote: input.note,
        updatedAt: new Date(),
      })
      .where(eq(applicationConditions.id, row.id))
      .returning();
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: `condition.${input.status}`,
      entityType: 'application_condition',
      entityId: row.id,
      before: { status: row.status },
      after: { status: input.status, note: input.note },
    });
    return updated!;
  });
}
