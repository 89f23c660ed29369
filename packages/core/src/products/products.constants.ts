/** Choice lists of loan products, shared by the database enums and the zod inputs. Browser-safe. */
export const PRODUCT_KINDS = ['bridge', 'construction', 'term'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
/** Interest on a construction loan: on the funds drawn so far, or on the full commitment. */
export const DRAW_INTEREST_BASES = ['drawn_funds', 'full_commitment'] as const;
export type DrawInterestBasis = (typeof DRAW_INTEREST_BASES)[number];
