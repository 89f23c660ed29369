/**
 * Offers (term sheets): the underwriter's numbers on the product version's terms, estimated by the
 * engine (payment, APR with points and fees). Issuing supersedes the pending offer in the same
 * transaction (one pending offer per application, also by a unique index). The borrower accepts
 * with a typed-name signature, or declines. Expiry is derived when read: a pending offer whose
 * `expires_at` has passed shows as `expired` and cannot be accepted.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { PortalAccess } from '../access/access.ts';
import { assertApplicationParty, supersedePendingOffers } from '../applications/applications.ts';
import {
  applicationReference,
  type TransitionActor,
  transitionApplication,
} from '../applications/state-machine.ts';
import type { Executor } from '../db/client.ts';
import { offers } from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import type { NotificationServices } from '../notifications/notifications.ts';
import { compareDecimals } from '../products/products.inputs.ts';
import { type ProductVersionRow, productVersionById } from '../products/products.ts';
import type { IssueOfferInput } from './offers.inputs.ts';
import { estimate, summarize, termsFor, todayUtc, validTerms } from './terms.ts';

export type OfferRow = typeof offers.$inferSelect;
export type OfferStatusShown = OfferRow['status'] | 'expired';

export const OFFER_NOT_FOUND = 'That offer was not found.';

/** The status a person sees: a pending offer past its expiry is expired. */
export function shownStatus(offer: OfferRow, now = new Date()): OfferStatusShown {
  return offer.status === 'pending' && offer.expiresAt.getTime() <= now.getTime() ? 'expired' : offer.status;
}

export function offerView(offer: OfferRow, now = new Date()) {
  return {
    id: offer.id,
    applicationId: offer.applicationId,
    status: shownStatus(offer, now),
    amount: offer.amount,
    annualRatePercent: offer.annualRatePercent,
    termPayments: offer.termPayments,
    originationPoints: offer.originationPoints,
    originationFee: offer.originationFee,
    amortization: offer.terms.amortization,
    amortizationPayments: offer.terms.amortizationPayments ?? null,
    frequency: offer.terms.frequency,
    dayCount: offer.terms.dayCount,
    aprPercent: offer.aprPercent,
    paymentAmount: offer.paymentAmount,
    financeCharge: offer.financeCharge,
    prepaidFinanceCharges: offer.prepaidFinanceCharges,
    expiresAt: offer.expiresAt,
    notes: offer.notes,
    issuedAt: offer.issuedAt,
    signatureName: offer.signatureName,
    acceptedAt: offer.acceptedAt,
    declinedAt: offer.declinedAt,
    declineReason: offer.declineReason,
    supersededAt: offer.supersededAt,
  };
}

type OfferNumbersInput = Omit<IssueOfferInput, 'validForDays' | 'notes' | 'expectedVersion'>;

/** Checks the numbers against the product's bounds, then estimates. 400 with the reasons otherwise. */
function priceOffer(version: ProductVersionRow, input: OfferNumbersInput) {
  const problems: string[] = [];
  if (
    compareDecimals(input.amount, version.minAmount) < 0 ||
    compareDecimals(input.amount, version.maxAmount) > 0
  )
    problems.push(`the amount must be between ${version.minAmount} and ${version.maxAmount}`);
  if (
    compareDecimals(input.annualRatePercent, version.minRatePercent) < 0 ||
    compareDecimals(input.annualRatePercent, version.maxRatePercent) > 0
  )
    problems.push(`the rate must be between ${version.minRatePercent} % and ${version.maxRatePercent} %`);
  if (input.termPayments < version.minTermPayments || input.termPayments > version.maxTermPayments)
    problems.push(
      `the term must be between ${version.minTermPayments} and ${version.maxTermPayments} installments`,
    );
  if (input.amortizationPayments && input.amortizationPayments < input.termPayments)
    problems.push('the amortization must be at least the term (longer makes a balloon)');
  if (problems.length > 0)
    throw new DomainError(
      'BAD_REQUEST',
      `This offer is outside the product “${version.name}”: ${problems.join('; ')}.`,
    );
  const terms = termsFor(version, {
    amount: input.amount,
    annualRatePercent: input.annualRatePercent,
    termPayments: input.termPayments,
    originationPoints: input.originationPoints ?? version.originationPoints,
    originationFee: input.originationFee ?? version.originationFee,
    amortization: input.amortization,
    amortizationPayments: input.amortizationPayments,
    startDate: input.expectedFundingDate ?? todayUtc(),
  });
  const valid = validTerms(terms);
  return { terms: valid, summary: summarize(estimate(valid)) };
}

async function versionForOffer(db: Executor, access: PortalAccess, applicationId: string) {
  const application = await assertApplicationParty(db, access, applicationId);
  if (!application.productVersionId)
    throw new DomainError('BAD_REQUEST', 'This application has no loan product yet.');
  return {
    application,
    version: await productVersionById(db, access.organizationId, application.productVersionId),
  };
}

/** What the offer would be, without issuing it (the underwriter's live preview). */
export async function previewOffer(db: Executor, access: PortalAccess, input: OfferNumbersInput) {
  const { version } = await versionForOffer(db, access, input.applicationId);
  const { terms, summary } = priceOffer(version, input);
  return {
    ...summary,
    originationPoints: terms.originationPoints,
    originationFee: terms.originationFee,
    amortization: terms.amortization,
  };
}

/** Issues an offer: supersedes the pending one and moves the application to `offered`, atomically. */
export async function issueOffer(
  db: Executor,
  access: PortalAccess & TransitionActor,
  input: IssueOfferInput,
  services?: NotificationServices | null,
) {
  const outcome = await transitionApplication(
    db,
    access,
    { applicationId: input.applicationId, action: 'issue_offer', expectedVersion: input.expectedVersion },
    async (tx, application) => {
      // Priced inside the transaction, on the locked application's own product version.
      const version = await productVersionById(tx, access.organizationId, application.productVersionId!);
      const { terms, summary } = priceOffer(version, input);
      await supersedePendingOffers(tx, application.id, 'superseded');
      const [offer] = await tx
        .insert(offers)
        .values({
          organizationId: access.organizationId,
          applicationId: application.id,
          productVersionId: version.id,
          amount: terms.principal,
          annualRatePercent: terms.annualRate,
          termPayments: terms.payments,
          originationPoints: terms.originationPoints,
          originationFee: terms.originationFee,
          terms,
          aprPercent: summary.aprPercent,
          paymentAmount: summary.paymentAmount,
          financeCharge: summary.financeCharge,
          prepaidFinanceCharges: summary.prepaidFinanceCharges,
          expiresAt: new Date(Date.now() + input.validForDays * 86_400_000),
          notes: input.notes,
          issuedBy: access.userId,
        })
        .returning();
      const reference = applicationReference(application.number);
      return {
        result: offer!,
        notify: [
          {
            organizationId: access.organizationId,
            recipientUserId: application.borrowerUserId,
            portal: 'borrower' as const,
            kind: 'offer_issued' as const,
            title: `Your offer for ${reference}`,
            body: `You have an offer for application ${reference}: ${terms.principal} at ${terms.annualRate} % (APR ${summary.aprPercent} %). Review and accept it before ${offer!.expiresAt.toUTCString()}.`,
            applicationId: application.id,
          },
        ],
      };
    },
    services,
  );
  return { offer: offerView(outcome.result), applicationVersion: outcome.application.version };
}

async function offerForBorrower(db: Executor, access: PortalAccess, offerId: string) {
  const [offer] = await db
    .select()
    .from(offers)
    .where(and(eq(offers.id, offerId), eq(offers.organizationId, access.organizationId)));
  if (!offer) throw new DomainError('NOT_FOUND', OFFER_NOT_FOUND);
  // Not their application: the same answer as a missing offer.
  await assertApplicationParty(db, access, offer.applicationId).catch(() => {
    throw new DomainError('NOT_FOUND', OFFER_NOT_FOUND);
  });
  return offer;
}

const normalizedName = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The borrower accepts the pending offer by typing their name as on the application. Records the
 * signer and the time. Hook point for the documents area: render the signed term sheet after this
 * returns (see `afterOfferAccepted`).
 */
export async function acceptOffer(
  db: Executor,
  access: PortalAccess & TransitionActor,
  input: { offerId: string; signatureName: string },
  services?: NotificationServices | null,
) {
  const found = await offerForBorrower(db, access, input.offerId);
  const outcome = await transitionApplication(
    db,
    access,
    { applicationId: found.applicationId, action: 'accept_offer' },
    async (tx, application) => {
      const [offer] = await tx.select().from(offers).where(eq(offers.id, found.id)).for('update');
      if (offer?.status !== 'pending')
        throw new DomainError(
          'CONFLICT',
          `This offer is ${offer?.status ?? 'gone'}: only the current offer can be accepted. Reload to see it.`,
        );
      if (shownStatus(offer) === 'expired')
        throw new DomainError('CONFLICT', 'This offer has expired. Ask your lender for a new one.');
      const expected = [application.firstName, application.lastName].filter(Boolean).join(' ');
      if (expected && normalizedName(input.signatureName) !== normalizedName(expected))
        throw new DomainError(
          'BAD_REQUEST',
          `Type your full name as on the application (${expected.slice(0, 120)}) to sign.`,
        );
      const [accepted] = await tx
        .update(offers)
        .set({
          status: 'accepted',
          signatureName: input.signatureName,
          acceptedBy: access.userId,
          acceptedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(offers.id, offer.id))
        .returning();
      return { result: accepted! };
    },
    services,
  );
  return { offer: offerView(outcome.result), application: outcome.application };
}

/**
 * Hook point for the documents area: called by the router after an offer is accepted and committed
 * (render and store the signed term sheet here). Deliberately empty on this branch.
 */
export async function afterOfferAccepted(
  _db: Executor,
  _accepted: Awaited<ReturnType<typeof acceptOffer>>,
): Promise<void> {}

export async function declineOffer(
  db: Executor,
  access: PortalAccess & TransitionActor,
  input: { offerId: string; reason: string | null },
  services?: NotificationServices | null,
) {
  const found = await offerForBorrower(db, access, input.offerId);
  const outcome = await transitionApplication(
    db,
    access,
    { applicationId: found.applicationId, action: 'decline_offer', reason: input.reason },
    async (tx) => {
      const [offer] = await tx.select().from(offers).where(eq(offers.id, found.id)).for('update');
      if (offer?.status !== 'pending')
        throw new DomainError(
          'CONFLICT',
          `This offer is ${offer?.status ?? 'gone'}: only the current offer can be declined.`,
        );
      const [declined] = await tx
        .update(offers)
        .set({
          status: 'declined',
          declinedBy: access.userId,
          declinedAt: new Date(),
          declineReason: input.reason,
          updatedAt: new Date(),
        })
        .where(eq(offers.id, offer.id))
        .returning();
      return { result: declined! };
    },
    services,
  );
  return { offer: offerView(outcome.result), application: outcome.application };
}

/** The offers of an application, newest first, for either party. */
export async function listOffers(db: Executor, access: PortalAccess, applicationId: string) {
  const application = await assertApplicationParty(db, access, applicationId);
  const rows = await db
    .select()
    .from(offers)
    .where(and(eq(offers.applicationId, application.id), eq(offers.organizationId, access.organizationId)))
    .orderBy(desc(offers.issuedAt), desc(offers.id));
  const now = new Date();
  return { offers: rows.map((o) => offerView(o, now)) };
}
