/**
 * Servicing over tRPC (thin: the domain is in ../../servicing). Lender: viewers read; servicers
 * (and admins) record payments, reversals, fees, payoff, default and charge-off, and run the day.
 * Borrower: their own loans only — balances, history, submit a payment, ask for a payoff quote.
 */
import { z } from 'zod';
import { LEDGER_ENTRY_KINDS, LOAN_STATUSES } from '../../loans/loans.constants.ts';
import { findLoan, listMyLoans } from '../../loans/loans.ts';
import { todayUtc } from '../../offers/terms.ts';
import { balancesOfLoan } from '../../servicing/balances.ts';
import { ledgerOf } from '../../servicing/ledger.ts';
import {
  chargeFee,
  chargeOff,
  markDefault,
  postPayoff,
  quoteLoanPayoff,
  recordPayment,
  reversePayment,
} from '../../servicing/payments.ts';
import {
  listMyPayoffRequests,
  listPayoffRequests,
  markPayoffRequestSent,
  requestPayoff,
} from '../../servicing/payoff-requests.ts';
import { runServicingForDate } from '../../servicing/run.ts';
import {
  chargeFeeInput,
  chargeOffInput,
  confirmSubmissionInput,
  DELINQUENCY_BUCKETS,
  ledgerInput,
  listPayoffRequestsInput,
  listSubmissionsInput,
  loanAsOfInput,
  markDefaultInput,
  markPayoffRequestSentInput,
  myPayoffRequestsInput,
  PAYOFF_REQUEST_STATUSES,
  payoffQuoteInput,
  postPayoffInput,
  recordPaymentInput,
  rejectSubmissionInput,
  requestPayoffInput,
  reversePaymentInput,
  runForDateInput,
  submitPaymentInput,
} from '../../servicing/servicing.inputs.ts';
import {
  confirmSubmission,
  listMySubmissions,
  listSubmissions,
  rejectSubmission,
  submitPayment,
} from '../../servicing/submissions.ts';
import { decimalOut, loanSummaryOut, nextPaymentOut, plainDateOut } from '../origination-outputs.ts';
import { isoInstant, isoInstantOrNull } from '../output-schemas.ts';
import { borrowerProcedure, lenderProcedure, router } from '../trpc.ts';

export const balancesOut = z.object({
  loanId: z.string(),
  status: z.enum(LOAN_STATUSES),
  asOf: plainDateOut,
  principalOutstanding: decimalOut,
  undisbursedCommitment: decimalOut,
  accruedInterest: decimalOut,
  interestPaidAhead: decimalOut,
  feesOutstanding: decimalOut,
  penaltiesOutstanding: decimalOut,
  pastDue: decimalOut,
  daysPastDue: z.number(),
  bucket: z.enum(DELINQUENCY_BUCKETS),
  maturedUnpaid: z.boolean(),
  nextDue: z.object({ number: z.number(), dueDate: plainDateOut, amount: decimalOut }).nullable(),
  totalPaid: decimalOut,
  unapplied: decimalOut,
  installments: z.array(
    z.object({
      number: z.number(),
      dueDate: plainDateOut,
      principal: decimalOut,
      interest: decimalOut,
      fees: decimalOut,
      penalties: decimalOut,
      paid: decimalOut,
      outstanding: decimalOut,
      status: z.enum(['paid', 'late', 'due', 'upcoming']),
      paidOn: plainDateOut.nullable(),
    }),
  ),
});

export const ledgerEntryOut = z.object({
  id: z.string(),
  kind: z.enum(LEDGER_ENTRY_KINDS),
  effectiveDate: plainDateOut,
  amount: decimalOut,
  principal: decimalOut,
  interest: decimalOut,
  fees: decimalOut,
  penalties: decimalOut,
  description: z.string().nullable(),
  reversesEntryId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  createdAt: isoInstant,
});
const postedOut = z.object({
  entry: ledgerEntryOut,
  replayed: z.boolean(),
  loanStatus: z.enum(LOAN_STATUSES),
});
export const payoffQuoteOut = z.object({
  loanId: z.string(),
  asOf: plainDateOut,
  principal: decimalOut,
  interest: decimalOut,
  fees: decimalOut,
  total: decimalOut,
  perDiem: decimalOut,
  goodThrough: plainDateOut,
  undrawnCommitmentCancelled: decimalOut,
});
export const submissionOutSchema = z.object({
  id: z.string(),
  loanId: z.string(),
  amount: decimalOut,
  paymentDate: plainDateOut,
  method: z.string(),
  reference: z.string().nullable(),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  ledgerEntryId: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  createdAt: isoInstant,
});

export const payoffRequestOutSchema = z.object({
  id: z.string(),
  loanId: z.string(),
  goodThrough: plainDateOut,
  note: z.string().nullable(),
  status: z.enum(PAYOFF_REQUEST_STATUSES),
  answeredAt: isoInstantOrNull,
  answerNote: z.string().nullable(),
  createdAt: isoInstant,
  letterPath: z.string(),
});
const staffPayoffRequestOut = payoffRequestOutSchema.extend({
  loanReference: z.string(),
  borrowerName: z.string(),
});

const entryOut = (e: Awaited<ReturnType<typeof ledgerOf>>[number]) => ({
  id: e.id,
  kind: e.kind,
  effectiveDate: e.effectiveDate,
  amount: e.amount,
  principal: e.principal,
  interest: e.interest,
  fees: e.fees,
  penalties: e.penalties,
  description: e.description,
  reversesEntryId: e.reversesEntryId,
  actorUserId: e.actorUserId,
  createdAt: e.createdAt,
});
const posted = (p: Awaited<ReturnType<typeof recordPayment>>) => ({ ...p, entry: entryOut(p.entry) });

export const servicingRouter = router({
  /** Balances, installments (paid / late / due / upcoming) and delinquency as of a date (today). */
  loan: lenderProcedure('viewer')
    .input(loanAsOfInput)
    .output(balancesOut)
    .query(async ({ ctx, input }) =>
      balancesOfLoan(ctx.db, await findLoan(ctx.db, ctx.access, input.loanId), input.asOf ?? todayUtc()),
    ),
  ledger: lenderProcedure('viewer')
    .input(ledgerInput)
    .output(z.object({ entries: z.array(ledgerEntryOut) }))
    .query(async ({ ctx, input }) => ({
      entries: (await ledgerOf(ctx.db, await findLoan(ctx.db, ctx.access, input.loanId))).map(entryOut),
    })),
  recordPayment: lenderProcedure('servicer')
    .input(recordPaymentInput)
    .output(postedOut)
    .mutation(async ({ ctx, input }) =>
      posted(await recordPayment(ctx.db, ctx.access, input, ctx.services.invitations)),
    ),
  reversePayment: lenderProcedure('servicer')
    .input(reversePaymentInput)
    .output(postedOut)
    .mutation(async ({ ctx, input }) =>
      posted(await reversePayment(ctx.db, ctx.access, input, ctx.services.invitations)),
    ),
  chargeFee: lenderProcedure('servicer')
    .input(chargeFeeInput)
    .output(postedOut)
    .mutation(async ({ ctx, input }) => posted(await chargeFee(ctx.db, ctx.access, input))),
  payoffQuote: lenderProcedure('viewer')
    .input(payoffQuoteInput)
    .output(payoffQuoteOut)
    .query(({ ctx, input }) => quoteLoanPayoff(ctx.db, ctx.access, input.loanId, input.asOf)),
  postPayoff: lenderProcedure('servicer')
    .input(postPayoffInput)
    .output(postedOut)
    .mutation(async ({ ctx, input }) =>
      posted(await postPayoff(ctx.db, ctx.access, input, ctx.services.invitations)),
    ),
  markDefault: lenderProcedure('servicer')
    .input(markDefaultInput)
    .output(
      z.object({
        loanId: z.string(),
        status: z.enum(LOAN_STATUSES),
        defaultRatePercent: decimalOut,
        from: plainDateOut,
      }),
    )
    .mutation(({ ctx, input }) => markDefault(ctx.db, ctx.access, input, ctx.services.invitations)),
  chargeOff: lenderProcedure('servicer')
    .input(chargeOffInput)
    .output(z.object({ loanId: z.string(), status: z.enum(LOAN_STATUSES) }))
    .mutation(({ ctx, input }) => chargeOff(ctx.db, ctx.access, input, ctx.services.invitations)),
  /** Runs the day inline for the caller's organization (idempotent per date). */
  runForDate: lenderProcedure('servicer')
    .input(runForDateInput)
    .output(
      z.object({
        runId: z.string(),
        asOf: plainDateOut,
        batches: z.number(),
        loans: z.number(),
        lateFees: z.number(),
        alreadyCompleted: z.boolean(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await runServicingForDate(ctx.db, ctx.access.organizationId, input.asOf, {
        services: ctx.services.invitations,
      });
      return {
        runId: r.runId,
        asOf: r.asOf,
        batches: r.batches,
        loans: r.loans,
        lateFees: r.lateFees,
        alreadyCompleted: r.alreadyCompleted,
      };
    }),
  paymentSubmissions: lenderProcedure('viewer')
    .input(listSubmissionsInput)
    .output(z.object({ submissions: z.array(submissionOutSchema) }))
    .query(({ ctx, input }) => listSubmissions(ctx.db, ctx.access.organizationId, input.status)),
  confirmSubmission: lenderProcedure('servicer')
    .input(confirmSubmissionInput)
    .output(z.object({ submission: submissionOutSchema, entryId: z.string() }))
    .mutation(({ ctx, input }) =>
      confirmSubmission(ctx.db, ctx.access, input.submissionId, ctx.services.invitations),
    ),
  rejectSubmission: lenderProcedure('servicer')
    .input(rejectSubmissionInput)
    .output(z.object({ submission: submissionOutSchema }))
    .mutation(({ ctx, input }) => rejectSubmission(ctx.db, ctx.access, input, ctx.services.invitations)),
  /** Borrowers' payoff requests by status (open first by good-through date), optionally of one loan. */
  payoffRequests: lenderProcedure('viewer')
    .input(listPayoffRequestsInput)
    .output(z.object({ requests: z.array(staffPayoffRequestOut) }))
    .query(({ ctx, input }) => listPayoffRequests(ctx.db, ctx.access.organizationId, input)),
  /** The letter went out: closes the request and tells the borrower (once). */
  markPayoffRequestSent: lenderProcedure('servicer')
    .input(markPayoffRequestSentInput)
    .output(z.object({ request: payoffRequestOutSchema, alreadySent: z.boolean() }))
    .mutation(({ ctx, input }) => markPayoffRequestSent(ctx.db, ctx.access, input, ctx.services.invitations)),
});

export const borrowerLoansRouter = router({
  list: borrowerProcedure
    .output(z.object({ loans: z.array(loanSummaryOut.extend({ nextPayment: nextPaymentOut })) }))
    .query(({ ctx }) => listMyLoans(ctx.db, ctx.access)),
  /** Balances, installments and history of one of the borrower's own loans. */
  detail: borrowerProcedure
    .input(loanAsOfInput)
    .output(
      z.object({
        balances: balancesOut,
        ledger: z.array(ledgerEntryOut),
        submissions: z.array(submissionOutSchema),
      }),
    )
    .query(async ({ ctx, input }) => {
      const loan = await findLoan(ctx.db, ctx.access, input.loanId);
      const [balances, ledger, submissions] = [
        await balancesOfLoan(ctx.db, loan, input.asOf ?? todayUtc()),
        await ledgerOf(ctx.db, loan),
        await listMySubmissions(ctx.db, ctx.access, loan.id),
      ];
      // The borrower sees money movements, not the internal reallocation bookkeeping.
      return {
        balances,
        ledger: ledger.filter((e) => !(e.kind === 'adjustment' && e.amount === '0.00')).map(entryOut),
        submissions,
      };
    }),
  submitPayment: borrowerProcedure
    .input(submitPaymentInput)
    .output(z.object({ submission: submissionOutSchema, replayed: z.boolean() }))
    .mutation(({ ctx, input }) => submitPayment(ctx.db, ctx.access, input, ctx.services.invitations)),
  payoffQuote: borrowerProcedure
    .input(payoffQuoteInput)
    .output(payoffQuoteOut)
    .query(({ ctx, input }) => quoteLoanPayoff(ctx.db, ctx.access, input.loanId, input.asOf)),
  /** Ask the lender for a payoff letter good through a date (idempotent per key). */
  requestPayoff: borrowerProcedure
    .input(requestPayoffInput)
    .output(z.object({ request: payoffRequestOutSchema, replayed: z.boolean() }))
    .mutation(({ ctx, input }) => requestPayoff(ctx.db, ctx.access, input, ctx.services.invitations)),
  payoffRequests: borrowerProcedure
    .input(myPayoffRequestsInput)
    .output(z.object({ requests: z.array(payoffRequestOutSchema) }))
    .query(({ ctx, input }) => listMyPayoffRequests(ctx.db, ctx.access, input.loanId)),
});
