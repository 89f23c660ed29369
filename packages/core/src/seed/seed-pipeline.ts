/**
 * The demo pipeline of the embedded default (issue 8 §10): three products and applications in
 * every state, made through the domain's own functions (so the history, audit and notifications
 * are real), and one funded loan with its schedule. Idempotent: it runs only while the
 * organization has no loan products. A few hundred queries: `npm start` stays fast.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { saveApplicationInput } from '../applications/applications.inputs.ts';
import {
  approveApplication,
  assignApplication,
  declineApplication,
  postMessage,
  saveApplication,
  startApplication,
  startReview,
  submitApplication,
  withdrawApplication,
} from '../applications/applications.ts';
import type { TransitionActor } from '../applications/state-machine.ts';
import type { Database } from '../db/client.ts';
import { loanProducts, offers } from '../db/schema/index.ts';
import { fundLoan } from '../loans/loans.ts';
import { issueOfferInput } from '../offers/offers.inputs.ts';
import { acceptOffer, issueOffer } from '../offers/offers.ts';
import { todayUtc } from '../offers/terms.ts';
import { type ProductSettingsInput, productSettingsInput } from '../products/products.inputs.ts';
import { createProduct } from '../products/products.ts';
import { addCondition, setConditionStatus } from '../underwriting/underwriting.ts';

const engine = {
  frequency: 'monthly',
  interestMethod: 'declining_balance',
  dayCount: '30/360',
  interestPeriod: 'repayment',
  rounding: 'half_up',
  installmentMultiple: '0.01',
  oddFirstPeriod: 'level',
  businessDayRule: 'none',
  prepaymentRecalculation: 'reduce_term',
  principalGrace: 0,
  interestGrace: 0,
} as const;

const PRODUCTS: ProductSettingsInput[] = [
  {
    name: 'Bridge 12',
    kind: 'bridge',
    description: 'Interest-only bridge loan, 6 to 24 months, balloon at maturity.',
    minAmount: '50000',
    maxAmount: '2000000',
    minRatePercent: '9',
    maxRatePercent: '14',
    baseRatePercent: '11.5',
    minTermPayments: 6,
    maxTermPayments: 24,
    originationPoints: '2',
    originationFee: '995',
    lateFeePercent: '5',
    lateFeeMinimum: '25',
    lateFeeMaximum: '500',
    lateFeeGraceDays: 10,
    defaultRatePercent: '24',
    maxLtvPercent: '75',
    maxLtcPercent: '85',
    maxArvLtvPercent: '70',
    engineSettings: { ...engine, amortization: 'interest_only', amortizationPayments: null },
    requiredDocuments: [
      { key: 'purchase_contract', label: 'Purchase contract' },
      { key: 'bank_statements', label: 'Two months of bank statements' },
      { key: 'photo_id', label: 'Government photo ID' },
    ],
  },
  {
    name: 'Fix & Flip 18',
    kind: 'construction',
    description: 'Purchase and rehab, interest on drawn funds, up to 18 months.',
    minAmount: '75000',
    maxAmount: '3000000',
    minRatePercent: '10',
    maxRatePercent: '15',
    baseRatePercent: '12',
    minTermPayments: 9,
    maxTermPayments: 18,
    originationPoints: '2.5',
    originationFee: '1495',
    lateFeePercent: '5',
    lateFeeMinimum: '50',
    lateFeeGraceDays: 10,
    defaultRatePercent: '24',
    drawInterestBasis: 'drawn_funds',
    maxLtvPercent: '80',
    maxLtcPercent: '90',
    maxArvLtvPercent: '70',
    engineSettings: { ...engine, amortization: 'interest_only', amortizationPayments: null },
    requiredDocuments: [
      { key: 'purchase_contract', label: 'Purchase contract' },
      { key: 'rehab_budget', label: 'Rehab budget and scope of work' },
      { key: 'photo_id', label: 'Government photo ID' },
    ],
  },
  {
    name: 'Rental 30',
    kind: 'term',
    description: 'Long-term rental loan, 30-year amortization, DSCR 1.20 or better.',
    minAmount: '100000',
    maxAmount: '1500000',
    minRatePercent: '7',
    maxRatePercent: '10',
    baseRatePercent: '8.25',
    minTermPayments: 60,
    maxTermPayments: 360,
    originationPoints: '1',
    originationFee: '1200',
    lateFeePercent: '5',
    lateFeeGraceDays: 15,
    defaultRatePercent: '18',
    maxLtvPercent: '75',
    minDscr: '1.2',
    engineSettings: { ...engine, amortization: 'equal_installments', amortizationPayments: null },
    requiredDocuments: [
      { key: 'leases', label: 'Current leases' },
      { key: 'bank_statements', label: 'Two months of bank statements' },
    ],
  },
];

interface DemoPeople {
  organizationId: string;
  admin: string;
  underwriter: string;
  borrowers: Array<{ userId: string; firstName: string; lastName: string; email: string }>;
}

type Stage =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'offered'
  | 'accepted'
  | 'approved'
  | 'funded'
  | 'declined'
  | 'withdrawn';

const DEALS: Array<{
  stage: Stage;
  borrower: 0 | 1;
  product: 0 | 1 | 2;
  amount: string;
  term: number;
  address: [string, string, string, string];
  purchase: string;
  asIs: string;
  arv?: string;
  rehab?: string;
  rent?: string;
  entity?: string;
}> = [
  {
    stage: 'funded',
    borrower: 0,
    product: 0,
    amount: '320000',
    term: 12,
    address: ['418 Cedar Lane', 'Austin', 'TX', '78704'],
    purchase: '425000',
    asIs: '440000',
  },
  {
    stage: 'approved',
    borrower: 1,
    product: 1,
    amount: '410000',
    term: 12,
    address: ['77 Birch Street', 'Columbus', 'OH', '43215'],
    purchase: '380000',
    asIs: '385000',
    arv: '640000',
    rehab: '120000',
    entity: 'Rehab Ventures LLC',
  },
  {
    stage: 'accepted',
    borrower: 1,
    product: 0,
    amount: '250000',
    term: 12,
    address: ['9 Harbor View', 'Tampa', 'FL', '33602'],
    purchase: '330000',
    asIs: '345000',
  },
  {
    stage: 'offered',
    borrower: 0,
    product: 2,
    amount: '280000',
    term: 360,
    address: ['1550 Elm Court', 'Denver', 'CO', '80205'],
    purchase: '375000',
    asIs: '380000',
    rent: '2950',
  },
  {
    stage: 'in_review',
    borrower: 1,
    product: 1,
    amount: '220000',
    term: 12,
    address: ['3 Willow Way', 'Raleigh', 'NC', '27601'],
    purchase: '210000',
    asIs: '215000',
    arv: '360000',
    rehab: '70000',
  },
  {
    stage: 'submitted',
    borrower: 0,
    product: 0,
    amount: '600000',
    term: 18,
    address: ['2200 Pine Ridge Road', 'Nashville', 'TN', '37203'],
    purchase: '780000',
    asIs: '800000',
  },
  {
    stage: 'submitted',
    borrower: 1,
    product: 2,
    amount: '190000',
    term: 360,
    address: ['61 Maple Avenue', 'Cleveland', 'OH', '44102'],
    purchase: '255000',
    asIs: '260000',
    rent: '2100',
  },
  {
    stage: 'draft',
    borrower: 0,
    product: 1,
    amount: '150000',
    term: 12,
    address: ['8 Aspen Drive', 'Boise', 'ID', '83702'],
    purchase: '160000',
    asIs: '165000',
    arv: '290000',
    rehab: '55000',
  },
  {
    stage: 'declined',
    borrower: 1,
    product: 0,
    amount: '900000',
    term: 12,
    address: ['400 Lakeshore Blvd', 'Chicago', 'IL', '60611'],
    purchase: '1000000',
    asIs: '950000',
  },
  {
    stage: 'withdrawn',
    borrower: 0,
    product: 2,
    amount: '240000',
    term: 360,
    address: ['12 Oak Street', 'Springfield', 'IL', '62701'],
    purchase: '310000',
    asIs: '315000',
    rent: '2300',
  },
];

const ORDER: Stage[] = ['draft', 'submitted', 'in_review', 'offered', 'accepted', 'approved', 'funded'];

/**
 * Seeds the demo pipeline once: while the organization has none of the pipeline's own products
 * (the servicing seed adds products and loans of its own, which must not stop this one).
 */
export async function seedDemoPipeline(db: Database, people: DemoPeople): Promise<{ created: boolean }> {
  const [existing] = await db
    .select({ n: count() })
    .from(loanProducts)
    .where(
      and(
        eq(loanProducts.organizationId, people.organizationId),
        inArray(
          loanProducts.name,
          PRODUCTS.map((p) => p.name),
        ),
      ),
    );
  if (Number(existing?.n ?? 0) > 0) return { created: false };
  const orgId = people.organizationId;
  const admin: TransitionActor & { sessionId: string } = {
    organizationId: orgId,
    userId: people.admin,
    portal: 'lender',
    role: 'admin',
    sessionId: 'seed',
  };
  const underwriter = { ...admin, userId: people.underwriter, role: 'underwriter' as const };
  const products = [];
  for (const settings of PRODUCTS)
    products.push(await createProduct(db, admin, productSettingsInput.parse(settings)));
  const today = Temporal.PlainDate.from(todayUtc());
  for (const deal of DEALS) {
    const person = people.borrowers[deal.borrower]!;
    const borrower = {
      organizationId: orgId,
      userId: person.userId,
      portal: 'borrower' as const,
      role: 'borrower' as const,
      sessionId: 'seed',
    };
    const draft = await startApplication(db, borrower, { productId: products[deal.product]!.id });
    const id = draft.id;
    await saveApplication(
      db,
      borrower,
      saveApplicationInput.parse({
        applicationId: id,
        requestedAmount: deal.amount,
        requestedTermPayments: deal.term,
        loanPurpose: deal.product === 1 ? 'construction' : 'purchase',
        applicantKind: deal.entity ? 'entity' : 'individual',
        firstName: person.firstName,
        lastName: person.lastName,
        entityName: deal.entity ?? null,
        entityType: deal.entity ? 'llc' : null,
        email: person.email,
        phone: '+1 555 010 2030',
        taxIdLast4: deal.borrower === 0 ? '4321' : '8765',
        experienceDeals: deal.borrower === 0 ? 4 : 11,
        propertyAddressLine1: deal.address[0],
        propertyCity: deal.address[1],
        propertyRegion: deal.address[2],
        propertyPostalCode: deal.address[3],
        propertyType: deal.rent ? 'multi_family_2_4' : 'single_family',
        purchasePrice: deal.purchase,
        asIsValue: deal.asIs,
        afterRepairValue: deal.arv ?? null,
        rehabBudget: deal.rehab ?? null,
        monthlyRent: deal.rent ?? null,
        monthlyExpenses: deal.rent ? '450' : null,
      }),
    );
    const target = deal.stage === 'declined' || deal.stage === 'withdrawn' ? 'in_review' : deal.stage;
    const reach = (s: Stage) => ORDER.indexOf(target) >= ORDER.indexOf(s);
    if (reach('submitted')) await submitApplication(db, borrower, { applicationId: id });
    if (reach('in_review')) {
      await startReview(db, underwriter, { applicationId: id });
      await postMessage(
        db,
        { ...underwriter, portal: 'lender' },
        { applicationId: id, body: 'Thanks for applying. Please upload the purchase contract when you can.' },
      );
      await postMessage(db, borrower, { applicationId: id, body: 'Uploading it today.' });
    }
    if (reach('offered')) {
      await issueOffer(
        db,
        underwriter,
        issueOfferInput.parse({
          applicationId: id,
          amount: deal.amount,
          annualRatePercent: PRODUCTS[deal.product]!.baseRatePercent,
          termPayments: deal.term,
          validForDays: 30,
          notes: 'Subject to a satisfactory appraisal.',
        }),
      );
    }
    if (reach('accepted')) {
      const [offer] = await db
        .select()
        .from(offers)
        .where(and(eq(offers.applicationId, id), eq(offers.status, 'pending')));
      await acceptOffer(db, borrower, {
        offerId: offer!.id,
        signatureName: `${person.firstName} ${person.lastName}`,
      });
      const condition = await addCondition(db, underwriter, {
        applicationId: id,
        title: 'Appraisal at or above the as-is value',
        description: null,
      });
      if (reach('approved'))
        await setConditionStatus(db, underwriter, {
          conditionId: condition.id,
          status: 'satisfied',
          note: 'Appraisal received.',
        });
    }
    if (reach('approved')) await approveApplication(db, underwriter, { applicationId: id });
    if (reach('funded'))
      await fundLoan(db, admin, {
        applicationId: id,
        idempotencyKey: `demo-funding-${id}`,
        fundedOn: today.subtract({ months: 2 }).toString(),
      });
    if (deal.stage === 'declined')
      await declineApplication(db, underwriter, {
        applicationId: id,
        reason: 'The loan amount is above our exposure limit for this market.',
      });
    if (deal.stage === 'withdrawn')
      await withdrawApplication(db, borrower, { applicationId: id, reason: 'Bought with cash instead.' });
    if (deal.stage === 'submitted' && deal.borrower === 1)
      await assignApplication(db, admin, { applicationId: id, assigneeUserId: people.underwriter });
  }
  return { created: true };
}
