/** Inputs of offers (term sheets). Browser-safe. */
import { AMORTIZATIONS, dateSchema, type LoanTerms } from '@lending/loan-math';
import { z } from 'zod';
import { choiceInput } from '../products/products.inputs.ts';
import { amountInput, amountOrZeroInput, percentInput } from '../shared/decimal.inputs.ts';
import { boundedString, uuidSchema } from '../shared/shared.inputs.ts';

export * from './offers.constants.ts';

/** The engine's terms as stored with an offer or a loan (validated, defaults filled in). */
export type LoanTermsSnapshot = LoanTerms;

export const SIGNATURE_MAX_LENGTH = 120;
export const OFFER_NOTES_MAX_LENGTH = 2000;

const whole = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what} as a whole number.` })
    .int({ error: `Enter ${what} as a whole number.` })
    .min(min, { error: `${what} must be at least ${min}.` })
    .max(max, { error: `${what} can be at most ${max}.` });

/** The underwriter's numbers; what is left out comes from the product version. */
export const offerTermsShape = {
  applicationId: uuidSchema,
  amount: amountInput('the loan amount'),
  annualRatePercent: percentInput('the yearly rate in percent', '11.5', 1000),
  termPayments: whole('the term in installments', 1, 3000),
  originationPoints: percentInput('the origination points in percent', '2').optional(),
  originationFee: amountOrZeroInput('the origination fees', '995.00').optional(),
  amortization: choiceInput(
    AMORTIZATIONS,
    'Choose interest_only, equal_installments or equal_principal.',
  ).optional(),
  /** Installments to amortize over (more than the term: a balloon); null: over the term. */
  amortizationPayments: whole('the amortization in installments', 1, 3000).nullish(),
  /** The funding date the estimate assumes (the loan's own terms start on the real funding date). */
  expectedFundingDate: dateSchema('the expected funding date').optional(),
};
export const previewOfferInput = z.object(offerTermsShape);
export const issueOfferInput = z.object({
  ...offerTermsShape,
  validForDays: whole('the days the offer stays open', 1, 90).default(14),
  notes: boundedString(OFFER_NOTES_MAX_LENGTH, {
    required: 'The notes must be text.',
    tooLong: `Offer notes can have at most ${OFFER_NOTES_MAX_LENGTH} characters.`,
  })
    .nullish()
    .transform((v) => v || null),
  expectedVersion: z.number().int().min(1).max(2_000_000_000).optional(),
});
export type IssueOfferInput = z.output<typeof issueOfferInput>;

export const acceptOfferInput = z.object({
  offerId: uuidSchema,
  /** The typed-name signature: the signer's full name as on the application. */
  signatureName: boundedString(SIGNATURE_MAX_LENGTH, {
    required: 'Type your full name to sign.',
    tooLong: `A signature can have at most ${SIGNATURE_MAX_LENGTH} characters.`,
  }).min(2, 'Type your full name to sign.'),
});
export const declineOfferInput = z.object({
  offerId: uuidSchema,
  reason: boundedString(1000, {
    required: 'The reason must be text.',
    tooLong: 'A reason can have at most 1000 characters.',
  })
    .nullish()
    .transform((v) => v || null),
});
export const offersOfApplicationInput = z.object({ applicationId: uuidSchema });
