/**
 * Posting one payment on a long loan, on PostgreSQL.
 *
 *   pnpm --filter @lending/bench bench:payment [postings=200]
 *
 * Seeds its own database: a 30-year loan (360 monthly equal installments) funded 2000-01-15 with
 * 300 payments posted, then posts `postings` more, one at a time, each a whole transaction (lock
 * the loan, allocate every payment through the engine, insert, reconcile). Target: p50 < 20 ms.
 */
import os from 'node:os';
import { type PortalAccess, recordPayment } from '@lending/core';
import { makeApplication, makeBorrower, makeOrganization, makeProduct } from '@lending/core/testing';
import { approveApplication } from '../../packages/core/src/applications/applications.ts';
import { fundLoan } from '../../packages/core/src/loans/loans.ts';
import { acceptOffer, issueOffer } from '../../packages/core/src/offers/offers.ts';
import { loanBalances } from '../../packages/core/src/servicing/balances.ts';
import { benchDatabase } from './seed.ts';

const POSTINGS = Number(process.argv[2] ?? 200);

const bench = await benchDatabase();
try {
  const { db } = bench;
  const org = await makeOrganization(db);
  const borrower = await makeBorrower(db, org);
  const product = await makeProduct(db, org, {
    maxTermPayments: 360,
    engineSettings: {
      frequency: 'monthly',
      interestMethod: 'declining_balance',
      amortization: 'equal_installments',
      amortizationPayments: null,
      dayCount: '30/360',
      interestPeriod: 'repayment',
      rounding: 'half_up',
      installmentMultiple: '0.01',
      oddFirstPeriod: 'level',
      businessDayRule: 'none',
      prepaymentRecalculation: 'reduce_term',
      principalGrace: 0,
      interestGrace: 0,
    },
  } as never);
  const { application } = await makeApplication(db, org, borrower, {
    stage: 'in_review',
    productId: product.id,
  });
  const lender = {
    organizationId: org.id,
    userId: org.admin.userId,
    sessionId: org.admin.sessionId,
    portal: 'lender',
    role: 'admin',
  } as PortalAccess & { role: 'admin' };
  const asBorrower = {
    organizationId: org.id,
    userId: borrower.userId,
    sessionId: borrower.sessionId,
    portal: 'borrower',
    role: 'borrower',
  } as PortalAccess & { role: 'borrower' };
  const { offer } = (await issueOffer(
    db,
    lender as never,
    {
      applicationId: application.id,
      amount: '300000.00',
      annualRatePercent: '10',
      termPayments: 360,
      amortization: 'equal_installments',
      validForDays: 14,
    } as never,
  )) as unknown as { offer: { id: string } };
  await acceptOffer(db, asBorrower as never, { offerId: offer.id, signatureName: 'Jordan Lee' });
  await approveApplication(db, lender as never, { applicationId: application.id });
  const { loan } = await fundLoan(db, lender as never, {
    applicationId: application.id,
    idempotencyKey: 'bench-payment-loan',
    fundedOn: '2000-01-15',
  });
  const schedule = await loanBalances(db, loan.id, '2000-01-15');
  const installment = schedule.installments[0]!.outstanding;
  console.log(`loan: ${schedule.installments.length} installments of ${installment}`);
  const actor = { organizationId: org.id, userId: org.admin.userId, portal: 'lender' as const };
  for (let i = 0; i < 300; i++)
    await recordPayment(db, actor, {
      loanId: loan.id,
      idempotencyKey: `prior-${i}-payment`,
      amount: installment,
      effectiveDate: schedule.installments[i]!.dueDate,
      method: 'ach',
    });
  console.log('300 prior payments posted');
  const times: number[] = [];
  // This process's CPU (engine, driver, Drizzle): steadier than wall time on a shared machine.
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < POSTINGS; i++) {
    const t = performance.now();
    await recordPayment(db, actor, {
      loanId: loan.id,
      idempotencyKey: `bench-${i}-payment`,
      amount: '10.00',
      effectiveDate: schedule.installments[300 + (i % 20)]!.dueDate,
      method: 'ach',
    });
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
  console.log(`postings ${POSTINGS}: p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`);
  console.log(
    `node cpu per posting: ${((cpu.user + cpu.system) / 1000 / POSTINGS).toFixed(1)} ms (load average ${os.loadavg()[0]!.toFixed(2)})`,
  );
  console.log(`payment posting: p50 ${q(0.5)} ms`);
} finally {
  await bench.drop();
}
