/**
 * Demo servicing data: funded loans of the demo borrowers in every state the portals show — current,
 * late in each delinquency bucket, paid off and defaulted — made through the domain's own functions
 * (application → offer → approval → funding, then payments, a payoff and a default), dated relative
 * to today so the buckets hold whenever the demo starts. Idempotent: nothing happens when the
 * organization already has a loan.
 *
 * Then a construction loan of the first demo borrower with a draw budget and draws in several
 * states (one disbursed, one approved, one requested), its own step so an older demo database gets
 * it too; idempotent by its product's name.
 */
import { and, count, eq } from 'drizzle-orm';
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
import { drawInspections, drawRequests, loanInstallments, loanProducts, loans } from '../db/schema/index.ts';
import {
  approveDraw,
  completeInspection,
  disburseDraw,
  requestDraw,
  scheduleInspection,
  setDrawBudget,
} from '../draws/draws.ts';
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

/** The demo bridge product: twelve months, interest only (the construction product varies it). */
const demoProductSettings = {
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
};

export async function seedDemoServicing(
  db: Database,
  people: DemoServicingPeople,
): Promise<{ created: boolean }> {
  if (people.borrowers.length === 0) return { created: false };
  const [existing] = await db
    .select({ n: count() })
    .from(loans)
    .where(eq(loans.organizationId, people.organizationId));
  const servicing = Number(existing?.n ?? 0) === 0 && (await seedServicingLoans(db, people));
  const construction = await seedDemoConstruction(db, people);
  return { created: servicing || construction };
}

function actorsOf(people: DemoServicingPeople, person: DemoServicingPeople['borrowers'][number]) {
  const lender: TransitionActor & { sessionId: string } = {
    organizationId: people.organizationId,
    userId: people.admin,
    sessionId: 'seed',
    portal: 'lender',
    role: 'admin',
  };
  const borrower: TransitionActor & { sessionId: string } = {
    organizationId: people.organizationId,
    userId: person.userId,
    sessionId: 'seed',
    portal: 'borrower',
    role: 'borrower',
  };
  return { lender, borrower };
}

/** Application → offer → approval → funding, through the domain, for one demo loan. */
async function fundDemoLoan(
  db: Database,
  people: DemoServicingPeople,
  person: DemoServicingPeople['borrowers'][number],
  plan: {
    productId: string;
    amount: string;
    rate: string;
    address: string;
    rehabBudget: string;
    fundedOn: string;
    key: string;
  },
) {
  const { lender, borrower } = actorsOf(people, person);
  const amount = Number(plan.amount);
  const started = await startApplication(db, borrower, { productId: plan.productId });
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
      propertyAddressLine1: plan.address,
      propertyCity: 'Springfield',
      propertyRegion: 'IL',
      propertyPostalCode: '62701',
      propertyType: 'single_family',
      purchasePrice: (amount / 0.75).toFixed(2),
      asIsValue: (amount / 0.7).toFixed(2),
      afterRepairValue: (amount / 0.6).toFixed(2),
      rehabBudget: plan.rehabBudget,
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
  const { loan } = await fundLoan(db, lender, {
    applicationId,
    idempotencyKey: plan.key,
    fundedOn: plan.fundedOn,
  });
  return loan;
}

/** Pays every installment due by today on its due date. */
async function payDueInstallments(db: Database, people: DemoServicingPeople, loanId: string, key: string) {
  const { lender } = actorsOf(people, people.borrowers[0]!);
  const today = todayUtc();
  const installments = await db
    .select()
    .from(loanInstallments)
    .where(eq(loanInstallments.loanId, loanId))
    .orderBy(loanInstallments.number);
  for (const i of installments.filter((i) => i.dueDate <= today))
    await recordPayment(db, lender, {
      loanId,
      idempotencyKey: `${key}-payment-${i.number}`,
      amount: i.total,
      effectiveDate: i.dueDate,
      method: 'ach',
      reference: `ACH ${2000 + i.number}`,
    });
}

const CONSTRUCTION_PRODUCT = 'Construction 12 (demo draws)';

/**
 * A construction loan of the first demo borrower (borrower1): 300,000 with 60,000 held back for
 * draws, a four-line budget, draw 1 disbursed (so interest follows drawn funds), draw 2 approved and
 * waiting to be disbursed, draw 3 just requested by the borrower — what the walk-through shows.
 */
async function seedDemoConstruction(db: Database, people: DemoServicingPeople): Promise<boolean> {
  const [product] = await db
    .select({ id: loanProducts.id })
    .from(loanProducts)
    .where(
      and(
        eq(loanProducts.organizationId, people.organizationId),
        eq(loanProducts.name, CONSTRUCTION_PRODUCT),
      ),
    );
  if (product) return false;
  const person = people.borrowers[0]!;
  const { lender, borrower } = actorsOf(people, person);
  const created = await createProduct(
    db,
    lender,
    productSettingsInput.parse({
      ...demoProductSettings,
      name: CONSTRUCTION_PRODUCT,
      kind: 'construction',
      description: 'Twelve months, interest only on drawn funds; the rehab budget is paid out in draws',
    }),
  );
  const today = Temporal.PlainDate.from(todayUtc());
  const fundedOn = today.subtract({ months: 3, days: 5 });
  const loan = await fundDemoLoan(db, people, person, {
    productId: created.id,
    amount: '300000.00',
    rate: '11.75',
    address: '17 Foundry Row',
    rehabBudget: '60000.00',
    fundedOn: fundedOn.toString(),
    key: 'demo-construction',
  });
  const budget = await setDrawBudget(db, lender, {
    loanId: loan.id,
    lines: [
      { name: 'Foundation', budget: '15000.00' },
      { name: 'Framing', budget: '20000.00' },
      { name: 'Roof', budget: '10000.00' },
      { name: 'Finishes', budget: '15000.00' },
    ],
  });
  const [foundation, framing, roof] = budget.lines;
  const inspectedDraw = async (
    key: string,
    lines: { budgetLineId: string; amount: string }[],
    note: string,
    on: Temporal.PlainDate,
    percentComplete: number,
  ) => {
    const { draw } = await requestDraw(db, borrower, {
      loanId: loan.id,
      idempotencyKey: key,
      lines,
      photoDocumentIds: [],
      note,
    });
    await scheduleInspection(db, lender, {
      drawRequestId: draw.id,
      scheduledFor: on.toString(),
      inspector: 'Pat Quinn (Quinn Inspections)',
    });
    await completeInspection(db, lender, {
      drawRequestId: draw.id,
      percentComplete,
      notes: 'Work matches the draw request.',
    });
    await approveDraw(db, lender, { drawRequestId: draw.id, lines: [] });
    await backdate(draw.id, on.subtract({ days: 4 }), on);
    return draw;
  };
  // The domain stamps requests and inspections with the time of the call: the demo dates them as
  // the story goes (requested, inspected and decided on their days), so the screens read naturally.
  const at = (day: Temporal.PlainDate, hour: number) => new Date(`${day.toString()}T${hour}:00:00Z`);
  const backdate = async (id: string, requestedOn: Temporal.PlainDate, inspectedOn?: Temporal.PlainDate) => {
    await db
      .update(drawRequests)
      .set({ createdAt: at(requestedOn, 14) })
      .where(eq(drawRequests.id, id));
    if (!inspectedOn) return;
    await db
      .update(drawRequests)
      .set({ decidedAt: at(inspectedOn, 18) })
      .where(eq(drawRequests.id, id));
    await db
      .update(drawInspections)
      .set({ completedAt: at(inspectedOn, 16) })
      .where(eq(drawInspections.drawRequestId, id));
  };
  const first = await inspectedDraw(
    'demo-construction-draw-1',
    [
      { budgetLineId: foundation!.id, amount: '12000.00' },
      { budgetLineId: framing!.id, amount: '5000.00' },
    ],
    'Foundation poured and framing started.',
    fundedOn.add({ days: 14 }),
    30,
  );
  await disburseDraw(db, lender, {
    drawRequestId: first.id,
    disbursedOn: fundedOn.add({ days: 20 }).toString(),
  });
  await payDueInstallments(db, people, loan.id, 'demo-construction');
  await inspectedDraw(
    'demo-construction-draw-2',
    [{ budgetLineId: framing!.id, amount: '12000.00' }],
    'Framing complete, sheathing on.',
    today.subtract({ days: 6 }),
    55,
  );
  const third = await requestDraw(db, borrower, {
    loanId: loan.id,
    idempotencyKey: 'demo-construction-draw-3',
    lines: [{ budgetLineId: roof!.id, amount: '6000.00' }],
    photoDocumentIds: [],
    note: 'Roof trusses delivered and set.',
  });
  await backdate(third.draw.id, today.subtract({ days: 2 }));
  return true;
}

async function seedServicingLoans(db: Database, people: DemoServicingPeople): Promise<boolean> {
  const today = Temporal.PlainDate.from(todayUtc());
  const { lender } = actorsOf(people, people.borrowers[0]!);
  const product = await createProduct(db, lender, productSettingsInput.parse(demoProductSettings));

  for (const [k, plan] of PLAN.entries()) {
    const person = people.borrowers[k % people.borrowers.length]!;
    const fundedOn = today.subtract({ months: plan.monthsAgo, days: plan.daysAgo }).toString();
    const loan = await fundDemoLoan(db, people, person, {
      productId: product.id,
      amount: plan.amount,
      rate: plan.rate,
      address: `${100 + k * 12} ${plan.name}`,
      rehabBudget: '40000.00',
      fundedOn,
      key: `demo-servicing-${k}`,
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
  return true;
}
