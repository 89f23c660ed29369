/** Choice lists of loan products, shared by the database enums and the zod inputs. Browser-safe. */
import type { WaterfallPart } from '@lending/loan-math';

export const PRODUCT_KINDS = ['bridge', 'construction', 'term'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
/** Interest on a construction loan: on the funds drawn so far, or on the full commitment. */
export const DRAW_INTEREST_BASES = ['drawn_funds', 'full_commitment'] as const;
export type DrawInterestBasis = (typeof DRAW_INTEREST_BASES)[number];
/** `installment`: the oldest installment's parts in order, then the next; `component`: each part across installments. */
export const WATERFALL_BY = ['installment', 'component'] as const;
/** The payment waterfall of a product, copied to each loan it funds. */
export interface PaymentWaterfall {
  order: WaterfallPart[];
  by: (typeof WATERFALL_BY)[number];
}
/** Past-due penalties and fees, then interest, then principal, oldest installment first. */
export const DEFAULT_PAYMENT_WATERFALL: PaymentWaterfall = {
  order: ['penalties', 'fees', 'interest', 'principal'],
  by: 'installment',
};
