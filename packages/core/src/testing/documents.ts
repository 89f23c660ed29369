/** Test data for documents: real magic bytes of every kind we take and some we refuse, and a term sheet. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Executor } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import type { TermSheetPdfData } from '../documents/term-sheet-pdf.ts';
import { productEngineSettingsSchema } from '../products/products.inputs.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../documents/fixtures', name));

/** A real 1×1 PNG (signature, IHDR, IDAT, IEND). */
export function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Real magic bytes for the kinds we take; the rest is random. */
export const documentSamples = {
  pdf: Buffer.concat([Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1'), randomBytes(5000)]),
  png: tinyPng(),
  jpeg: Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), randomBytes(2000)]),
  docx: fixture('sample.docx'),
  xlsx: fixture('sample.xlsx'),
  /** The head of the running Node binary: a real executable (ELF). */
  executable: readFileSync(process.execPath).subarray(0, 200_000),
  windowsExe: Buffer.concat([
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
    Buffer.alloc(58),
    randomBytes(500),
  ]),
  zip: fixture('plain.zip'),
  text: Buffer.from('name,amount\nAlice,100\n'),
};

export const sampleTermSheet: TermSheetPdfData = {
  organizationName: 'Demo Lending Co.',
  borrowerName: 'Łukasz Zażółć-Gęślą',
  applicationId: '3f0c8a4e-2b7d-4a55-9d8e-1c2b3a4d5e6f',
  offerId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  terms: [
    { label: 'Loan amount', value: '$250,000.00' },
    { label: 'Interest rate', value: '11.500 % fixed' },
    { label: 'Term', value: '12 months' },
    { label: 'Amortization', value: 'Interest-only, balloon at maturity' },
    { label: 'Origination points', value: '2.00 ($5,000.00)' },
    { label: 'Fees', value: 'Processing $995.00' },
    { label: 'Offer expires', value: '2026-12-09' },
  ],
  apr: '14.193 %',
  schedule: [
    { label: 'Payments', value: '12 monthly' },
    { label: 'First payment', value: '2027-01-01' },
    { label: 'Regular payment', value: '$2,395.83' },
    { label: 'Final payment (balloon)', value: '$252,395.83 on 2027-12-01' },
    { label: 'Total interest', value: '$28,749.96' },
  ],
  signature: {
    typedName: 'Łukasz Zażółć-Gęślą',
    signedAt: new Date('2026-11-25T10:15:30.000Z'),
    signerUserId: 'user_2borrowerTestId',
  },
};

export const SAMPLE_CHECKLIST = [
  { key: 'bank_statements', label: 'Bank statements, last 3 months' },
  { key: 'purchase_contract', label: 'Purchase contract' },
];

let applicationNumber = 0;

/**
 * An application of `borrower` in `organization` on a product version whose required documents
 * are `requiredDocuments`. Written directly (the origination area's own writers come later).
 */
export async function makeApplicationWithChecklist(
  db: Executor,
  organization: { id: string },
  borrower: { userId: string },
  options: {
    requiredDocuments?: Array<{ key: string; label: string }>;
    status?: (typeof schema.applications.$inferInsert)['status'];
  } = {},
) {
  const [product] = await db
    .insert(schema.loanProducts)
    .values({ organizationId: organization.id, name: 'Bridge 12', kind: 'bridge' })
    .returning();
  const [version] = await db
    .insert(schema.loanProductVersions)
    .values({
      organizationId: organization.id,
      productId: product!.id,
      version: 1,
      name: 'Bridge 12',
      kind: 'bridge',
      minAmount: '50000',
      maxAmount: '2000000',
      minRatePercent: '8',
      maxRatePercent: '15',
      baseRatePercent: '11.5',
      minTermPayments: 6,
      maxTermPayments: 24,
      defaultRatePercent: '18',
      engineSettings: productEngineSettingsSchema.parse({
        frequency: 'monthly',
        interestMethod: 'declining_balance',
        amortization: 'interest_only',
        dayCount: '30/360',
        interestPeriod: 'repayment',
        rounding: 'half_even',
        oddFirstPeriod: 'level',
      }),
      requiredDocuments: options.requiredDocuments ?? SAMPLE_CHECKLIST,
    })
    .returning();
  const [application] = await db
    .insert(schema.applications)
    .values({
      organizationId: organization.id,
      number: 100_000 + ++applicationNumber,
      borrowerUserId: borrower.userId,
      status: options.status ?? 'submitted',
      productId: product!.id,
      productVersionId: version!.id,
      firstName: 'Łukasz',
      lastName: 'Zażółć',
      applicantKind: 'individual',
      requestedAmount: '250000',
    })
    .returning();
  return application!;
}

/** An accepted, signed offer on the application (what origination's acceptOffer ends in). */
export async function makeAcceptedOffer(
  db: Executor,
  application: {
    id: string;
    organizationId: string;
    productVersionId: string | null;
    borrowerUserId: string;
  },
  issuedBy: string,
) {
  const [offer] = await db
    .insert(schema.offers)
    .values({
      organizationId: application.organizationId,
      applicationId: application.id,
      productVersionId: application.productVersionId!,
      status: 'accepted',
      amount: '250000.00',
      annualRatePercent: '11.5',
      termPayments: 12,
      originationPoints: '2',
      originationFee: '995.00',
      terms: {
        principal: '250000.00',
        annualRate: '11.5',
        startDate: '2026-12-01',
        payments: 12,
        frequency: 'monthly',
        interestMethod: 'declining_balance',
        amortization: 'interest_only',
        dayCount: '30/360',
        interestPeriod: 'repayment',
        rounding: 'half_even',
        installmentMultiple: '0.01',
      } as never,
      aprPercent: '14.1930',
      paymentAmount: '2395.83',
      financeCharge: '34744.96',
      prepaidFinanceCharges: '5995.00',
      expiresAt: new Date('2026-12-09T00:00:00Z'),
      issuedBy,
      signatureName: 'Łukasz Zażółć',
      acceptedBy: application.borrowerUserId,
      acceptedAt: new Date('2026-11-25T10:15:30Z'),
    })
    .returning();
  return offer!;
}
