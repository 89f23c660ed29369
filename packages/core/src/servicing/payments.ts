/**
 * Payments, reversals, fees, payoff, default and charge-off: every write locks the loan row, is
 * idempotent per key, writes its ledger row through `postLedgerEntry` and reconciles the
 * allocations of earlier payments in the same transaction (docs/servicing.md).
 */
import type { PaymentAllocation } from '@lending/loan-math';
import Decimal from 'decimal.js';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import {
  ledgerEntries,
  loanProductVersions,
  loanRateChanges,
  loans,
  paymentReceipts,
} from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { findLoan, LOAN_NOT_FOUND, type LoanRow, loanReference } from '../loans/loans.ts';
import { type NotificationInput, type NotificationServices, notify } from '../notifications/notifications.ts';
import { todayUtc } from '../offers/terms.ts';
import { addDays } from './balances.ts';
import { removeUnearnedLateFees } from './late-fees.ts';
import {
  allocate,
  clientKey,
  commitmentCancelledKey,
  entryByKey,
  type LedgerEntryRow,
  ledgerOf,
  lockLoan,
  paymentColumns,
  payoffQuoteOf,
  postLedgerEntry,
  rateChangesOf,
  reconcileAllocations,
  reconcileWith,
  type ServicingAccess,
  viewOf,
} from './ledger.ts';
import type {
  ChargeFeeInput,
  PostPayoffInput,
  RecordPaymentInput,
  ReversePaymentInput,
} from './servicing.inputs.ts';

export interface ServicingActor extends ServicingAccess {}

const OPEN = new Set<LoanRow['status']>(['active', 'defaulted']);

function checkDate(loan: LoanRow, date: string, what: string) {
  if (date < loan.fundedOn)
    throw new DomainError(
      'BAD_REQUEST',
      `The ${what} must be on or after the funding date, ${loan.fundedOn} (it is ${date}).`,
    );
  if (date > todayUtc())
    throw new DomainError(
      'BAD_REQUEST',
      `The ${what} cannot be in the future (it is ${date}, today is ${todayUtc()}).`,
    );
}

function replayOf(entry: LedgerEntryRow, loanId: string | null, kind: LedgerEntryRow['kind']) {
  if ((loanId !== null && entry.loanId !== loanId) || entry.kind !== kind)
    throw new DomainError(
      'CONFLICT',
      'That idempotency key was already used for another request: use a new key.',
    );
  return { entry, replayed: true };
}

/**
 * paid_off when nothing is owed any more; back to active when a reversal reopens it. Read from the
 * engine's allocation directly (what balancesFromView's principal and 'paid' statuses are made
 * of), without deriving every installment's balances again.
 */
async function syncStatus(
  tx: Executor,
  loan: LoanRow,
  allocation: PaymentAllocation,
  actorUserId: string | null,
) {
  const settled =
    new Decimal(allocation.totals.principalOutstanding).lte(0) &&
    allocation.installments.every((i) => i.status === 'paid');
  let next = loan.status;
  if (settled && (loan.status === 'active' || loan.status === 'defaulted')) next = 'paid_off';
  if (!settled && loan.status === 'paid_off') next = 'active';
  if (next === loan.status) return loan.status;
  await tx.update(loans).set({ status: next, updatedAt: new Date() }).where(eq(loans.id, loan.id));
  await recordAudit(tx, {
    organizationId: loan.organizationId,
    actorUserId,
    action: `loan.${next}`,
    entityType: 'loan',
    entityId: loan.id,
    before: { status: loan.status },
    after: { status: next },
  });
  return next;
}

interface PostMoney {
  kind: 'payment' | 'payoff';
  loanId: string;
  key: string;
  amount: string;
  effectiveDate: string;
  method: string;
  reference?: string | undefined;
  submissionId?: string | null;
  description: string;
}

/**
 * `lockLoan` and the loan's rate changes (as `rateChangesOf` reads them) in one round trip: a
 * posting needs both, and round trips are a good part of a post's time. The subquery takes the
 * loan id as a parameter: a column interpolated here renders unqualified (`"id"`), which inside
 * the subquery means the rate change's own id, so every loan read as having no rate change.
 */
async function lockLoanWithRateChanges(tx: Executor, organizationId: string, loanId: string) {
  const [row] = await tx
    .select({
      loan: loans,
      changes: sql<{ from: string; annualRate: string }[]>`coalesce((
        select json_agg(json_build_object('from', c.from_date, 'annualRate', c.annual_rate_percent::text)
          order by c.from_date)
        from ${loanRateChanges} c where c.loan_id = ${loanId}), '[]'::json)`,
      // (${loans.id} would render unqualified here — a single-table select — and match c.id.)
    })
    .from(loans)
    .where(and(eq(loans.id, loanId), eq(loans.organizationId, organizationId)))
    .for('update');
  if (!row) throw new DomainError('NOT_FOUND', LOAN_NOT_FOUND);
  // PGlite and node-postgres both parse json; be safe if a driver hands back the text.
  const changes = typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes;
  return { loan: row.loan, changes: changes as { from: string; annualRate: string }[] };
}

/**
 * The loan's ledger and the row already written with `key` (on any loan of the organization), in
 * one round trip: a posting needs both, after the lock (a round trip is a good part of a post).
 */
async function ledgerWithKey(tx: Executor, loan: LoanRow, key: string) {
  const rows = await tx
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.organizationId, loan.organizationId),
        or(eq(ledgerEntries.loanId, loan.id), eq(ledgerEntries.idempotencyKey, key)),
      ),
    )
    .orderBy(asc(ledgerEntries.effectiveDate), asc(ledgerEntries.sequence));
  return {
    entries: rows.filter((e) => e.loanId === loan.id),
    existing: rows.find((e) => e.idempotencyKey === key),
  };
}

/** Posts a payment-like row (payment, payoff) in `tx`: lock, replay, allocate, insert, reconcile. */
async function postMoneyIn(tx: Executor, actor: ServicingActor, p: PostMoney) {
  const { loan, changes } = await lockLoanWithRateChanges(tx, actor.organizationId, p.loanId);
  const { entries, existing } = await ledgerWithKey(tx, loan, p.key);
  if (existing) return { ...replayOf(existing, loan.id, p.kind), loan };
  if (!OPEN.has(loan.status))
    throw new DomainError(
      'CONFLICT',
      `This loan is ${loan.status.replace('_', ' ')}: it takes no more payments.`,
    );
  checkDate(loan, p.effectiveDate, 'payment date');
  // Under full_commitment a payoff cancels the commitment not drawn yet (the borrower repays what
  // was disbursed): a row beside the payoff that the engine adds to it (ledger.ts viewOf).
  let cancelled = '0.00';
  if (p.kind === 'payoff') {
    const before = viewOf(loan, entries, changes);
    if (before.interestOnFullCommitment) {
      const later = entries.find(
        (e) =>
          (e.kind === 'disbursement' || e.kind === 'draw_disbursement') &&
          !before.reversed.has(e.id) &&
          e.effectiveDate > p.effectiveDate,
      );
      if (later)
        throw new DomainError(
          'BAD_REQUEST',
          `A payoff must be on or after the last disbursement, ${later.effectiveDate} (it is ${p.effectiveDate}).`,
        );
    }
    const q = payoffQuoteOf(before, p.effectiveDate);
    if (new Decimal(p.amount).lt(q.total))
      throw new DomainError(
        'BAD_REQUEST',
        `A payoff on ${p.effectiveDate} takes at least ${q.total} (principal ${q.principal}, interest ${q.interest}, fees ${q.fees}).`,
      );
    cancelled = q.undrawnCommitmentCancelled;
  }
  const cancels = new Decimal(cancelled).gt(0);
  // The new row where it belongs in effective-date order (after the rows of its own date).
  const pending = {
    id: '00000000-0000-0000-0000-000000000000',
    kind: p.kind,
    effectiveDate: p.effectiveDate,
    amount: new Decimal(p.amount).toFixed(2),
    idempotencyKey: p.key,
  } as LedgerEntryRow;
  const pendingCancellation = {
    id: '00000000-0000-0000-0000-000000000001',
    kind: 'adjustment',
    effectiveDate: p.effectiveDate,
    amount: cancelled,
    idempotencyKey: commitmentCancelledKey(pending.id),
  } as LedgerEntryRow;
  const added = cancels ? [pending, pendingCancellation] : [pending];
  const at = entries.findIndex((e) => e.effectiveDate > p.effectiveDate);
  const withNew = at < 0 ? [...entries, ...added] : [...entries.slice(0, at), ...added, ...entries.slice(at)];
  const view = viewOf(loan, withNew, changes);
  let allocation = allocate(view);
  const index = view.payments.indexOf(pending);
  const columns = paymentColumns(allocation.payments[index]!);
  // The engine's principal paid includes the cancelled commitment; the payoff row records what
  // the borrower's money paid (the ledger's principal never held the undrawn part).
  if (cancels) columns.principal = new Decimal(columns.principal).plus(cancelled).toFixed(2);
  const { entry } = await postLedgerEntry(tx, {
    organizationId: loan.organizationId,
    loanId: loan.id,
    kind: p.kind,
    effectiveDate: p.effectiveDate,
    amount: p.amount,
    allocation: columns,
    description: p.description,
    actorUserId: actor.userId,
    idempotencyKey: p.key,
  });
  await tx.insert(paymentReceipts).values({
    ledgerEntryId: entry.id,
    organizationId: loan.organizationId,
    method: p.method,
    reference: p.reference ?? null,
    submissionId: p.submissionId ?? null,
  });
  withNew[withNew.indexOf(pending)] = entry;
  if (cancels) {
    const { entry: cancellation } = await postLedgerEntry(tx, {
      organizationId: loan.organizationId,
      loanId: loan.id,
      kind: 'adjustment',
      effectiveDate: p.effectiveDate,
      amount: cancelled,
      description: 'Undrawn commitment cancelled at payoff',
      actorUserId: actor.userId,
      idempotencyKey: commitmentCancelledKey(entry.id),
    });
    withNew[withNew.indexOf(pendingCancellation)] = cancellation;
  }
  // A back-dated payment may show an installment was paid within its grace: its late fee goes.
  const cleared = await removeUnearnedLateFees(tx, loan, withNew, changes, actor.userId);
  const fresh = viewOf(loan, cleared.entries, changes);
  if (cleared.removed.length > 0) allocation = allocate(fresh);
  await reconcileWith(tx, fresh, allocation, {
    key: entry.id,
    effectiveDate: p.effectiveDate,
    actorUserId: actor.userId,
  });
  const status = await syncStatus(tx, loan, allocation, actor.userId);
  return { entry, replayed: false, loan: { ...loan, status } };
}

async function notifyBorrower(
  db: Executor,
  services: NotificationServices | null | undefined,
  loan: LoanRow,
  kind: NotificationInput['kind'],
  title: string,
  body: string,
) {
  await notify(db, services, [
    {
      organizationId: loan.organizationId,
      recipientUserId: loan.borrowerUserId,
      portal: 'borrower',
      kind,
      title,
      body,
      loanId: loan.id,
    },
  ]);
}

export interface PostedEntry {
  entry: LedgerEntryRow;
  replayed: boolean;
  loanStatus: LoanRow['status'];
}

/** A servicer records a payment received: the same key returns the first result. */
export async function recordPayment(
  db: Executor,
  actor: ServicingActor,
  input: RecordPaymentInput & { submissionId?: string | null },
  services?: NotificationServices | null,
): Promise<PostedEntry> {
  const out = await inTransaction(db, (tx) =>
    postMoneyIn(tx, actor, {
      kind: 'payment',
      loanId: input.loanId,
      key: clientKey(input.idempotencyKey),
      amount: input.amount,
      effectiveDate: input.effectiveDate,
      method: input.method,
      reference: input.reference,
      submissionId: input.submissionId ?? null,
      description: `Payment received (${input.method}${input.reference ? `, ${input.reference}` : ''})`,
    }),
  );
  if (!out.replayed)
    await notifyBorrower(
      db,
      services,
      out.loan,
      out.loan.status === 'paid_off' ? 'loan_paid_off' : 'payment_posted',
      `Payment of ${out.entry.amount} received`,
      `Your payment of ${out.entry.amount} on loan ${loanReference(out.loan.number)} dated ${out.entry.effectiveDate} was posted.`,
    );
  return { entry: out.entry, replayed: out.replayed, loanStatus: out.loan.status };
}

/** Posts the payoff amount; at least the quote of its date; the loan closes as paid_off. */
export async function postPayoff(
  db: Executor,
  actor: ServicingActor,
  input: PostPayoffInput,
  services?: NotificationServices | null,
): Promise<PostedEntry> {
  const out = await inTransaction(db, (tx) =>
    postMoneyIn(tx, actor, {
      kind: 'payoff',
      loanId: input.loanId,
      key: clientKey(input.idempotencyKey),
      amount: input.amount,
      effectiveDate: input.effectiveDate,
      method: input.method,
      reference: input.reference,
      description: `Payoff received (${input.method}${input.reference ? `, ${input.reference}` : ''})`,
    }),
  );
  if (!out.replayed)
    await notifyBorrower(
      db,
      services,
      out.loan,
      'loan_paid_off',
      `Loan ${loanReference(out.loan.number)} paid off`,
      `We received ${out.entry.amount} on ${out.entry.effectiveDate}.`,
    );
  return { entry: out.entry, replayed: out.replayed, loanStatus: out.loan.status };
}

/**
 * Reverses a payment (NSF): a new reversal row; every later payment is re-applied in date order
 * (the reallocation row records the difference). The same key returns the first reversal.
 */
export async function reversePayment(
  db: Executor,
  actor: ServicingActor,
  input: ReversePaymentInput,
  services?: NotificationServices | null,
): Promise<PostedEntry> {
  const key = clientKey(input.idempotencyKey);
  const out = await inTransaction(db, async (tx) => {
    const [target] = await tx
      .select()
      .from(ledgerEntries)
      .where(
        and(eq(ledgerEntries.id, input.entryId), eq(ledgerEntries.organizationId, actor.organizationId)),
      );
    if (!target) throw new DomainError('NOT_FOUND', 'That ledger entry was not found.');
    const loan = await lockLoan(tx, actor.organizationId, target.loanId);
    const existing = await entryByKey(tx, actor.organizationId, key);
    if (existing) return { ...replayOf(existing, loan.id, 'reversal'), loan };
    if (
      !['payment', 'payoff', 'fee', 'late_fee'].includes(target.kind) ||
      target.idempotencyKey.startsWith(`${loan.idempotencyKey}:`)
    )
      throw new DomainError('BAD_REQUEST', 'Only payments and fees posted in servicing can be reversed.');
    if (loan.status === 'charged_off') throw new DomainError('CONFLICT', 'This loan is charged off.');
    const [already] = await tx
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.reversesEntryId, target.id), eq(ledgerEntries.kind, 'reversal')));
    if (already) throw new DomainError('CONFLICT', 'That entry is already reversed.');
    const { entry } = await postLedgerEntry(tx, {
      organizationId: loan.organizationId,
      loanId: loan.id,
      kind: 'reversal',
      effectiveDate: target.effectiveDate,
      amount: target.amount,
      allocation: {
        principal: new Decimal(target.principal).neg().toFixed(2),
        interest: new Decimal(target.interest).neg().toFixed(2),
        fees: new Decimal(target.fees).neg().toFixed(2),
        penalties: new Decimal(target.penalties).neg().toFixed(2),
      },
      description: `Reversal: ${input.reason}`,
      reversesEntryId: target.id,
      actorUserId: actor.userId,
      idempotencyKey: key,
    });
    // A reversed payoff takes its cancellation of the undrawn commitment with it: the holdback
    // is back to draw and owed as before.
    const cancellation =
      target.kind === 'payoff'
        ? await entryByKey(tx, loan.organizationId, commitmentCancelledKey(target.id))
        : null;
    if (cancellation)
      await postLedgerEntry(tx, {
        organizationId: loan.organizationId,
        loanId: loan.id,
        kind: 'reversal',
        effectiveDate: cancellation.effectiveDate,
        amount: cancellation.amount,
        description: `Reversal: undrawn commitment restored (payoff reversed: ${input.reason})`,
        reversesEntryId: cancellation.id,
        actorUserId: actor.userId,
        idempotencyKey: `commitment-restored:${cancellation.id}`,
      });
    // A reversed fee frees money for the installments: a late fee may turn out not owed.
    if (target.kind === 'fee' || target.kind === 'late_fee')
      await removeUnearnedLateFees(
        tx,
        loan,
        await ledgerOf(tx, loan),
        await rateChangesOf(tx, loan),
        actor.userId,
      );
    const { allocation } = await reconcileAllocations(tx, loan, {
      key: entry.id,
      effectiveDate: target.effectiveDate,
      actorUserId: actor.userId,
    });
    await recordAudit(tx, {
      organizationId: loan.organizationId,
      actorUserId: actor.userId,
      action: 'ledger.reverse',
      entityType: 'ledger_entry',
      entityId: target.id,
      after: { reversalId: entry.id, reason: input.reason },
    });
    const status = await syncStatus(tx, loan, allocation, actor.userId);
    return { entry, replayed: false, loan: { ...loan, status } };
  });
  if (!out.replayed)
    await notifyBorrower(
      db,
      services,
      out.loan,
      'payment_reversed',
      `An entry of ${out.entry.amount} was reversed`,
      `On loan ${loanReference(out.loan.number)}, the entry of ${out.entry.amount} dated ${out.entry.effectiveDate} was reversed: ${input.reason}`,
    );
  return { entry: out.entry, replayed: out.replayed, loanStatus: out.loan.status };
}

/** Charges a fee (a servicing fee, an inspection): a ledger row the waterfall then pays. */
export async function chargeFee(
  db: Executor,
  actor: ServicingActor,
  input: ChargeFeeInput,
): Promise<PostedEntry> {
  const key = clientKey(input.idempotencyKey);
  return inTransaction(db, async (tx) => {
    const loan = await lockLoan(tx, actor.organizationId, input.loanId);
    const existing = await entryByKey(tx, actor.organizationId, key);
    if (existing) return { ...replayOf(existing, loan.id, 'fee'), loanStatus: loan.status };
    if (!OPEN.has(loan.status))
      throw new DomainError('CONFLICT', `This loan is ${loan.status.replace('_', ' ')}.`);
    checkDate(loan, input.effectiveDate, 'fee date');
    const { entry } = await postLedgerEntry(tx, {
      organizationId: loan.organizationId,
      loanId: loan.id,
      kind: 'fee',
      effectiveDate: input.effectiveDate,
      amount: input.amount,
      allocation: { fees: input.amount },
      description: input.description,
      actorUserId: actor.userId,
      idempotencyKey: key,
    });
    const { allocation } = await reconcileAllocations(tx, loan, {
      key: entry.id,
      effectiveDate: input.effectiveDate,
      actorUserId: actor.userId,
    });
    const status = await syncStatus(tx, loan, allocation, actor.userId);
    return { entry, replayed: false, loanStatus: status };
  });
}

/**
 * A draw disbursement (construction), for the draws area: through the one ledger writer, with the
 * loan locked and the allocations reconciled. Its principal joins the engine's draws.
 */
export async function postDrawDisbursement(
  tx: Executor,
  actor: { organizationId: string; userId: string },
  input: {
    loanId: string;
    amount: string;
    effectiveDate: string;
    idempotencyKey: string;
    description?: string;
  },
): Promise<{ entry: LedgerEntryRow; replayed: boolean }> {
  const loan = await lockLoan(tx, actor.organizationId, input.loanId);
  const existing = await entryByKey(tx, actor.organizationId, input.idempotencyKey);
  if (existing) return replayOf(existing, loan.id, 'draw_disbursement');
  if (!OPEN.has(loan.status))
    throw new DomainError('CONFLICT', `This loan is ${loan.status.replace('_', ' ')}.`);
  if (input.effectiveDate < loan.fundedOn)
    throw new DomainError('BAD_REQUEST', `A draw must be on or after the funding date, ${loan.fundedOn}.`);
  if (input.effectiveDate >= loan.maturityDate)
    throw new DomainError('BAD_REQUEST', `A draw must be before the maturity date, ${loan.maturityDate}.`);
  const entries = await ledgerOf(tx, loan);
  // A loan reopened with its payoff standing (an earlier payment reversed) has no commitment left.
  if (new Decimal(viewOf(loan, entries, []).commitmentCancelled).gt(0))
    throw new DomainError(
      'CONFLICT',
      'The undrawn commitment of this loan was cancelled at its payoff: reverse the payoff before disbursing a draw.',
    );
  const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.reversesEntryId));
  const disbursed = entries
    .filter((e) => (e.kind === 'disbursement' || e.kind === 'draw_disbursement') && !reversed.has(e.id))
    .reduce((a, e) => a.plus(e.principal), new Decimal(0));
  if (disbursed.plus(input.amount).gt(loan.principal))
    throw new DomainError(
      'BAD_REQUEST',
      `This draw would disburse ${disbursed.plus(input.amount).toFixed(2)} in all, more than the loan amount ${loan.principal}.`,
    );
  const posted = await postLedgerEntry(tx, {
    organizationId: loan.organizationId,
    loanId: loan.id,
    kind: 'draw_disbursement',
    effectiveDate: input.effectiveDate,
    amount: input.amount,
    allocation: { principal: input.amount },
    description: input.description ?? 'Construction draw disbursed',
    actorUserId: actor.userId,
    idempotencyKey: input.idempotencyKey,
  });
  await reconcileAllocations(tx, loan, {
    key: posted.entry.id,
    effectiveDate: input.effectiveDate,
    actorUserId: actor.userId,
  });
  return posted;
}

// ---------------------------------------------------------------------------------------------
// Payoff

export interface LoanPayoffQuote {
  loanId: string;
  asOf: string;
  principal: string;
  interest: string;
  fees: string;
  total: string;
  perDiem: string;
  goodThrough: string;
  /**
   * Full-commitment loans: the commitment not drawn yet, cancelled by the payoff (not in
   * principal or total; interest ran on it up to the payoff date). 0.00 otherwise.
   */
  undrawnCommitmentCancelled: string;
}

/** A payoff quote as of a date (the borrower's own loans only, through `access`). */
export async function quoteLoanPayoff(
  db: Executor,
  access: ServicingAccess,
  loanId: string,
  asOf: string,
): Promise<LoanPayoffQuote> {
  const loan = await findLoan(db, access, loanId);
  if (asOf < loan.fundedOn)
    throw new DomainError(
      'BAD_REQUEST',
      `A payoff date must be on or after the funding date, ${loan.fundedOn}.`,
    );
  if (asOf > addDays(todayUtc(), 366))
    throw new DomainError('BAD_REQUEST', 'A payoff quote can be at most a year ahead.');
  if (!OPEN.has(loan.status))
    throw new DomainError('CONFLICT', `This loan is ${loan.status.replace('_', ' ')}.`);
  const view = viewOf(loan, await ledgerOf(db, loan), await rateChangesOf(db, loan), asOf);
  return { loanId: loan.id, asOf, ...payoffQuoteOf(view, asOf) };
}

// ---------------------------------------------------------------------------------------------
// Default and charge-off

/** Product version's default rate, in percent as the engine takes it. */
async function defaultRateOf(db: Executor, loan: LoanRow): Promise<string> {
  const [v] = await db
    .select({ rate: loanProductVersions.defaultRatePercent })
    .from(loanProductVersions)
    .where(eq(loanProductVersions.id, loan.productVersionId));
  return new Decimal(v?.rate ?? loan.terms.annualRate).toString();
}

export async function markDefault(
  db: Executor,
  actor: ServicingActor,
  input: { loanId: string; effectiveDate: string; reason: string },
  services?: NotificationServices | null,
) {
  const loan = await inTransaction(db, async (tx) => {
    const loan = await lockLoan(tx, actor.organizationId, input.loanId);
    if (loan.status !== 'active')
      throw new DomainError(
        'CONFLICT',
        `Only an active loan can default (this one is ${loan.status.replace('_', ' ')}).`,
      );
    if (input.effectiveDate <= loan.fundedOn)
      throw new DomainError(
        'BAD_REQUEST',
        `The default date must be after the funding date, ${loan.fundedOn}.`,
      );
    if (input.effectiveDate > addDays(todayUtc(), 31))
      throw new DomainError('BAD_REQUEST', 'The default date is too far ahead.');
    const rate = await defaultRateOf(tx, loan);
    await tx
      .insert(loanRateChanges)
      .values({
        organizationId: loan.organizationId,
        loanId: loan.id,
        fromDate: input.effectiveDate,
        annualRatePercent: rate,
        reason: `default: ${input.reason}`,
        actorUserId: actor.userId,
      })
      .onConflictDoNothing();
    await tx.update(loans).set({ status: 'defaulted', updatedAt: new Date() }).where(eq(loans.id, loan.id));
    await reconcileAllocations(tx, loan, {
      key: `default:${loan.id}`,
      effectiveDate: input.effectiveDate,
      actorUserId: actor.userId,
    });
    await recordAudit(tx, {
      organizationId: loan.organizationId,
      actorUserId: actor.userId,
      action: 'loan.default',
      entityType: 'loan',
      entityId: loan.id,
      before: { status: loan.status },
      after: {
        status: 'defaulted',
        defaultRatePercent: rate,
        from: input.effectiveDate,
        reason: input.reason,
      },
    });
    return { ...loan, status: 'defaulted' as const, defaultRatePercent: rate };
  });
  await notifyBorrower(
    db,
    services,
    loan,
    'loan_defaulted',
    `Loan ${loanReference(loan.number)} is in default`,
    `From ${input.effectiveDate} the default rate of ${loan.defaultRatePercent} % applies.`,
  );
  return {
    loanId: loan.id,
    status: loan.status,
    defaultRatePercent: loan.defaultRatePercent,
    from: input.effectiveDate,
  };
}

export async function chargeOff(
  db: Executor,
  actor: ServicingActor,
  input: { loanId: string; effectiveDate: string; reason: string },
  services?: NotificationServices | null,
) {
  const loan = await inTransaction(db, async (tx) => {
    const loan = await lockLoan(tx, actor.organizationId, input.loanId);
    if (loan.status !== 'defaulted')
      throw new DomainError('CONFLICT', 'Only a defaulted loan can be charged off.');
    checkDate(loan, input.effectiveDate, 'charge-off date');
    await tx.update(loans).set({ status: 'charged_off', updatedAt: new Date() }).where(eq(loans.id, loan.id));
    await recordAudit(tx, {
      organizationId: loan.organizationId,
      actorUserId: actor.userId,
      action: 'loan.charge_off',
      entityType: 'loan',
      entityId: loan.id,
      before: { status: loan.status },
      after: { status: 'charged_off', on: input.effectiveDate, reason: input.reason },
    });
    return loan;
  });
  await notifyBorrower(
    db,
    services,
    loan,
    'loan_charged_off',
    `Loan ${loanReference(loan.number)} is charged off`,
    input.reason,
  );
  return { loanId: loan.id, status: 'charged_off' as const };
}
