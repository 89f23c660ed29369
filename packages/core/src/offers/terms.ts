/**
 * From a product version and the numbers of a request or an offer to the engine's terms, and the
 * engine's estimate (payment, APR with points and fees). One place, so the borrower's live
 * estimate, the offer and the funded loan are computed the same way.
 */
import {
  describeLoanMathError,
  estimateLoan,
  type LoanEstimate,
  LoanMathInputError,
  type LoanTerms,
  type LoanTermsInput,
  loanTermsSchema,
} from '@lending/loan-math';
import { Temporal } from 'temporal-polyfill';
import type { loanProductVersions } from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { compareDecimals } from '../products/products.inputs.ts';

type ProductVersion = typeof loanProductVersions.$inferSelect;

export interface OfferNumbers {
  amount: string;
  annualRatePercent: string;
  termPayments: number;
  originationPoints: string;
  originationFee: string;
  /** Overrides the product's amortization. */
  amortization?: LoanTerms['amortization'] | undefined;
  /** Installments to amortize over (≥ term: a balloon); null: over the term. */
  amortizationPayments?: number | null | undefined;
  startDate: string;
}

/** Today as a calendar date, in UTC (organizations have no time zone setting yet). */
export function todayUtc(): string {
  return Temporal.Now.plainDateISO('UTC').toString();
}

export function termsFor(version: ProductVersion, n: OfferNumbers): LoanTermsInput {
  const s = version.engineSettings;
  const amortizationPayments =
    n.amortizationPayments !== undefined ? n.amortizationPayments : s.amortizationPayments;
  const lateFee =
    compareDecimals(version.lateFeePercent, '0') > 0 || version.lateFeeMinimum
      ? {
          percent: version.lateFeePercent,
          ...(version.lateFeeMinimum ? { minimum: version.lateFeeMinimum } : {}),
          ...(version.lateFeeMaximum ? { maximum: version.lateFeeMaximum } : {}),
          graceDays: version.lateFeeGraceDays,
        }
      : undefined;
  return {
    principal: n.amount,
    annualRate: n.annualRatePercent,
    startDate: n.startDate,
    payments: n.termPayments,
    frequency: s.frequency,
    interestMethod: s.interestMethod,
    amortization: n.amortization ?? s.amortization,
    // A product's balloon amortization shorter than this term would be refused: amortize over the term.
    ...(amortizationPayments && amortizationPayments > n.termPayments ? { amortizationPayments } : {}),
    dayCount: s.dayCount,
    interestPeriod: s.interestPeriod,
    rounding: s.rounding,
    installmentMultiple: s.installmentMultiple,
    principalGrace: s.principalGrace < n.termPayments ? s.principalGrace : 0,
    interestGrace: s.interestGrace < n.termPayments ? s.interestGrace : 0,
    oddFirstPeriod: s.oddFirstPeriod,
    businessDayRule: s.businessDayRule,
    prepaymentRecalculation: s.prepaymentRecalculation,
    originationPoints: n.originationPoints,
    originationFee: n.originationFee,
    ...(lateFee ? { lateFee } : {}),
  };
}

/** Validated terms (defaults filled), or a 400 naming what the engine refuses. */
export function validTerms(terms: LoanTermsInput): LoanTerms {
  const parsed = loanTermsSchema.safeParse(terms);
  if (!parsed.success)
    throw new DomainError('BAD_REQUEST', `These terms do not work: ${describeLoanMathError(parsed.error)}`);
  return parsed.data;
}

export function estimate(terms: LoanTermsInput): LoanEstimate {
  try {
    return estimateLoan(terms);
  } catch (error) {
    if (error instanceof LoanMathInputError)
      throw new DomainError('BAD_REQUEST', `These terms do not work: ${describeLoanMathError(error)}`);
    throw error;
  }
}

/** What a person reads of an estimate: the payment, the APR, the totals. */
export interface EstimateSummary {
  /** The level installment, or the first one where installments vary (interest-only: interest). */
  paymentAmount: string;
  /** The last installment (a balloon where there is one). */
  finalPaymentAmount: string;
  payments: number;
  aprPercent: string;
  financeCharge: string;
  amountFinanced: string;
  totalOfPayments: string;
  totalInterest: string;
  prepaidFinanceCharges: string;
  firstDueDate: string;
  maturityDate: string;
}

export function summarize(e: LoanEstimate): EstimateSummary {
  const first = e.installments[0];
  const last = e.installments.at(-1);
  return {
    paymentAmount: e.installmentAmount ?? first?.total ?? '0.00',
    finalPaymentAmount: last?.total ?? '0.00',
    payments: e.installments.length,
    aprPercent: e.apr.apr,
    financeCharge: e.apr.financeCharge,
    amountFinanced: e.apr.amountFinanced,
    totalOfPayments: e.apr.totalOfPayments,
    totalInterest: e.totals.interest,
    prepaidFinanceCharges: e.prepaidFinanceCharges,
    firstDueDate: first?.dueDate ?? e.maturityDate,
    maturityDate: e.maturityDate,
  };
}
