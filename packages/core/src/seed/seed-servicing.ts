/**
 * Demo servicing data: funded loans of the demo borrowers in every state the portals show — current,
 * late in each delinquency bucket, paid off and defaulted — made through the domain's own functions
 * (application → offer → approval → funding, then payments, a payoff and a default), dated relative
 * to today so the buckets hold whenever the demo starts. Idempotent: nothing happens when the
 * organization already has a loan.
 */
import { count, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { saveApplicationInput } from '../applications/applications.inputs.ts';
import {
  approveApplication,
  saveApplication,
  startApplication,
  startReview,
  submitApplication,
} from '../applications/applications.ts';
import type { TransitionActor } from '../applications/state-machine.ts';
import type { Database } from '../db/client.ts';
import { loanInstallments, loans } from '../db/schema/index.ts';
import { fundLoan } from '../loans/loans.ts';
import { issueOfferInput } from '../offers/offers.inputs.ts';
import { acceptOffer, issueOffer } from '../offers/offers.ts';
import { todayUtc } from '../offers/terms.ts';
import { productSettingsInput } from '../products/products.inputs.ts';
import { createProduct } from '../products/products.ts';
import { markDefault, postPayoff, quoteLoanPayoff, recordPayment } from '../servicing/payments.ts';

export interface DemoServicingPeople {
  organizationId: string;
  admin: string;
  borrowers: { userId: string; firstName: string; lastName: string; email: string }[];
}

/** What each demo loan goes through: funded `monthsAgo` (plus `daysAgo`), paying `paid` installments. */
const PLAN: {
  name: string;
  monthsAgo: number;
  daysAgo: number;
  paid: number | 'all-due';
  amount: string;
  rate: string;
  after?: 'payoff' | 'default';
}[] = [
  { name: 'Oak Street', monthsAgo: 4, daysAgo: 3, paid: 'all-due', amount: '325000.00', rate: '11.5' },
  { name: 'Elm Avenue', monthsAgo: 2, daysAgo: 12, paid: 'all-due', amount: '210000.00', rate: '10.75' },
  // 1–29 days: the installment due about 10 days ago is unpaid.
  { name: 'Birch Lane', monthsAgo: 3, daysAgo: 10, paid: 2, amount: '180000.00', rate: '12' },
  // 30–59: two installments behind.
  { name: 'Cedar Court', monthsAgo: 4, daysAgo: 8, paid: 2, amount: '260000.00', rate: '11.25' },
  // 60–89: three behind.
  { name: 'Maple Drive', monthsAgo: 5, daysAgo: 6, paid: 2, amount: '415000.00', rate: '12.5' },
  // 90+: four behind.
  { name: 'Pine Road', monthsAgo: 6, daysAgo: 4, paid: 2, amount: '150000.00', rate: '13' },
  {
    name: 'Willow Way',
    monthsAgo: 5,
    daysAgo: 2,
    paid: 'all-due',
    amount: '240000.00',
    rate: '11',
    after: 'payoff',
  },
  {
    name: 'Aspen Place',
    monthsAgo: 8,
    daysAgo: 1,
    paid: 1,
    amount: '190000.00',
    rate: '12.75',
    after: 'default',
  },
];

export async function seedDemoServicing(
  db: Database,
  people: DemoServicingPeople,
): Promise<{ created: boolean }> {
  const [existing] = await db
    .select({ n: count() })
    .from(loans)
    .where(eq(loans.organizationId, people.organizationId));
  if (Number(existing?.n ?? 0) > 0 || people.borrowers.length === 0) return { created: false };

  const today = Temporal.PlainDate.from(todayUtc());
  const lender: TransitionActor & { sessionId: string } = {
    organizationId: people.organizationId,
    userId: people.admin,
    sessionId: 'seed',
    portal: 'lender',
    role: 'admin',
  };
  const product = await createProduct(
    db,
    lender,
    productSettingsInput.parse({
      name: 'Bridge 12 (demo servicing)',
      kind: 'bridge',
      description: 'Twelve months, interest only, for purchase and light rehab',
      minAmount: '50000.00',
      maxAmount: '2000000.00',
      minRatePercent: '9',
      maxRatePercent: '15',
      baseRatePercent: '11.5',
      minTermPayments: 6,
      maxTermPayments: 24,
      originationPoints: '2',
      originationFee: '995.00',
      lateFeePercent: '5',
      lateFeeMinimum: '25.00',
      lateFeeMaximum: '500.00',
      lateFeeGraceDays: 10,
      defaultRatePercent: '24',
      drawInterestBasis: 'drawn_funds',
      maxLtvPercent: '80',
      maxLtcPercent: '90',
      maxArvLtvPercent: '75',
      minDscr: '1.1',
      engineSettings: {
        frequency: 'monthly',
        interestMethod: 'declining_balance',
        amortization: 'interest_only',
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
      requiredDocuments: [],
    }),
  );

  for (const [k, plan] of PLAN.entries()) {
    const person = people.borrowers[k % people.borrowers.length]!;
    const borrower: TransitionActor & { sessionId: string } = {
      organizationId: people.organizationId,
      userId: person.userId,
      sessionId: 'seed',
      portal: 'borrower',
      role: 'borrower',
    };
    const amount = Number(plan.amount);
    const started = await startApplication(db, borrower, { productId: product.id });
    await saveApplication(
      db,
      borrower,
      saveApplicationInput.parse({
        applicationId: started.id,
        requestedAmount: plan.amount,
        requestedTermPayments: 12,
        loanPurpose: 'purchase',
        applicantKind: 'individual',
        firstName: person.firstName,
        lastName: person.lastName,
        email: person.email,
        phone: '+1 555 010 2030',
        taxIdLast4: '1234',
        experienceDeals: 3,
        propertyAddressLine1: `${100 + k * 12} ${plan.name}`,
        propertyCity: 'Springfield',
        propertyRegion: 'IL',
        propertyPostalCode: '62701',
        propertyType: 'single_family',
        purchasePrice: (amount / 0.75).toFixed(2),
        asIsValue: (amount / 0.7).toFixed(2),
        afterRepairValue: (amount / 0.6).toFixed(2),
        rehabBudget: '40000.00',
        monthlyRent: '3200.00',
        monthlyExpenses: '600.00',
      }),
    );
    const applicationId = started.id;
    await submitApplication(db, borrower, { applicationId });
    await startReview(db, lender, { applicationId });
    const offer = await issueOffer(
      db,
      lender,
      issueOfferInput.parse({
        applicationId,
        amount: plan.amount,
        annualRatePercent: plan.rate,
        termPayments: 12,
      }),
    );
    await acceptOffer(db, borrower, {
      offerId: offer.offer.id,
      signatureName: `${person.firstName} ${person.lastName}`,
    });
    await approveApplication(db, lender, { applicationId });
    const fundedOn = today.subtract({ months: plan.monthsAgo, days: plan.daysAgo }).toString();
    const { loan } = await fundLoan(db, lender, {
      applicationId,
      idempotencyKey: `demo-servicing-${k}`,
      fundedOn,
    });

    const installments = await db
      .select()
      .from(loanInstallments)
      .where(eq(loanInstallments.loanId, loan.id))
      .orderBy(loanInstallments.number);
    const due = installments.filter((i) => i.dueDate <= today.toString());
    const paying = plan.paid === 'all-due' ? due : due.slice(0, plan.paid);
    for (const i of paying) {
      await recordPayment(db, lender, {
        loanId: loan.id,
        idempotencyKey: `demo-servicing-${k}-payment-${i.number}`,
        amount: i.total,
        effectiveDate: i.dueDate,
        method: 'ach',
        reference: `ACH ${1000 + k * 20 + i.number}`,
      });
    }
    if (plan.after === 'payoff') {
      const payoffOn = today.subtract({ days: 5 }).toString();
      const quote = await quoteLoanPayoff(db, lender, loan.id, payoffOn);
      await postPayoff(db, lender, {
        loanId: loan.id,
        idempotencyKey: `demo-servicing-${k}-payoff`,
        amount: quote.total,
        effectiveDate: payoffOn,
        method: 'wire',
        reference: 'WIRE 4471',
      });
    }
    if (plan.after === 'default') {
      await markDefault(db, lender, {
        loanId: loan.id,
        effectiveDate: today.subtract({ days: 20 }).toString(),
        reason: 'Five installments missed; borrower unreachable',
      });
    }
  }
  return { created: true };
}
