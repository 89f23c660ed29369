/**
 * Lending OS loan math engine — pure (no database, clock or I/O) and browser-safe: it imports
 * only zod, decimal.js and temporal-polyfill. See docs/loan-math.md for every setting, formula
 * and rounding decision.
 */

export {
  type AllocationOptions,
  allocatePayments,
  allocateRecordedPayments,
  type InstallmentStatus,
  type PaymentAllocation,
  type PaymentApplication,
  type RecordedAllocationRequest,
  type RecordedCharge,
  type RecordedPayment,
} from './allocation.ts';
export {
  type AprRequestInput,
  type AprResult,
  aprOfFlows,
  type CashFlowAprRequestInput,
  cashFlowAprRequestSchema,
  computeApr,
  determineUnitPeriod,
  estimateLoan,
  type LoanAprRequestInput,
  type LoanEstimate,
  loanAprRequestSchema,
  termsPrepaidFinanceCharges,
  UNIT_PERIODS,
  type UnitPeriod,
} from './apr.ts';
export { adjustToBusinessDay, weekday } from './due-dates.ts';
export { type PayoffQuote, quotePayoff, quoteRecordedPayoff } from './payoff.ts';
export { levelPayment, PERIODS_PER_YEAR } from './plan.ts';
export { generateSchedule, reamortize, type Schedule, type ScheduleInstallment } from './schedule.ts';
export * from './schema.ts';
