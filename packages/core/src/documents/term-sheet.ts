/**
 * The signed term sheet: when the borrower accepts an offer, its terms, APR, schedule summary and
 * the typed signature are rendered as a PDF (term-sheet-pdf.ts) and stored as a `term_sheet`
 * document of the application, with its SHA-256. Both sides download it like any document.
 *
 * Call `storeSignedTermSheet` after the acceptance has committed (storage is not transactional,
 * and on PGlite the outer database cannot be used inside a transaction). It is idempotent per
 * offer: calling it again (a retry, a concurrent call) returns the one stored term sheet.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { estimateLoan } from '@lending/loan-math';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import { applications, documents, offers, organizations } from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import type { DocumentStorage } from '../storage/storage.ts';
import { TERM_SHEET_CHECKLIST_KEY } from './documents.constants.ts';
import { renderTermSheetPdf, type TermSheetPdfData } from './term-sheet-pdf.ts';

/** "1234567.5" → "$1,234,567.50": decimal strings only, never a float. */
export function formatUsd(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace(/^-/, '').split('.');
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** "11.5000000000" → "11.5". */
export function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

const FREQUENCY_WORDS: Record<string, string> = {
  monthly: 'monthly',
  quarterly: 'quarterly',
  semiannual: 'semi-annual',
  annual: 'annual',
  weekly: 'weekly',
  biweekly: 'every two weeks',
  semimonthly: 'twice a month',
  daily: 'daily',
};
const AMORTIZATION_WORDS: Record<string, string> = {
  interest_only: 'Interest-only, principal at maturity',
  equal_installments: 'Equal installments',
  equal_principal: 'Equal principal',
};

/** The engine's amounts have two decimals: compare them as integer cents. */
const cents = (amount: string) => BigInt(amount.replace('.', ''));

type OfferRow = typeof offers.$inferSelect;

/** The PDF's content from an accepted offer (and its application and organization). */
export function termSheetData(
  offer: OfferRow,
  context: { organizationName: string; borrowerName: string },
): TermSheetPdfData {
  if (!offer.acceptedAt || !offer.acceptedBy || !offer.signatureName) {
    throw new DomainError('CONFLICT', 'Only an accepted, signed offer has a signed term sheet.');
  }
  const terms = offer.terms;
  const frequency = FREQUENCY_WORDS[terms.frequency] ?? terms.frequency;
  const schedule = estimateLoan(terms);
  const installments = schedule.installments;
  const first = installments[0];
  const last = installments.at(-1);
  const balloon =
    last && first && installments.length > 1 && cents(last.total) > 2n * cents(first.total)
      ? ' (balloon)'
      : '';
  return {
    organizationName: context.organizationName,
    borrowerName: context.borrowerName,
    applicationId: offer.applicationId,
    offerId: offer.id,
    terms: [
      { label: 'Loan amount', value: formatUsd(offer.amount) },
      { label: 'Interest rate', value: `${trimDecimal(offer.annualRatePercent)} % a year` },
      { label: 'Term', value: `${offer.termPayments} ${frequency} payments` },
      {
        label: 'Amortization',
        value:
          (AMORTIZATION_WORDS[terms.amortization] ?? terms.amortization) +
          (terms.amortizationPayments && terms.amortizationPayments > offer.termPayments
            ? `, amortized over ${terms.amortizationPayments} payments (balloon at maturity)`
            : ''),
      },
      { label: 'Origination points', value: `${trimDecimal(offer.originationPoints)} %` },
      { label: 'Origination fee', value: formatUsd(offer.originationFee) },
      { label: 'Finance charge', value: formatUsd(offer.financeCharge) },
      { label: 'Offer expired', value: offer.expiresAt.toISOString().slice(0, 10) },
    ],
    apr: `${trimDecimal(offer.aprPercent)} %`,
    schedule: [
      { label: 'Payments', value: `${installments.length} ${frequency}` },
      ...(first ? [{ label: 'First payment', value: `${formatUsd(first.total)} on ${first.dueDate}` }] : []),
      ...(schedule.installmentAmount
        ? [{ label: 'Regular payment', value: formatUsd(schedule.installmentAmount) }]
        : []),
      ...(last
        ? [{ label: `Final payment${balloon}`, value: `${formatUsd(last.total)} on ${last.dueDate}` }]
        : []),
      { label: 'Maturity', value: schedule.maturityDate },
      { label: 'Total interest', value: formatUsd(schedule.totals.interest) },
      { label: 'Total of payments', value: formatUsd(schedule.totals.total) },
    ],
    signature: {
      typedName: offer.signatureName,
      signedAt: offer.acceptedAt,
      signerUserId: offer.acceptedBy,
    },
  };
}

/**
 * Renders and stores the signed term sheet of an accepted offer, once. Returns the document's id,
 * SHA-256 and whether this call created it.
 */
export async function storeSignedTermSheet(
  db: Executor,
  storage: DocumentStorage,
  target: { organizationId: string; offerId: string },
): Promise<{ documentId: string; sha256: string; created: boolean }> {
  const existing = async () => {
    const [row] = await db
      .select({ id: documents.id, sha256: documents.sha256 })
      .from(documents)
      .where(
        and(
          eq(documents.organizationId, target.organizationId),
          eq(documents.offerId, target.offerId),
          eq(documents.kind, 'term_sheet'),
        ),
      )
      .limit(1);
    return row;
  };
  const already = await existing();
  if (already) return { documentId: already.id, sha256: already.sha256, created: false };

  const [found] = await db
    .select({ offer: offers, application: applications, organizationName: organizations.name })
    .from(offers)
    .innerJoin(applications, eq(applications.id, offers.applicationId))
    .innerJoin(organizations, eq(organizations.id, offers.organizationId))
    .where(and(eq(offers.id, target.offerId), eq(offers.organizationId, target.organizationId)))
    .limit(1);
  if (!found) throw new DomainError('NOT_FOUND', 'That offer was not found.');
  if (found.offer.status !== 'accepted') {
    throw new DomainError('CONFLICT', 'Only an accepted offer has a signed term sheet.');
  }
  const { application } = found;
  const borrowerName =
    application.applicantKind === 'entity' && application.entityName
      ? application.entityName
      : [application.firstName, application.lastName].filter(Boolean).join(' ') ||
        found.offer.signatureName ||
        '—';
  const pdf = await renderTermSheetPdf(
    termSheetData(found.offer, { organizationName: found.organizationName, borrowerName }),
  );
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const storageKey = `documents/${target.organizationId}/${randomUUID()}`;
  await storage.put(storageKey, Readable.from([pdf]));
  try {
    const inserted = await inTransaction(db, async (tx) => {
      const [row] = await tx
        .insert(documents)
        .values({
          organizationId: target.organizationId,
          applicationId: application.id,
          checklistKey: TERM_SHEET_CHECKLIST_KEY,
          kind: 'term_sheet',
          fileName: `Signed term sheet A-${String(application.number).padStart(6, '0')}.pdf`,
          contentType: 'application/pdf',
          sizeBytes: pdf.length,
          sha256,
          storageKey,
          status: 'accepted',
          offerId: found.offer.id,
          uploadedBy: found.offer.acceptedBy!,
        })
        .onConflictDoNothing({
          target: documents.offerId,
          where: eq(documents.kind, 'term_sheet'),
        })
        .returning({ id: documents.id });
      if (!row) return undefined;
      await recordAudit(tx, {
        organizationId: target.organizationId,
        actorUserId: found.offer.acceptedBy,
        action: 'document.term_sheet_stored',
        entityType: 'document',
        entityId: row.id,
        after: { applicationId: application.id, offerId: found.offer.id, sha256, size: pdf.length },
      });
      return row;
    });
    if (inserted) return { documentId: inserted.id, sha256, created: true };
  } catch (error) {
    await storage.delete(storageKey).catch(() => {});
    throw error;
  }
  // A concurrent call stored it first: keep theirs.
  await storage.delete(storageKey).catch(() => {});
  const theirs = await existing();
  if (!theirs) throw new Error('The signed term sheet vanished while being stored.');
  return { documentId: theirs.id, sha256: theirs.sha256, created: false };
}
