/** Inputs of offers (term sheets). Browser-safe. */
import type { LoanTerms } from '@lending/loan-math';

export * from './offers.constants.ts';

/** The engine's terms as stored with an offer or a loan (validated, defaults filled in). */
export type LoanTermsSnapshot = LoanTerms;
