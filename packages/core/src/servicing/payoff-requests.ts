/**
 * Payoff requests (issue 9 item 4): a borrower asks the lender for a payoff letter good through a
 * date (closing day, say), with an optional note; the organization's admins and servicers are told
 * in the app and by email (`payoff_quote_requested`); a servicer sends the letter and marks the
 * request sent, and the borrower is told (`payoff_letter_sent`). The letter is servicing's payoff
 * quote for the good-through date, rendered on download, never stored.
 *
 * Rules: the loan is the borrower's own and open (active or defaulted); the date is from today
 * (UTC) — and not before funding — to PAYOFF_REQUEST_HORIZON_DAYS ahead; at most
 * MAX_OPEN_PAYOFF_REQUESTS open requests per loan (checked under the loan's row lock, so two
 * requests at once cannot both pass it). The client's idempotency key makes a retried request one
 * request and one set of notifications.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { applications, loans, payoffRequests } from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { findLoan, loanReference } from '../loans/loans.ts';
import {
  deliverNotificationEmails,
  type NotificationServices,
  notify,
  recordNotifications,
} from '../notifications/notifications.ts';
import { todayUtc } from '../offers/terms.ts';
import { addDays } from './balances.ts';
import type { ServicingAccess } from './ledger.ts';
import {
  type MarkPayoffRequestSentInput,
  PAYOFF_REQUEST_HORIZON_DAYS,
  type PayoffRequestStatus,
  type RequestPayoffInput,
} from './servicing.inputs.ts';
import { servicingStaff } from './staff.ts';

/** Open requests one loan may have at once: enough for a changed closing date, not a flood. */
export const MAX_OPEN_PAYOFF_REQUESTS = 3;

export const PAYOFF_REQUEST_NOT_FOUND = 'That payoff request was not found.';

export type PayoffRequestRow = typeof payoffRequests.$inferSelect;

export function payoffRequestOut(r: PayoffRequestRow) {
  return {
    id: r.id,
    loanId: r.loanId,
    goodThrough: r.goodThrough,
    note: r.note,
    status: r.status as PayoffRequestStatus,
    answeredAt: r.answeredAt,
    answerNote: r.answerNote,
    createdAt: r.createdAt,
    /** Where the letter for this request downloads (the loan's borrower and staff only). */
    letterPath: `/api/loans/${r.loanId}/payoff-letter.pdf?asOf=${r.goodThrough}`,
  };
}

const clientKey = (key: string) => `client:${key}`;
const OPEN_LOAN_STATUSES = new Set(['active', 'defaulted']);

async function byKey(db: Executor, organizationId: string, key: string) {
  const [row] = await db
    .select()
    .from(payoffRequests)
    .where(and(eq(payoffRequests.organizationId, organizationId), eq(payoffRequests.idempotencyKey, key)));
  return row;
}

function replayOf(row: PayoffRequestRow, access: ServicingAccess, input: RequestPayoffInput) {
  if (
    row.loanId !== input.loanId ||
    row.requestedBy !== access.userId ||
    row.goodThrough !== input.goodThrough ||
    (row.note ?? '') !== (input.note ?? '')
  )
    throw new DomainError(
      'CONFLICT',
      'That idempotency key was already used for another request: use a new key.',
    );
  return { request: payoffRequestOut(row), replayed: true };
}

/** The borrower asks for a payoff letter; staff are notified once, however often it is retried. */
export async function requestPayoff(
  db: Executor,
  access: ServicingAccess,
  input: RequestPayoffInput,
  services?: NotificationServices | null,
) {
  // The borrower's own loan (another borrower's or organization's: not found).
  const loan = await findLoan(db, access, input.loanId);
  const key = clientKey(input.idempotencyKey);
  const existing = await byKey(db, loan.organizationId, key);
  if (existing) return replayOf(existing, access, input);

  const today = todayUtc();
  const latest = addDays(today, PAYOFF_REQUEST_HORIZON_DAYS);
  if (input.goodThrough < today)
    throw new DomainError(
      'BAD_REQUEST',
      `The good-through date cannot be in the past: choose ${today} or later.`,
    );
  if (input.goodThrough > latest)
    throw new DomainError(
      'BAD_REQUEST',
      `The good-through date can be at most ${PAYOFF_REQUEST_HORIZON_DAYS} days ahead, ${latest}.`,
    );
  if (input.goodThrough < loan.fundedOn)
    throw new DomainError(
      'BAD_REQUEST',
      `The good-through date must be on or after the funding date, ${loan.fundedOn}.`,
    );

  const result = await inTransaction(db, async (tx) => {
    // Serial per loan: the open-request cap and the key check see every earlier request.
    const [locked] = await tx
      .select({ status: loans.status })
      .from(loans)
      .where(eq(loans.id, loan.id))
      .for('update');
    const again = await byKey(tx, loan.organizationId, key);
    if (again) return { replay: again };
    if (!locked || !OPEN_LOAN_STATUSES.has(locked.status))
      throw new DomainError(
        'CONFLICT',
        `This loan is ${(locked?.status ?? loan.status).replace('_', ' ')}: there is nothing to pay off.`,
      );
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(payoffRequests)
      .where(and(eq(payoffRequests.loanId, loan.id), eq(payoffRequests.status, 'open')));
    if ((open?.n ?? 0) >= MAX_OPEN_PAYOFF_REQUESTS)
      throw new DomainError(
        'CONFLICT',
        `You already have ${MAX_OPEN_PAYOFF_REQUESTS} payoff requests waiting on this loan: your lender answers those first.`,
      );
    const [row] = await tx
      .insert(payoffRequests)
      .values({
        organizationId: loan.organizationId,
        loanId: loan.id,
        requestedBy: access.userId,
        goodThrough: input.goodThrough,
        note: input.note || null,
        idempotencyKey: key,
      })
      .returning();
    const staff = await servicingStaff(tx, loan.organizationId);
    const reference = loanReference(loan.number);
    const notes = await recordNotifications(
      tx,
      staff.map((userId) => ({
        organizationId: loan.organizationId,
        recipientUserId: userId,
        portal: 'lender' as const,
        kind: 'payoff_quote_requested' as const,
        title: `Payoff letter requested on ${reference}`,
        body: `The borrower asks for a payoff letter good through ${input.goodThrough}.${
          input.note ? ` Their note: ${input.note}` : ''
        } Send it and mark the request sent in the loan's workspace.`,
        loanId: loan.id,
      })),
    );
    return { row: row!, notes };
  });
  if ('replay' in result) return replayOf(result.replay!, access, input);
  await deliverNotificationEmails(db, services, result.notes);
  return { request: payoffRequestOut(result.row), replayed: false };
}

/** The borrower's requests on one of their loans, newest first. */
export async function listMyPayoffRequests(db: Executor, access: ServicingAccess, loanId: string) {
  const loan = await findLoan(db, access, loanId);
  const rows = await db
    .select()
    .from(payoffRequests)
    .where(and(eq(payoffRequests.loanId, loan.id), eq(payoffRequests.requestedBy, access.userId)))
    .orderBy(desc(payoffRequests.createdAt))
    .limit(100);
  return { requests: rows.map(payoffRequestOut) };
}

const borrowerName = sql<string>`coalesce(nullif(${applications.entityName}, ''), nullif(trim(coalesce(${applications.firstName}, '') || ' ' || coalesce(${applications.lastName}, '')), ''), ${applications.email}, '')`;

/** The organization's requests by status (and loan), with the loan's reference and borrower. */
export async function listPayoffRequests(
  db: Executor,
  organizationId: string,
  query: { status: PayoffRequestStatus; loanId?: string | undefined },
) {
  const rows = await db
    .select({ request: payoffRequests, number: loans.number, borrowerName })
    .from(payoffRequests)
    .innerJoin(loans, eq(loans.id, payoffRequests.loanId))
    .innerJoin(applications, eq(applications.id, loans.applicationId))
    .where(
      and(
        eq(payoffRequests.organizationId, organizationId),
        eq(payoffRequests.status, query.status),
        query.loanId ? eq(payoffRequests.loanId, query.loanId) : undefined,
      ),
    )
    // Open: the most pressing date first. Sent: the latest answers first.
    .orderBy(
      ...(query.status === 'open'
        ? [payoffRequests.goodThrough, payoffRequests.createdAt]
        : [desc(payoffRequests.answeredAt)]),
    )
    .limit(200);
  return {
    requests: rows.map((r) => ({
      ...payoffRequestOut(r.request),
      loanReference: loanReference(r.number),
      borrowerName: r.borrowerName,
    })),
  };
}

/** A servicer sent the letter: the request is closed and the borrower told (once). */
export async function markPayoffRequestSent(
  db: Executor,
  actor: ServicingAccess,
  input: MarkPayoffRequestSentInput,
  services?: NotificationServices | null,
) {
  const result = await inTransaction(db, async (tx) => {
    const [request] = await tx
      .select()
      .from(payoffRequests)
      .where(
        and(
          eq(payoffRequests.id, input.payoffRequestId),
          eq(payoffRequests.organizationId, actor.organizationId),
        ),
      )
      .for('update');
    if (!request) throw new DomainError('NOT_FOUND', PAYOFF_REQUEST_NOT_FOUND);
    if (request.status === 'sent') return { row: request, changed: false };
    const [row] = await tx
      .update(payoffRequests)
      .set({
        status: 'sent',
        answeredBy: actor.userId,
        answeredAt: new Date(),
        answerNote: input.note || null,
      })
      .where(eq(payoffRequests.id, request.id))
      .returning();
    return { row: row!, changed: true };
  });
  if (result.changed) {
    const [loan] = await db
      .select({ number: loans.number })
      .from(loans)
      .where(eq(loans.id, result.row.loanId));
    await notify(db, services, [
      {
        organizationId: result.row.organizationId,
        recipientUserId: result.row.requestedBy,
        portal: 'borrower',
        kind: 'payoff_letter_sent',
        title: `Your payoff letter for ${loan ? loanReference(loan.number) : 'your loan'} is ready`,
        body: `Your payoff letter good through ${result.row.goodThrough} is ready: download it from your loan's page.${
          input.note ? ` Your lender adds: ${input.note}` : ''
        }`,
        loanId: result.row.loanId,
      },
    ]);
  }
  return { request: payoffRequestOut(result.row), alreadySent: !result.changed };
}
