/**
 * Borrower-submitted payments: pending until the lender confirms receipt (real money moves
 * outside the product). Confirming posts the ledger payment with the submission's idempotency
 * key, so confirming twice (or concurrently) posts one payment.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { paymentSubmissions } from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { loanReference } from '../loans/loans.ts';
import { type NotificationServices, notify } from '../notifications/notifications.ts';
import { todayUtc } from '../offers/terms.ts';
import { findLoan, type ServicingAccess } from './ledger.ts';
import { recordPayment, type ServicingActor } from './payments.ts';
import type { SubmitPaymentInput } from './servicing.inputs.ts';
import { servicingStaff } from './staff.ts';

export type PaymentSubmissionRow = typeof paymentSubmissions.$inferSelect;

export function submissionOut(s: PaymentSubmissionRow) {
  return {
    id: s.id,
    loanId: s.loanId,
    amount: s.amount,
    paymentDate: s.paymentDate,
    method: s.method,
    reference: s.reference,
    status: s.status as 'pending' | 'confirmed' | 'rejected',
    ledgerEntryId: s.ledgerEntryId,
    rejectionReason: s.rejectionReason,
    createdAt: s.createdAt,
  };
}

export async function submitPayment(
  db: Executor,
  access: ServicingAccess,
  input: SubmitPaymentInput,
  services?: NotificationServices | null,
) {
  const loan = await findLoan(db, access, input.loanId);
  const key = `submission:${input.idempotencyKey}`;
  const [existing] = await db
    .select()
    .from(paymentSubmissions)
    .where(
      and(
        eq(paymentSubmissions.organizationId, loan.organizationId),
        eq(paymentSubmissions.idempotencyKey, key),
      ),
    );
  if (existing) {
    if (existing.loanId !== loan.id || existing.submittedBy !== access.userId)
      throw new DomainError('CONFLICT', 'That idempotency key was already used: use a new key.');
    return { submission: submissionOut(existing), replayed: true };
  }
  if (loan.status !== 'active' && loan.status !== 'defaulted')
    throw new DomainError(
      'CONFLICT',
      `This loan is ${loan.status.replace('_', ' ')}: it takes no more payments.`,
    );
  if (input.paymentDate < loan.fundedOn || input.paymentDate > todayUtc())
    throw new DomainError('BAD_REQUEST', `The payment date must be between ${loan.fundedOn} and today.`);
  const [row] = await db
    .insert(paymentSubmissions)
    .values({
      organizationId: loan.organizationId,
      loanId: loan.id,
      submittedBy: access.userId,
      amount: input.amount,
      paymentDate: input.paymentDate,
      method: input.method,
      reference: input.reference ?? null,
      idempotencyKey: key,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return submitPayment(db, access, input, services);
  const staff = await servicingStaff(db, loan.organizationId);
  if (staff.length > 0)
    await notify(
      db,
      services,
      staff.map((s) => ({
        organizationId: loan.organizationId,
        recipientUserId: s,
        portal: 'lender' as const,
        kind: 'payment_submitted' as const,
        title: `Payment submitted on ${loanReference(loan.number)}`,
        body: `The borrower says ${input.amount} was sent on ${input.paymentDate} (${input.method}). Confirm it when it arrives.`,
        loanId: loan.id,
      })),
    );
  return { submission: submissionOut(row), replayed: false };
}

export async function listSubmissions(db: Executor, organizationId: string, status: string) {
  const rows = await db
    .select()
    .from(paymentSubmissions)
    .where(and(eq(paymentSubmissions.organizationId, organizationId), eq(paymentSubmissions.status, status)))
    .orderBy(desc(paymentSubmissions.createdAt))
    .limit(200);
  return { submissions: rows.map(submissionOut) };
}

export async function listMySubmissions(db: Executor, access: ServicingAccess, loanId: string) {
  const loan = await findLoan(db, access, loanId);
  const rows = await db
    .select()
    .from(paymentSubmissions)
    .where(eq(paymentSubmissions.loanId, loan.id))
    .orderBy(desc(paymentSubmissions.createdAt))
    .limit(200);
  return rows.map(submissionOut);
}

async function lockSubmission(tx: Executor, organizationId: string, id: string) {
  const [s] = await tx
    .select()
    .from(paymentSubmissions)
    .where(and(eq(paymentSubmissions.id, id), eq(paymentSubmissions.organizationId, organizationId)))
    .for('update');
  if (!s) throw new DomainError('NOT_FOUND', 'That payment submission was not found.');
  return s;
}

/** Confirms receipt: posts the payment (key = the submission's) and marks it confirmed. */
export async function confirmSubmission(
  db: Executor,
  actor: ServicingActor,
  submissionId: string,
  services?: NotificationServices | null,
) {
  const [first] = await db
    .select()
    .from(paymentSubmissions)
    .where(
      and(
        eq(paymentSubmissions.id, submissionId),
        eq(paymentSubmissions.organizationId, actor.organizationId),
      ),
    );
  if (!first) throw new DomainError('NOT_FOUND', 'That payment submission was not found.');
  if (first.status === 'rejected') throw new DomainError('CONFLICT', 'That submission was rejected.');
  const posted = await recordPayment(
    db,
    actor,
    {
      loanId: first.loanId,
      idempotencyKey: first.idempotencyKey,
      amount: first.amount,
      effectiveDate: first.paymentDate,
      method: first.method as never,
      reference: first.reference ?? undefined,
      submissionId: first.id,
    },
    services,
  );
  const row = await inTransaction(db, async (tx) => {
    const s = await lockSubmission(tx, actor.organizationId, submissionId);
    if (s.status === 'confirmed') return s;
    const [u] = await tx
      .update(paymentSubmissions)
      .set({
        status: 'confirmed',
        ledgerEntryId: posted.entry.id,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      })
      .where(eq(paymentSubmissions.id, s.id))
      .returning();
    return u!;
  });
  return { submission: submissionOut(row), entryId: posted.entry.id };
}

export async function rejectSubmission(
  db: Executor,
  actor: ServicingActor,
  input: { submissionId: string; reason: string },
  services?: NotificationServices | null,
) {
  const row = await inTransaction(db, async (tx) => {
    const s = await lockSubmission(tx, actor.organizationId, input.submissionId);
    if (s.status === 'confirmed')
      throw new DomainError('CONFLICT', 'That submission is already confirmed: reverse the payment instead.');
    if (s.status === 'rejected') return s;
    const [u] = await tx
      .update(paymentSubmissions)
      .set({
        status: 'rejected',
        rejectionReason: input.reason,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      })
      .where(eq(paymentSubmissions.id, s.id))
      .returning();
    return u!;
  });
  await notify(db, services, [
    {
      organizationId: row.organizationId,
      recipientUserId: row.submittedBy,
      portal: 'borrower',
      kind: 'payment_rejected',
      title: 'Your payment was not received',
      body: `The payment of ${row.amount} you reported on ${row.paymentDate} was not confirmed: ${input.reason}`,
      loanId: row.loanId,
    },
  ]);
  return { submission: submissionOut(row) };
}
