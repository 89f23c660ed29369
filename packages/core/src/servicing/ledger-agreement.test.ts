/**
 * Ledger agreement, property-based: after any sequence of payments (on time, partial, over, back-
 * dated), reversals, fees, late fees from the run and a default-rate change, the ledger agrees with
 * the schedule and the balances, and with the engine's own allocation of the same payments and fees
 * computed independently from the sequence (not from the ledger).
 */
import { allocatePayments } from '@lending/loan-math';
import Decimal from 'decimal.js';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { makeBorrower, makeFundedLoan, makeOrganization } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { ledgerAgreement } from './agreement.ts';
import { addDays } from './balances.ts';
import { ledgerSums } from './ledger.ts';
import { chargeFee, markDefault, recordPayment, reversePayment, type ServicingActor } from './payments.ts';
import { runServicingForDate } from './run.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

type Op =
  | { op: 'pay'; day: number; cents: number }
  | { op: 'reverse'; which: number }
  | { op: 'fee'; day: number; cents: number }
  | { op: 'run'; day: number }
  | { op: 'default'; day: number };

const day = fc.integer({ min: 0, max: 290 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('pay' as const),
      day,
      cents: fc.integer({ min: 1, max: 1_200_000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reverse' as const), which: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('fee' as const),
      day,
      cents: fc.integer({ min: 1, max: 50_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('run' as const), day }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('default' as const), day: fc.integer({ min: 1, max: 290 }) }),
  },
);

const money = (cents: number) => new Decimal(cents).div(100).toFixed(2);

describe('ledger agreement (property)', () => {
  it('holds after any sequence of payments, reversals, back-dated payments, fees, late fees and a rate change', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        const org = await makeOrganization(db);
        const { loan } = await makeFundedLoan(db, org, await makeBorrower(db, org));
        const actor: ServicingActor = { organizationId: org.id, userId: org.admin.userId, portal: 'lender' };
        const payments: { id: string; date: string; amount: string }[] = [];
        let lastRun = loan.fundedOn;
        for (const o of ops) {
          const [current] = await db.select().from(schema.loans).where(eq(schema.loans.id, loan.id));
          if (current!.status === 'paid_off' || current!.status === 'charged_off') break;
          if (o.op === 'pay') {
            const p = await recordPayment(db, actor, {
              loanId: loan.id,
              idempotencyKey: `prop-${++k}-${Date.now()}`,
              amount: money(o.cents),
              effectiveDate: addDays(loan.fundedOn, o.day),
              method: 'ach',
            });
            payments.push({ id: p.entry.id, date: p.entry.effectiveDate, amount: p.entry.amount });
          } else if (o.op === 'reverse' && payments.length > 0) {
            const target = payments.splice(o.which % payments.length, 1)[0]!;
            await reversePayment(db, actor, {
              entryId: target.id,
              idempotencyKey: `prop-${++k}-${Date.now()}`,
              reason: 'NSF',
            });
          } else if (o.op === 'fee') {
            await chargeFee(db, actor, {
              loanId: loan.id,
              idempotencyKey: `prop-${++k}-${Date.now()}`,
              amount: money(o.cents),
              effectiveDate: addDays(loan.fundedOn, o.day),
              description: 'Servicing fee',
            });
          } else if (o.op === 'run') {
            // Runs go forward in time, as the daily job does.
            const date = addDays(loan.fundedOn, o.day);
            if (date > lastRun) {
              await runServicingForDate(db, org.id, date);
              lastRun = date;
            }
          } else if (o.op === 'default' && current!.status === 'active') {
            await markDefault(db, actor, {
              loanId: loan.id,
              effectiveDate: addDays(loan.fundedOn, o.day),
              reason: 'Test',
            });
          }
        }
        const { mismatches } = await ledgerAgreement(db, loan.id);
        expect(mismatches).toEqual([]);
        // Independently: the engine's allocation of the sequence's own payments and charges.
        const entries = await db
          .select()
          .from(schema.ledgerEntries)
          .where(eq(schema.ledgerEntries.loanId, loan.id));
        const reversed = new Set(entries.map((e) => e.reversesEntryId).filter(Boolean));
        const charges = entries
          .filter(
            (e) =>
              (e.kind === 'fee' || e.kind === 'late_fee') &&
              !reversed.has(e.id) &&
              !e.idempotencyKey.startsWith(`${loan.idempotencyKey}:`),
          )
          .map((e) => ({
            date: e.effectiveDate,
            amount: e.amount,
            kind: e.kind === 'fee' ? ('fee' as const) : ('penalty' as const),
            seq: e.sequence,
          }));
        const rates = await db
          .select()
          .from(schema.loanRateChanges)
          .where(eq(schema.loanRateChanges.loanId, loan.id));
        const { lateFee: _l, ...terms } = loan.terms;
        const ordered = [...payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        const engine = allocatePayments({
          terms: {
            ...terms,
            rateChanges: rates.map((r) => ({ from: r.fromDate, annualRate: r.annualRatePercent })),
          },
          payments: ordered.map((p) => ({ date: p.date, amount: p.amount })),
          fees: charges.sort((a, b) => a.seq - b.seq).map(({ seq: _s, ...c }) => c),
        });
        const sums = await ledgerSums(db, loan);
        expect(sums.principal).toBe(engine.totals.principalOutstanding);
        expect(sums.interest).toBe(new Decimal(engine.totals.interest).neg().toFixed(2));
        expect(engine.totals.received).toBe(
          payments.reduce((a, p) => a.plus(p.amount), new Decimal(0)).toFixed(2),
        );
      }),
      { numRuns: 30 },
    );
  }, 600_000);
});
