/** Inputs of loan products. Browser-safe: zod (and the engine's browser-safe schemas) only. */
import {
  AMORTIZATIONS,
  BUSINESS_DAY_RULES,
  DAY_COUNTS,
  FREQUENCIES,
  INTEREST_METHODS,
  INTEREST_PERIODS,
  ODD_FIRST_PERIODS,
  PREPAYMENT_RECALCULATIONS,
  ROUNDINGS,
  WATERFALL_PARTS,
} from '@lending/loan-math';
import { z } from 'zod';
import { amountInput, amountOrZeroInput, percentInput } from '../shared/decimal.inputs.ts';
import { boundedString, uuidSchema } from '../shared/shared.inputs.ts';
import { DRAW_INTEREST_BASES, PRODUCT_KINDS, PRODUCT_STATUSES, WATERFALL_BY } from './products.constants.ts';

export * from './products.constants.ts';

export const PRODUCT_NAME_MAX_LENGTH = 120;
export const PRODUCT_DESCRIPTION_MAX_LENGTH = 2000;
export const REQUIRED_DOCUMENTS_MAX = 50;

/** A choice among short values: the length is checked before the value is looked at. */
export function choiceInput<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .string({ error: message })
    .max(60, { message, abort: true })
    .pipe(z.enum(values, { error: message }));
}

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what} as a whole number.` })
    .int({ error: `Enter ${what} as a whole number.` })
    .min(min, { error: `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${min}.` })
    .max(max, { error: `${what[0]!.toUpperCase()}${what.slice(1)} can be at most ${max}.` });

/**
 * The payment waterfall: each of penalties, fees, interest and principal once, in the order a
 * payment pays them; by installment (oldest first) or by component. Left out: the default on a
 * new product, the previous version's on an edit.
 */
export const paymentWaterfallSchema = z.object({
  order: z
    .array(choiceInput(WATERFALL_PARTS, `Each waterfall step is one of ${WATERFALL_PARTS.join(', ')}.`), {
      error: 'Give the waterfall as a list of steps.',
    })
    .max(WATERFALL_PARTS.length, { error: `List each of ${WATERFALL_PARTS.join(', ')} exactly once.` })
    .refine((o) => o.length === WATERFALL_PARTS.length && new Set(o).size === o.length, {
      error: `List each of ${WATERFALL_PARTS.join(', ')} exactly once.`,
    }),
  by: choiceInput(WATERFALL_BY, 'Choose installment or component for the waterfall.').default('installment'),
});

/** The settings of the engine's terms a product fixes (everything but amount, rate, term and dates). */
export const productEngineSettingsSchema = z.object({
  frequency: choiceInput(FREQUENCIES, `Choose a payment frequency: ${FREQUENCIES.join(', ')}.`),
  interestMethod: choiceInput(INTEREST_METHODS, 'Choose declining_balance or flat interest.'),
  amortization: choiceInput(AMORTIZATIONS, 'Choose interest_only, equal_installments or equal_principal.'),
  /** Installments to amortize over; longer than the term makes a balloon. Null: the term. */
  amortizationPayments: wholeNumber('the amortization in installments', 1, 3000).nullable().default(null),
  dayCount: choiceInput(DAY_COUNTS, `Choose a day count: ${DAY_COUNTS.join(', ')}.`),
  interestPeriod: choiceInput(INTEREST_PERIODS, 'Choose repayment or daily interest periods.'),
  rounding: choiceInput(ROUNDINGS, 'Choose half_even or half_up rounding.'),
  installmentMultiple: amountInput('the step installments are rounded to', '0.01').default('0.01'),
  oddFirstPeriod: choiceInput(ODD_FIRST_PERIODS, 'Choose level, accrue or prepaid for an odd first period.'),
  businessDayRule: choiceInput(BUSINESS_DAY_RULES, 'Choose a business-day rule.').default('none'),
  prepaymentRecalculation: choiceInput(
    PREPAYMENT_RECALCULATIONS,
    'Choose reduce_term or reduce_installment after a prepayment.',
  ).default('reduce_term'),
  principalGrace: wholeNumber('the interest-only installments', 0, 3000).default(0),
  interestGrace: wholeNumber('the installments with deferred interest', 0, 3000).default(0),
});
export type ProductEngineSettings = z.output<typeof productEngineSettingsSchema>;

export const requiredDocumentSchema = z.object({
  /** Stable key the document checklist refers to ("bank_statements"). */
  key: boundedString(60, {
    required: 'Give each required document a key.',
    tooLong: 'A document key can have at most 60 characters.',
  }).regex(/^[a-z0-9_]{1,60}$/, 'A document key uses lower-case letters, digits and underscores.'),
  label: boundedString(200, {
    required: 'Give each required document a label.',
    tooLong: 'A document label can have at most 200 characters.',
  }).min(1, 'Give each required document a label.'),
});
export type RequiredDocument = z.output<typeof requiredDocumentSchema>;

const productSettingsShape = {
  name: boundedString(PRODUCT_NAME_MAX_LENGTH, {
    required: 'Enter the product name.',
    tooLong: `A product name can have at most ${PRODUCT_NAME_MAX_LENGTH} characters.`,
  }).min(2, 'A product name needs at least 2 characters.'),
  kind: choiceInput(PRODUCT_KINDS, 'Choose bridge, construction or term.'),
  description: boundedString(PRODUCT_DESCRIPTION_MAX_LENGTH, {
    required: 'The description must be text.',
    tooLong: `A description can have at most ${PRODUCT_DESCRIPTION_MAX_LENGTH} characters.`,
  })
    .nullish()
    .transform((v) => v || null),
  minAmount: amountInput('the smallest loan amount', '50000.00'),
  maxAmount: amountInput('the largest loan amount', '2000000.00'),
  minRatePercent: percentInput('the lowest yearly rate in percent', '9.5', 1000),
  maxRatePercent: percentInput('the highest yearly rate in percent', '14', 1000),
  baseRatePercent: percentInput('the usual yearly rate in percent', '11.5', 1000),
  minTermPayments: wholeNumber('the shortest term in installments', 1, 3000),
  maxTermPayments: wholeNumber('the longest term in installments', 1, 3000),
  originationPoints: percentInput('the origination points in percent', '2').default('0'),
  originationFee: amountOrZeroInput('the origination fees', '995.00').default('0'),
  lateFeePercent: percentInput('the late fee in percent of the installment', '5').default('0'),
  lateFeeMinimum: amountOrZeroInput('the smallest late fee', '25.00').nullish().default(null),
  lateFeeMaximum: amountOrZeroInput('the largest late fee', '500.00').nullish().default(null),
  lateFeeGraceDays: wholeNumber('the late-fee grace days', 0, 365).default(0),
  defaultRatePercent: percentInput('the default rate in percent', '24', 1000),
  drawInterestBasis: choiceInput(DRAW_INTEREST_BASES, 'Choose drawn_funds or full_commitment.').default(
    'drawn_funds',
  ),
  maxLtvPercent: percentInput('the largest LTV in percent', '75', 1000).nullish().default(null),
  maxLtcPercent: percentInput('the largest LTC in percent', '85', 1000).nullish().default(null),
  maxArvLtvPercent: percentInput('the largest ARV-LTV in percent', '70', 1000).nullish().default(null),
  minDscr: percentInput('the smallest DSCR', '1.25', 100).nullish().default(null),
  engineSettings: productEngineSettingsSchema,
  paymentWaterfall: paymentWaterfallSchema.optional(),
  requiredDocuments: z
    .array(requiredDocumentSchema, { error: 'Give the required documents as a list.' })
    .max(REQUIRED_DOCUMENTS_MAX, { error: `At most ${REQUIRED_DOCUMENTS_MAX} required documents.` })
    .default([]),
};

/** Bounds that must agree with one another. */
function checkBounds(
  v: {
    minAmount: string;
    maxAmount: string;
    minRatePercent: string;
    maxRatePercent: string;
    baseRatePercent: string;
    minTermPayments: number;
    maxTermPayments: number;
    requiredDocuments: RequiredDocument[];
    lateFeeMinimum?: string | null;
    lateFeeMaximum?: string | null;
  },
  ctx: z.core.$RefinementCtx,
) {
  // Compared as decimals without floats: pad to a common scale and compare as BigInt.
  const cmp = (a: string, b: string) => compareDecimals(a, b);
  if (cmp(v.minAmount, v.maxAmount) > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['maxAmount'],
      message: 'The largest amount must not be below the smallest.',
    });
  if (cmp(v.minRatePercent, v.maxRatePercent) > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['maxRatePercent'],
      message: 'The highest rate must not be below the lowest.',
    });
  if (cmp(v.baseRatePercent, v.minRatePercent) < 0 || cmp(v.baseRatePercent, v.maxRatePercent) > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['baseRatePercent'],
      message: 'The usual rate must lie between the lowest and the highest.',
    });
  if (v.minTermPayments > v.maxTermPayments)
    ctx.addIssue({
      code: 'custom',
      path: ['maxTermPayments'],
      message: 'The longest term must not be below the shortest.',
    });
  if (v.lateFeeMinimum && v.lateFeeMaximum && cmp(v.lateFeeMinimum, v.lateFeeMaximum) > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['lateFeeMaximum'],
      message: 'The largest late fee must not be below the smallest.',
    });
  const keys = new Set<string>();
  v.requiredDocuments.forEach((d, i) => {
    if (keys.has(d.key))
      ctx.addIssue({
        code: 'custom',
        path: ['requiredDocuments', i, 'key'],
        message: `The key “${d.key}” is used twice.`,
      });
    keys.add(d.key);
  });
}

/** Compares two non-negative decimal strings exactly. */
export function compareDecimals(a: string, b: string): number {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  const scale = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(scale, '0'));
  const y = BigInt(bi + bf.padEnd(scale, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

export const productSettingsInput = z.object(productSettingsShape).superRefine(checkBounds);
export type ProductSettingsInput = z.input<typeof productSettingsInput>;
export type ProductSettings = z.output<typeof productSettingsInput>;

export const createProductInput = productSettingsInput;
export const updateProductInput = z.object({ productId: uuidSchema, settings: productSettingsInput });
export const productIdInput = z.object({ productId: uuidSchema });
export const listProductsInput = z
  .object({
    status: choiceInput(PRODUCT_STATUSES, 'Choose active or archived.').optional(),
  })
  .default({});
