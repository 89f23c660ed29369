/**
 * Late fees: which installments owe one (the daily run charges them), and which charged fees a
 * later write shows were not owed after all — a back-dated payment, or a reversed fee that frees
 * money for the installment — and are removed by a reversal row in that write's transaction
 * (docs/servicing.md § Late fees).
 *
 * Keys: a fee is `late-fee:<installment id>`; when the run charges an installment again after its
 * fee was removed automatically (the payment that removed it bounced), `late-fee:<id>:<n>`. A
 * removal is `late-fee-removal:<fee entry id>`, so a fee is removed once, ever. A fee the servicer
 * reversed (waived) is never charged again.
 */
import type { PaymentAllocation } from '@lending/loan-math';
import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { loanInstallments } from '../db/schema/index.ts';
import type { LoanRow } from '../loans/loans.ts';
import { addDays } from './balances.ts';
import { allocate, type LedgerEntryRow, postLedgerEntry, viewOf } from './ledger.ts';

const FEE_KEY = /^late-fee:([0-9a-f-]{36})(?::\d+)?$/;
export const REMOVAL_PREFIX = 'late-fee-removal:';

/** The installment id a late fee was charged for, from its key (null: not a run's late fee). */
export function lateFeeInstallmentId(fee: Pick<LedgerEntryRow, 'idempotencyKey'>): string | null {
  return FEE_KEY.exec(fee.idempotencyKey)?.[1] ?? null;
}

/** The day a late fee is checked (and dated): the day after the grace days. */
export const lateFeeCheckDate = (terms: LoanRow['terms'], dueDate: string) =>
  addDays(dueDate, (terms.lateFee?.graceDays ?? 0) + 1);

/** Whether payments dated before `check` paid the installment's principal and interest in full. */
export function paidBefore(allocation: PaymentAllocation, number: number, check: string): boolean {
  const i = allocation.installments.find((x) => x.number === number);
  if (!i) return false;
  const owed = new Decimal(i.principal).plus(i.interest);
  let paid = new Decimal(0);
  for (const p of allocation.payments) {
    if (p.date >= check) break;
    for (const l of p.applied) if (l.number === number) paid = paid.plus(l.principal).plus(l.interest);
  }
  return paid.gte(owed);
}

/**
 * Per installment id: how many late fees it has had, and whether one still stands (charged and
 * not reversed, or reversed by the servicer: a waiver). The run charges only when none stands.
 */
export function lateFeeHistory(entries: LedgerEntryRow[]) {
  const reversal = new Map<string, LedgerEntryRow>();
  for (const e of entries) if (e.kind === 'reversal' && e.reversesEntryId) reversal.set(e.reversesEntryId, e);
  const out = new Map<string, { count: number; standing: boolean }>();
  for (const e of entries) {
    if (e.kind !== 'late_fee') continue;
    const id = lateFeeInstallmentId(e);
    if (!id) continue;
    const r = reversal.get(e.id);
    const standing = !r?.idempotencyKey.startsWith(REMOVAL_PREFIX);
    const h = out.get(id) ?? { count: 0, standing: false };
    out.set(id, { count: h.count + 1, standing: h.standing || standing });
  }
  return out;
}

/** The key of the next late fee of an installment (the first keeps the original form). */
export const nextLateFeeKey = (installmentId: string, earlier: number) =>
  earlier === 0 ? `late-fee:${installmentId}` : `late-fee:${installmentId}:${earlier + 1}`;

/**
 * Reverses every standing late fee whose installment the ledger now shows paid within its grace.
 * Call it in the writer's transaction with the loan locked, after the write and before
 * reconciling; returns the ledger with the reversal rows (the same list when none was needed).
 * Removing a fee frees money for later installments, so it repeats until nothing changes.
 */
export async function removeUnearnedLateFees(
  tx: Executor,
  loan: LoanRow,
  entries: LedgerEntryRow[],
  changes: { from: string; annualRate: string }[],
  actorUserId: string | null,
): Promise<{ entries: LedgerEntryRow[]; removed: LedgerEntryRow[] }> {
  const removed: LedgerEntryRow[] = [];
  if (!loan.terms.lateFee || !entries.some((e) => e.kind === 'late_fee')) return { entries, removed };
  let numbers: Map<string, number> | null = null;
  let current = entries;
  for (;;) {
    const view = viewOf(loan, current, changes);
    const standing = view.charges.filter((c) => c.kind === 'late_fee' && lateFeeInstallmentId(c));
    if (standing.length === 0) break;
    numbers ??= new Map(
      (
        await tx
          .select({ id: loanInstallments.id, number: loanInstallments.number })
          .from(loanInstallments)
          .where(eq(loanInstallments.loanId, loan.id))
      ).map((r) => [r.id, r.number]),
    );
    const allocation = allocate(view);
    const unearned = standing.filter((fee) => {
      const number = numbers!.get(lateFeeInstallmentId(fee)!);
      const installment = allocation.installments.find((i) => i.number === number);
      return (
        number !== undefined &&
        installment !== undefined &&
        paidBefore(allocation, number, lateFeeCheckDate(loan.terms, installment.dueDate))
      );
    });
    if (unearned.length === 0) break;
    const rows: LedgerEntryRow[] = [];
    for (const fee of unearned) {
      const { entry } = await postLedgerEntry(tx, {
        organizationId: loan.organizationId,
        loanId: loan.id,
        kind: 'reversal',
        effectiveDate: fee.effectiveDate,
        amount: fee.amount,
        allocation: {
          principal: new Decimal(fee.principal).neg().toFixed(2),
          interest: new Decimal(fee.interest).neg().toFixed(2),
          fees: new Decimal(fee.fees).neg().toFixed(2),
          penalties: new Decimal(fee.penalties).neg().toFixed(2),
        },
        description: `Late fee removed: the installment was paid within its grace period (${fee.description ?? 'late fee'})`,
        reversesEntryId: fee.id,
        actorUserId,
        idempotencyKey: `${REMOVAL_PREFIX}${fee.id}`,
      });
      rows.push(entry);
    }
    removed.push(...rows);
    current = [...current, ...rows].sort((x, y) =>
      x.effectiveDate < y.effectiveDate
        ? -1
        : x.effectiveDate > y.effectiveDate
          ? 1
          : x.sequence - y.sequence,
    );
  }
  return { entries: current, removed };
}
