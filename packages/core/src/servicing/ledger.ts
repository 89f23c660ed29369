/**
 * The servicing ledger: the one writer of ledger rows (`postLedgerEntry`), and the derivation of
 * every money state from the ledger and the frozen terms through the engine (docs/servicing.md).
 *
 * - Payments and charges are ledger rows; the engine (`allocatePayments`) allocates the payments
 *   over the schedule in effective-date order. Nothing about money is stored elsewhere.
 * - A payment row carries its allocation as computed when it was posted. When a later write
 *   (a back-dated payment, a reversal, a fee) changes how earlier payments are allocated, the
 *   difference is a new `adjustment` row (idempotency key `reallocation:<cause>`), so the sums of
 *   the allocation columns always equal the engine's allocation and no row is ever updated.
 * - Late fees are ledger rows written by the daily run (`late-fee:<installment id>`); the engine
 *   gets the terms without its own late-fee rule and the late fees as penalties.
 */
import {
  allocateRecordedPayments,
  type PaymentAllocation,
  quoteRecordedPayoff,
  type WaterfallPart,
} from '@lending/loan-math';
import Decimal from 'decimal.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { PortalAccess } from '../access/access.ts';
import type { Executor } from '../db/client.ts';
import { ledgerEntries, loanRateChanges, loans } from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import type { LedgerEntryKind } from '../loans/loans.constants.ts';
import { LOAN_NOT_FOUND, type LoanRow } from '../loans/loans.ts';
import { DEFAULT_PAYMENT_WATERFALL } from '../products/products.constants.ts';

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type ServicingAccess = Pick<PortalAccess, 'organizationId' | 'userId' | 'portal'>;
export interface Allocation {
  principal: string;
  interest: string;
  fees: string;
  penalties: string;
}
const ZERO: Allocation = { principal: '0.00', interest: '0.00', fees: '0.00', penalties: '0.00' };
const PARTS = ['principal', 'interest', 'fees', 'penalties'] as const;

export const money = (d: Decimal.Value) => new Decimal(d).toFixed(2);

// ---------------------------------------------------------------------------------------------
// Loans

/** Locks the loan row: every money write on a loan holds it, so posts on one loan are serial. */
export async function lockLoan(tx: Executor, organizationId: string, loanId: string): Promise<LoanRow> {
  const [loan] = await tx
    .select()
    .from(loans)
    .where(and(eq(loans.id, loanId), eq(loans.organizationId, organizationId)))
    .for('update');
  if (!loan) throw new DomainError('NOT_FOUND', LOAN_NOT_FOUND);
  return loan;
}

// ---------------------------------------------------------------------------------------------
// The writer

export interface LedgerEntryInput {
  organizationId: string;
  loanId: string;
  kind: LedgerEntryKind;
  effectiveDate: string;
  amount: string;
  allocation?: Partial<Allocation>;
  description?: string | null;
  reversesEntryId?: string | null;
  actorUserId: string | null;
  idempotencyKey: string;
}

/**
 * The one place ledger rows are written. Idempotent: a row with the same key in the organization
 * is returned as it is (`replayed: true`); concurrent duplicates make one row (unique index, on
 * conflict do nothing, re-read). Money rows of a loan should be posted with the loan row locked
 * (`lockLoan`) and followed by `reconcileAllocations`; `postDrawDisbursement` does both.
 */
export async function postLedgerEntry(
  tx: Executor,
  entry: LedgerEntryInput,
): Promise<{ entry: LedgerEntryRow; replayed: boolean }> {
  const a = { ...ZERO, ...entry.allocation };
  const [row] = await tx
    .insert(ledgerEntries)
    .values({
      organizationId: entry.organizationId,
      loanId: entry.loanId,
      kind: entry.kind,
      effectiveDate: entry.effectiveDate,
      amount: money(entry.amount),
      principal: money(a.principal),
      interest: money(a.interest),
      fees: money(a.fees),
      penalties: money(a.penalties),
      description: entry.description ?? null,
      reversesEntryId: entry.reversesEntryId ?? null,
      actorUserId: entry.actorUserId,
      idempotencyKey: entry.idempotencyKey,
    })
    .onConflictDoNothing()
    .returning();
  if (row) return { entry: row, replayed: false };
  const existing = await entryByKey(tx, entry.organizationId, entry.idempotencyKey);
  if (!existing) throw new DomainError('CONFLICT', 'That ledger entry is being written by another request.');
  return { entry: existing, replayed: true };
}

export async function entryByKey(db: Executor, organizationId: string, key: string) {
  const [row] = await db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.organizationId, organizationId), eq(ledgerEntries.idempotencyKey, key)));
  return row;
}

/** A client's idempotency key, kept apart from the keys the system writes (late-fee:, reallocation:). */
export const clientKey = (key: string) => `client:${key}`;

// ---------------------------------------------------------------------------------------------
// Reading and deriving

export async function ledgerOf(db: Executor, loan: LoanRow): Promise<LedgerEntryRow[]> {
  return db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.loanId, loan.id), eq(ledgerEntries.organizationId, loan.organizationId)))
    .orderBy(asc(ledgerEntries.effectiveDate), asc(ledgerEntries.sequence));
}

export async function rateChangesOf(db: Executor, loan: LoanRow) {
  return db
    .select({ from: loanRateChanges.fromDate, annualRate: loanRateChanges.annualRatePercent })
    .from(loanRateChanges)
    .where(eq(loanRateChanges.loanId, loan.id))
    .orderBy(asc(loanRateChanges.fromDate));
}

/** Rows written by funding (origination fees withheld, prepaid interest): outside the engine. */
const isFundingRow = (loan: LoanRow, e: LedgerEntryRow) =>
  e.idempotencyKey.startsWith(`${loan.idempotencyKey}:`) && e.kind !== 'disbursement';

const PAYING = new Set<LedgerEntryKind>(['payment', 'payoff']);

/**
 * The key of the row that cancels a full-commitment loan's undrawn commitment at its payoff
 * (`commitment-cancelled:<payoff entry id>`): an `adjustment` whose amount is the commitment
 * cancelled and whose allocation columns are 0 (the ledger's principal never held the undrawn
 * part). The engine sees it as part of its payoff (docs/servicing.md § Payoff).
 */
export const COMMITMENT_CANCELLED = 'commitment-cancelled:';
export const commitmentCancelledKey = (payoffEntryId: string) => `${COMMITMENT_CANCELLED}${payoffEntryId}`;
const isCancellation = (e: LedgerEntryRow) =>
  e.kind === 'adjustment' && e.idempotencyKey.startsWith(COMMITMENT_CANCELLED);
const CHARGING = new Set<LedgerEntryKind>(['fee', 'late_fee']);

export interface LedgerView {
  loan: LoanRow;
  entries: LedgerEntryRow[];
  reversed: Set<string>;
  /** Payment rows the engine applies, in effective-date order (same order as allocation.payments). */
  payments: LedgerEntryRow[];
  charges: LedgerEntryRow[];
  terms: Record<string, unknown>;
  /**
   * The commitment not disbursed by the view's date and not cancelled (a construction loan's
   * holdback still to draw).
   */
  undisbursedCommitment: string;
  /** Undrawn commitment cancelled by the view's live payoffs (0 unless a full-commitment payoff). */
  commitmentCancelled: string;
  /** Payoff entry id → the undrawn commitment its payoff cancelled (the engine adds it to the payoff). */
  cancelledAtPayoff: Map<string, string>;
  /** Interest runs on the whole commitment (the engine's principal counts what is not yet drawn). */
  interestOnFullCommitment: boolean;
  /** The loan's payment waterfall (its product's at funding), as the engine's options. */
  waterfall: { waterfall: WaterfallPart[]; waterfallBy: 'installment' | 'component' };
}

/** The engine's waterfall options for a loan (rows written before the column: the default). */
function waterfallOf(loan: LoanRow): LedgerView['waterfall'] {
  const w = loan.paymentWaterfall ?? DEFAULT_PAYMENT_WATERFALL;
  return { waterfall: w.order, waterfallBy: w.by };
}

export function viewOf(
  loan: LoanRow,
  entries: LedgerEntryRow[],
  rateChanges: { from: string; annualRate: string }[],
  asOf?: string,
): LedgerView {
  const upTo = asOf ? entries.filter((e) => e.effectiveDate <= asOf) : entries;
  const reversed = new Set(
    upTo.filter((e) => e.kind === 'reversal' && e.reversesEntryId).map((e) => e.reversesEntryId!),
  );
  const live = upTo.filter((e) => !reversed.has(e.id) && !isFundingRow(loan, e));
  const payments = live.filter((e) => PAYING.has(e.kind));
  const charges = live.filter((e) => CHARGING.has(e.kind));
  const draws = live.filter((e) => e.kind === 'draw_disbursement');
  const { lateFee: _lateFee, ...terms } = loan.terms as Record<string, unknown> & { lateFee?: unknown };
  const changes = new Map<string, string>();
  for (const c of (loan.terms.rateChanges ?? []) as { from: string; annualRate: string }[])
    changes.set(c.from, c.annualRate);
  for (const c of rateChanges) changes.set(c.from, c.annualRate);
  terms.rateChanges = [...changes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([from, annualRate]) => ({ from, annualRate }));
  // The frozen terms say how interest runs on a construction loan: with `draws` (the funding
  // advance) on drawn funds only, so each disbursed draw joins them; without, on the whole
  // commitment from funding (full_commitment, and every other loan), whatever has been drawn.
  const disbursements = live.filter((e) => e.kind === 'disbursement' || e.kind === 'draw_disbursement');
  const onDrawnFunds = ((loan.terms.draws ?? []) as unknown[]).length > 0;
  if (onDrawnFunds && draws.length > 0)
    terms.draws = disbursements.map((e) => ({ date: e.effectiveDate, amount: e.principal }));
  const disbursed = disbursements.reduce((a, e) => a.plus(e.principal), new Decimal(0));
  // A cancellation counts while its payoff does (both are reversed together).
  const payoffIds = new Set(payments.filter((e) => e.kind === 'payoff').map((e) => e.id));
  const cancelledAtPayoff = new Map<string, string>();
  let cancelled = new Decimal(0);
  for (const e of live) {
    if (!isCancellation(e)) continue;
    const payoffId = e.idempotencyKey.slice(COMMITMENT_CANCELLED.length);
    if (!payoffIds.has(payoffId)) continue;
    cancelledAtPayoff.set(payoffId, e.amount);
    cancelled = cancelled.plus(e.amount);
  }
  const undisbursed = Decimal.max(0, new Decimal(loan.principal).minus(disbursed).minus(cancelled));
  return {
    loan,
    entries: upTo,
    reversed,
    payments,
    charges,
    terms,
    undisbursedCommitment: money(undisbursed),
    commitmentCancelled: money(cancelled),
    cancelledAtPayoff,
    interestOnFullCommitment: !onDrawnFunds,
    waterfall: waterfallOf(loan),
  };
}

/**
 * The engine's input from a view. Ledger rows were validated when they were written (every money
 * input goes through zod, columns are numeric(18,2) and date), so the engine's "recorded" entry
 * points take them without re-parsing each one with zod: that re-parse of hundreds of payments
 * was most of the engine's cost on every posting (docs/benchmarks.md). The terms are still
 * validated.
 */
function engineRequest(view: LedgerView) {
  return {
    ...view.waterfall,
    terms: view.terms as never,
    // A payoff that cancelled the undrawn commitment settles, for the engine (whose principal
    // counts the whole commitment), the money paid plus the commitment cancelled.
    payments: view.payments.map((p) => {
      const cancelled = view.cancelledAtPayoff.get(p.id);
      return {
        date: p.effectiveDate,
        amount: cancelled ? money(new Decimal(p.amount).plus(cancelled)) : p.amount,
      };
    }),
    fees: view.charges.map((c) => ({
      date: c.effectiveDate,
      amount: c.amount,
      kind: c.kind === 'late_fee' ? ('penalty' as const) : ('fee' as const),
    })),
  };
}

export function allocate(view: LedgerView): PaymentAllocation {
  return allocateRecordedPayments(engineRequest(view));
}

export function quote(view: LedgerView, payoffDate: string) {
  return quoteRecordedPayoff({ ...engineRequest(view), payoffDate });
}

/**
 * The payoff quote a borrower pays: under full_commitment the engine's principal counts the
 * commitment not yet drawn, which the payoff cancels instead of collecting, so the principal and
 * the total are the engine's less that undrawn part (never below 0). Interest stays the
 * engine's: on the whole commitment up to the payoff date.
 */
export function payoffQuoteOf(view: LedgerView, payoffDate: string) {
  const q = quote(view, payoffDate);
  const cancelled = view.interestOnFullCommitment
    ? Decimal.max(0, Decimal.min(view.undisbursedCommitment, q.principal))
    : new Decimal(0);
  return {
    ...q,
    principal: money(new Decimal(q.principal).minus(cancelled)),
    total: money(new Decimal(q.total).minus(cancelled)),
    undrawnCommitmentCancelled: money(cancelled),
  };
}

/** What one engine payment paid, as ledger allocation columns (negative: it lowers the balance). */
export function paymentColumns(p: PaymentAllocation['payments'][number]): Allocation {
  const sum = {
    principal: new Decimal(p.principalReduction),
    interest: new Decimal(0),
    fees: new Decimal(0),
    penalties: new Decimal(0),
  };
  for (const l of p.applied) for (const k of PARTS) sum[k] = sum[k].plus(l[k]);
  return {
    principal: money(sum.principal.neg()),
    interest: money(sum.interest.neg()),
    fees: money(sum.fees.neg()),
    penalties: money(sum.penalties.neg()),
  };
}

/** Exact cents of a money string ("-12.30", "5", "0.5"); Decimal only for any other form. */
function centsOf(v: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(v);
  if (!m) return BigInt(new Decimal(v).times(100).toFixed(0));
  const c = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -c : c;
}

const centsToMoney = (c: bigint) => {
  const s = (c < 0n ? -c : c).toString().padStart(3, '0');
  return `${c < 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};

/** Rows whose allocation columns record how payments were applied (vs. charges and disbursements). */
function isAllocationRow(loan: LoanRow, e: LedgerEntryRow, byId: Map<string, LedgerEntryRow>) {
  if (isFundingRow(loan, e)) return false;
  if (PAYING.has(e.kind)) return true;
  if (e.kind === 'adjustment' && e.idempotencyKey.startsWith('reallocation:')) return true;
  if (e.kind === 'reversal' && e.reversesEntryId) {
    const target = byId.get(e.reversesEntryId);
    return target ? PAYING.has(target.kind) : false;
  }
  return false;
}

/**
 * Makes the ledger's allocation columns agree with the engine's allocation of every payment: the
 * difference (caused by a back-dated payment, a reversal, a fee) is one new `adjustment` row.
 * Call it in the transaction that wrote, with the loan row locked.
 */
export async function reconcileAllocations(
  tx: Executor,
  loan: LoanRow,
  cause: { key: string; effectiveDate: string; actorUserId: string | null },
): Promise<{ allocation: PaymentAllocation; view: LedgerView }> {
  const entries = await ledgerOf(tx, loan);
  const view = viewOf(loan, entries, await rateChangesOf(tx, loan));
  return reconcileWith(tx, view, allocate(view), cause);
}

/** `reconcileAllocations` with the ledger already loaded and allocated (every row of it written). */
export async function reconcileWith(
  tx: Executor,
  view: LedgerView,
  allocation: PaymentAllocation,
  cause: { key: string; effectiveDate: string; actorUserId: string | null },
): Promise<{ allocation: PaymentAllocation; view: LedgerView }> {
  const { loan, entries } = view;
  // In cents (exact; Decimal objects for every column of every row cost milliseconds per post).
  // What all payments paid, summed payment by payment as paymentColumns does. The engine's
  // principal paid includes the undrawn commitment cancelled at payoff, which the ledger's
  // principal column never held (it records what was disbursed).
  const target = { principal: centsOf(view.commitmentCancelled), interest: 0n, fees: 0n, penalties: 0n };
  for (const p of allocation.payments) {
    target.principal -= centsOf(p.principalReduction);
    for (const l of p.applied) for (const k of PARTS) target[k] -= centsOf(l[k]);
  }
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of entries)
    if (isAllocationRow(loan, e, byId)) for (const k of PARTS) target[k] -= centsOf(e[k]);
  if (PARTS.some((k) => target[k] !== 0n))
    await postLedgerEntry(tx, {
      organizationId: loan.organizationId,
      loanId: loan.id,
      kind: 'adjustment',
      effectiveDate: cause.effectiveDate,
      amount: '0',
      allocation: {
        principal: centsToMoney(target.principal),
        interest: centsToMoney(target.interest),
        fees: centsToMoney(target.fees),
        penalties: centsToMoney(target.penalties),
      },
      description: 'Reallocation of earlier payments (the ledger changed before their dates)',
      actorUserId: cause.actorUserId,
      idempotencyKey: `reallocation:${cause.key}`,
    });
  return { allocation, view };
}

/** Sums of the ledger's allocation columns (SQL). */
export async function ledgerSums(db: Executor, loan: Pick<LoanRow, 'id' | 'organizationId'>) {
  const [row] = await db
    .select({
      principal: sql<string>`coalesce(sum(${ledgerEntries.principal}), 0)::numeric(18,2)::text`,
      interest: sql<string>`coalesce(sum(${ledgerEntries.interest}), 0)::numeric(18,2)::text`,
      fees: sql<string>`coalesce(sum(${ledgerEntries.fees}), 0)::numeric(18,2)::text`,
      penalties: sql<string>`coalesce(sum(${ledgerEntries.penalties}), 0)::numeric(18,2)::text`,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.loanId, loan.id), eq(ledgerEntries.organizationId, loan.organizationId)));
  return row!;
}
