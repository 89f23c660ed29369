/**
 * The one place draws write the ledger. Until servicing's ledger writer lands this inserts the row
 * itself, exactly once per (organization, idempotency key): a second call returns the first row.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { ledgerEntries } from '../db/schema/index.ts';

export type LedgerEntryInsert = typeof ledgerEntries.$inferInsert;

export async function writeDrawLedgerEntry(tx: Executor, entry: LedgerEntryInsert) {
  const inserted = await tx
    .insert(ledgerEntries)
    .values(entry)
    .onConflictDoNothing({ target: [ledgerEntries.organizationId, ledgerEntries.idempotencyKey] })
    .returning();
  if (inserted[0]) return { entry: inserted[0], created: true };
  const [existing] = await tx
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.organizationId, entry.organizationId),
        eq(ledgerEntries.idempotencyKey, entry.idempotencyKey),
      ),
    );
  return { entry: existing!, created: false };
}
