/**
 * The per-product payment waterfall: set on the product (a version like every setting), copied to
 * each loan at funding, and applied by servicing to every payment.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import {
  createTestCaller,
  makeApplication,
  makeBorrower,
  makeOrganization,
  makeProduct,
  productSettings,
} from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { ledgerAgreement } from './agreement.ts';
import { loanBalances } from './balances.ts';
import { chargeFee, recordPayment, type ServicingActor } from './payments.ts';
import { runServicingForDate } from './run.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 10 });
  db = database.db;
});
afterAll(() => database.close());

const FEES_LAST = {
  order: ['interest', 'principal', 'penalties', 'fees'] as (
    | 'interest'
    | 'principal'
    | 'penalties'
    | 'fees'
  )[],
  by: 'installment' as const,
};

/** A fee on Feb 1, then exactly the first installment on its due date. */
async function feeThenInstallment(waterfall?: typeof FEES_LAST) {
  const org = await makeOrganization(db);
  const borrower = await makeBorrower(db, org);
  const product = await makeProduct(db, org, waterfall ? { paymentWaterfall: waterfall } : {});
  const { loan } = await makeApplication(db, org, borrower, { stage: 'funded', productId: product.id });
  const servicer: ServicingActor = { organizationId: org.id, userId: org.admin.userId, portal: 'lender' };
  const installment = (await loanBalances(db, loan!.id, '2026-02-01')).installments[0]!;
  await chargeFee(db, servicer, {
    loanId: loan!.id,
    idempotencyKey: 'waterfall-fee',
    amount: '100.00',
    effectiveDate: '2026-02-01',
    description: 'Inspection',
  });
  const paid = await recordPayment(db, servicer, {
    loanId: loan!.id,
    idempotencyKey: 'waterfall-payment',
    amount: installment.outstanding,
    effectiveDate: '2026-02-15',
    method: 'ach',
  });
  // The run charges a late fee when the installment's principal and interest were short at grace end.
  await runServicingForDate(db, org.id, '2026-03-01');
  const lateFees = await db
    .select()
    .from(schema.ledgerEntries)
    .where(and(eq(schema.ledgerEntries.loanId, loan!.id), eq(schema.ledgerEntries.kind, 'late_fee')));
  return { loan: loan!, paid, lateFees, balances: await loanBalances(db, loan!.id, '2026-02-16') };
}

describe('payment waterfall per product', () => {
  it('default: the fee is paid first, the installment is left 100 short and draws a late fee', async () => {
    const { loan, paid, balances, lateFees } = await feeThenInstallment();
    expect(loan.paymentWaterfall).toEqual({
      order: ['penalties', 'fees', 'interest', 'principal'],
      by: 'installment',
    });
    expect(paid.entry.fees).toBe('-100.00');
    expect(balances.feesOutstanding).toBe('0.00');
    expect(balances.installments[0]!.status).toBe('late');
    expect(balances.pastDue).toBe('100.00');
    expect(lateFees.map((f) => f.effectiveDate)).toEqual(['2026-02-26']);
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
  });

  it('fees last: principal and interest are paid (no late fee), the fee stays owed', async () => {
    const { loan, paid, balances, lateFees } = await feeThenInstallment(FEES_LAST);
    expect(loan.paymentWaterfall).toEqual(FEES_LAST);
    expect(paid.entry.fees).toBe('0.00');
    expect(balances.feesOutstanding).toBe('100.00');
    // The fee belongs to the installment (the engine's charges do), so it is what is left of it.
    expect(balances.installments[0]!.outstanding).toBe('100.00');
    expect(lateFees).toEqual([]);
    expect((await ledgerAgreement(db, loan.id)).mismatches).toEqual([]);
  });

  it('products: set, kept by an edit that leaves it out, refused with a sentence when a step repeats', async () => {
    const org = await makeOrganization(db);
    const admin = createTestCaller(db, org.admin, org);
    const created = await admin.products.create(productSettings({ paymentWaterfall: FEES_LAST }));
    expect(created.settings.paymentWaterfall).toEqual(FEES_LAST);
    const { paymentWaterfall: _left, ...rest } = productSettings({ name: 'Bridge 12 v2' });
    const edited = await admin.products.update({ productId: created.id, settings: rest });
    expect(edited.currentVersion).toBe(2);
    expect(edited.settings.paymentWaterfall).toEqual(FEES_LAST);
    const plain = await admin.products.create(productSettings({ name: 'Plain' }));
    expect(plain.settings.paymentWaterfall).toEqual({
      order: ['penalties', 'fees', 'interest', 'principal'],
      by: 'installment',
    });
    await expect(
      admin.products.create({
        ...productSettings({ name: 'Bad' }),
        paymentWaterfall: { order: ['fees', 'fees', 'interest', 'principal'], by: 'installment' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/exactly once/) });
  });
});
