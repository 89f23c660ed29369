/**
 * Funding and loans. `fundLoan` creates, exactly once per idempotency key whatever the retries:
 * the loan with an immutable copy of its terms (the accepted offer's, starting on the funding
 * date), its schedule from the engine (installments in their own table), and the ledger entries
 * of the funding (disbursement; origination points and fees charged, and withheld from the
 * proceeds; prepaid odd-days interest where the terms say so). It is the application's
 * `approved → funded` transition, made by the state machine in the same transaction.
 *
 * Ledger signs: each allocation column moves the borrower's balance of that part (a disbursement
 * adds principal, a charge adds fees, a payment subtracts); `amount` is the movement's size.
 */
import { termsPrepaidFinanceCharges } from '@lending/loan-math';
import Decimal from 'decimal.js';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, PortalAccess } from '../access/access.ts';
import { nextNumber, personName } from '../applications/applications.ts';
import {
  applicationReference,
  type TransitionActor,
  transitionApplication,
} from '../applications/state-machine.ts';
import type { Executor } from '../db/client.ts';
import {
  applications,
  appUsers,
  ledgerEntries,
  loanInstallments,
  loanProductVersions,
  loans,
  offers,
} from '../db/schema/index.ts';
import { isUniqueViolation } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import type { NotificationServices } from '../notifications/notifications.ts';
import { estimate, todayUtc, validTerms } from '../offers/terms.ts';
import type { FundLoanInput } from './loans.inputs.ts';

export type LoanRow = typeof loans.$inferSelect;

/** Non-negative integer cents as a decimal string ("1234.05"). */
function centsToString(cents: bigint): string {
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
export const loanReference = (number: number) => `L-${String(number).padStart(6, '0')}`;
export const LOAN_NOT_FOUND = 'That loan was not found.';

async function loanByKey(db: Executor, organizationId: string, idempotencyKey: string) {
  const [loan] = await db
    .select()
    .from(loans)
    .where(and(eq(loans.organizationId, organizationId), eq(loans.idempotencyKey, idempotencyKey)));
  return loan;
}

function replay(loan: LoanRow, input: FundLoanInput) {
  if (loan.applicationId !== input.applicationId)
    throw new DomainError(
      'CONFLICT',
      'That idempotency key was already used to fund another application: use a new key.',
    );
  return { loan, replayed: true };
}

/**
 * Funds an approved application. The same key returns the same loan (`replayed: true`); 20
 * concurrent requests with one key make one loan: they queue on the application's row lock, the
 * first funds, the others find the loan by its key. Funding is the admin's (it moves money).
 */
export async function fundLoan(
  db: Executor,
  actor: TransitionActor,
  input: FundLoanInput,
  services?: NotificationServices | null,
): Promise<{ loan: LoanRow; replayed: boolean }> {
  const existing = await loanByKey(db, actor.organizationId, input.idempotencyKey);
  if (existing) return replay(existing, input);
  try {
    const outcome = await transitionApplication(
      db,
      actor,
      { applicationId: input.applicationId, action: 'fund' },
      async (tx, application) => {
        const [offer] = await tx
          .select()
          .from(offers)
          .where(and(eq(offers.applicationId, application.id), eq(offers.status, 'accepted')));
        if (!offer) throw new DomainError('CONFLICT', 'This application has no accepted offer to fund.');
        // The accepted terms, starting on the funding date (the due dates follow from it).
        const { firstDueDate: _firstDue, ...accepted } = offer.terms;
        // Construction: the rehab budget is held back for draws (docs/draws-statements-boarding.md).
        const [version] = await tx
          .select({
            kind: loanProductVersions.kind,
            basis: loanProductVersions.drawInterestBasis,
            waterfall: loanProductVersions.paymentWaterfall,
          })
          .from(loanProductVersions)
          .where(eq(loanProductVersions.id, offer.productVersionId));
        const holdback =
          version?.kind === 'construction' &&
          application.rehabBudget !== null &&
          new Decimal(application.rehabBudget).gt(0) &&
          new Decimal(application.rehabBudget).lt(accepted.principal)
            ? new Decimal(application.rehabBudget)
            : null;
        const advance = holdback ? new Decimal(accepted.principal).minus(holdback).toFixed(2) : null;
        const terms = validTerms({
          ...accepted,
          startDate: input.fundedOn,
          ...(advance && version?.basis === 'drawn_funds' && accepted.draws.length === 0
            ? { draws: [{ date: input.fundedOn, amount: advance }] }
            : {}),
        });
        const e = estimate(terms);
        const disbursed = advance ?? e.disbursed;
        const number = await nextNumber(tx, actor.organizationId, 'loan');
        const [loan] = await tx
          .insert(loans)
          .values({
            organizationId: actor.organizationId,
            number,
            applicationId: application.id,
            offerId: offer.id,
            productVersionId: offer.productVersionId,
            borrowerUserId: application.borrowerUserId,
            principal: terms.principal,
            annualRatePercent: terms.annualRate,
            aprPercent: e.apr.apr,
            terms,
            ...(version ? { paymentWaterfall: version.waterfall } : {}),
            fundedOn: input.fundedOn,
            maturityDate: e.maturityDate,
            idempotencyKey: input.idempotencyKey,
            fundedBy: actor.userId,
          })
          .returning();
        const rows = e.installments.map((i) => ({
          organizationId: actor.organizationId,
          loanId: loan!.id,
          number: i.number,
          periodStart: i.periodStart,
          dueDate: i.dueDate,
          principal: i.principal,
          interest: i.interest,
          total: i.total,
          balance: i.balance,
        }));
        for (let k = 0; k < rows.length; k += 500)
          await tx.insert(loanInstallments).values(rows.slice(k, k + 500));
        const origination = centsToString(termsPrepaidFinanceCharges(terms, terms.rounding));
        const entry = {
          organizationId: actor.organizationId,
          loanId: loan!.id,
          effectiveDate: input.fundedOn,
          actorUserId: actor.userId,
        };
        const ledger: (typeof ledgerEntries.$inferInsert)[] = [
          {
            ...entry,
            kind: 'disbursement',
            amount: disbursed,
            principal: disbursed,
            description: 'Loan proceeds disbursed at funding',
            idempotencyKey: `${input.idempotencyKey}:disbursement`,
          },
        ];
        if (new Decimal(origination).gt(0))
          ledger.push(
            {
              ...entry,
              kind: 'fee',
              amount: origination,
              fees: origination,
              description: `Origination points (${terms.originationPoints} %) and fees`,
              idempotencyKey: `${input.idempotencyKey}:origination-fees`,
            },
            {
              ...entry,
              kind: 'payment',
              amount: origination,
              fees: new Decimal(origination).neg().toFixed(2),
              description: 'Origination points and fees withheld from the proceeds',
              idempotencyKey: `${input.idempotencyKey}:origination-fees-withheld`,
            },
          );
        if (new Decimal(e.prepaidInterest).gt(0))
          ledger.push(
            {
              ...entry,
              kind: 'adjustment',
              amount: e.prepaidInterest,
              interest: e.prepaidInterest,
              description: 'Prepaid interest for the odd days before the first period',
              idempotencyKey: `${input.idempotencyKey}:prepaid-interest`,
            },
            {
              ...entry,
              kind: 'payment',
              amount: e.prepaidInterest,
              interest: new Decimal(e.prepaidInterest).neg().toFixed(2),
              description: 'Prepaid interest withheld from the proceeds',
              idempotencyKey: `${input.idempotencyKey}:prepaid-interest-withheld`,
            },
          );
        await tx.insert(ledgerEntries).values(ledger);
        const reference = applicationReference(application.number);
        return {
          result: loan!,
          notify: [
            {
              organizationId: actor.organizationId,
              recipientUserId: application.borrowerUserId,
              portal: 'borrower' as const,
              kind: 'loan_funded' as const,
              title: `Your loan ${loanReference(number)} is funded`,
              body: `Application ${reference} is funded: loan ${loanReference(number)} of ${terms.principal}. Your first payment of ${e.installments[0]?.total ?? ''} is due ${e.installments[0]?.dueDate ?? e.maturityDate}.`,
              loanId: loan!.id,
              applicationId: application.id,
            },
          ],
        };
      },
      services,
    );
    return { loan: outcome.result, replayed: false };
  } catch (error) {
    // Lost the race to a request with the same key (it funded first): answer with its loan.
    if ((error instanceof DomainError && error.code === 'CONFLICT') || isUniqueViolation(error)) {
      const again = await loanByKey(db, actor.organizationId, input.idempotencyKey);
      if (again) return replay(again, input);
      if (isUniqueViolation(error))
        throw new DomainError('CONFLICT', 'This application is being funded by another request. Reload it.');
    }
    throw error;
  }
}

/** Balances derived from the ledger (never stored): principal, interest, fees, penalties owed. */
export async function balancesOf(db: Executor, loan: LoanRow) {
  const [row] = await db
    .select({
      principal: sql<string>`coalesce(sum(${ledgerEntries.principal}), 0)::numeric(18,2)::text`,
      interest: sql<string>`coalesce(sum(${ledgerEntries.interest}), 0)::numeric(18,2)::text`,
      fees: sql<string>`coalesce(sum(${ledgerEntries.fees}), 0)::numeric(18,2)::text`,
      penalties: sql<string>`coalesce(sum(${ledgerEntries.penalties}), 0)::numeric(18,2)::text`,
    })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.loanId, loan.id), eq(ledgerEntries.organizationId, loan.organizationId)));
  return row!;
}

export interface NextPayment {
  /** The next installment (due today or later), or — none left to come — the oldest unpaid one. */
  number: number;
  dueDate: string;
  /** What is left to pay of that next installment (0 when none is left to come). */
  amount: string;
  /** Installments and charges due before today and unpaid. */
  pastDue: string;
  /** What to pay by `dueDate`: past due + the next installment. */
  amountDue: string;
  daysPastDue: number;
}

/**
 * What the borrower owes now and next, from servicing's derivation over the ledger as of today:
 * the next installment (what is left of it after partial or early payments), what is past due,
 * and the amount due = both, with the days past due. A closed loan owes nothing more.
 */
async function nextPaymentOf(db: Executor, loan: LoanRow): Promise<NextPayment | null> {
  if (loan.status === 'paid_off' || loan.status === 'charged_off') return null;
  // Imported when used: servicing imports this module.
  const { balancesOfLoan } = await import('../servicing/balances.ts');
  const today = todayUtc();
  const b = await balancesOfLoan(db, loan, today);
  const late = b.installments.filter((i) => i.status === 'late');
  const pastDue = late.reduce((a, i) => a.plus(i.outstanding), new Decimal(0));
  const next = b.nextDue;
  if (!next && pastDue.lte(0)) return null;
  const amount = new Decimal(next?.amount ?? 0);
  return {
    number: next?.number ?? late[0]!.number,
    dueDate: next?.dueDate ?? late[0]!.dueDate,
    amount: amount.toFixed(2),
    pastDue: pastDue.toFixed(2),
    amountDue: pastDue.plus(amount).toFixed(2),
    daysPastDue: b.daysPastDue,
  };
}

export function loanSummary(loan: LoanRow) {
  return {
    id: loan.id,
    number: loan.number,
    reference: loanReference(loan.number),
    applicationId: loan.applicationId,
    status: loan.status,
    principal: loan.principal,
    annualRatePercent: loan.annualRatePercent,
    aprPercent: loan.aprPercent,
    fundedOn: loan.fundedOn,
    maturityDate: loan.maturityDate,
    termPayments: loan.terms.payments,
    frequency: loan.terms.frequency,
    amortization: loan.terms.amortization,
    createdAt: loan.createdAt,
  };
}

async function loanDetail(db: Executor, loan: LoanRow) {
  const [installments, ledger, balances, next] = await Promise.all([
    db
      .select()
      .from(loanInstallments)
      .where(eq(loanInstallments.loanId, loan.id))
      .orderBy(asc(loanInstallments.number)),
    db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.loanId, loan.id))
      .orderBy(asc(ledgerEntries.effectiveDate), asc(ledgerEntries.sequence)),
    balancesOf(db, loan),
    nextPaymentOf(db, loan),
  ]);
  return {
    ...loanSummary(loan),
    terms: loan.terms,
    balances,
    nextPayment: next,
    schedule: installments.map((i) => ({
      number: i.number,
      periodStart: i.periodStart,
      dueDate: i.dueDate,
      principal: i.principal,
      interest: i.interest,
      total: i.total,
      balance: i.balance,
    })),
    ledger: ledger.map((l) => ({
      id: l.id,
      kind: l.kind,
      effectiveDate: l.effectiveDate,
      amount: l.amount,
      principal: l.principal,
      interest: l.interest,
      fees: l.fees,
      penalties: l.penalties,
      description: l.description,
      reversesEntryId: l.reversesEntryId,
      createdAt: l.createdAt,
    })),
  };
}

/** The loan if the caller may see it (their organization; a borrower: their own), else 404. */
export async function findLoan(
  db: Executor,
  access: Pick<PortalAccess, 'organizationId' | 'userId' | 'portal'>,
  loanId: string,
  options: { lock?: boolean } = {},
) {
  const conditions = [eq(loans.id, loanId), eq(loans.organizationId, access.organizationId)];
  if (access.portal === 'borrower') conditions.push(eq(loans.borrowerUserId, access.userId));
  const query = db
    .select()
    .from(loans)
    .where(and(...conditions));
  const [loan] = options.lock ? await query.for('update') : await query;
  if (!loan) throw new DomainError('NOT_FOUND', LOAN_NOT_FOUND);
  return loan;
}

export async function getLoan(
  db: Executor,
  access: Pick<PortalAccess, 'organizationId' | 'userId' | 'portal'>,
  loanId: string,
) {
  return loanDetail(db, await findLoan(db, access, loanId));
}

/** The borrower's loans in the organization, each with what they owe next. */
export async function listMyLoans(db: Executor, actor: Actor) {
  const rows = await db
    .select()
    .from(loans)
    .where(and(eq(loans.organizationId, actor.organizationId), eq(loans.borrowerUserId, actor.userId)))
    .orderBy(desc(loans.createdAt))
    .limit(200);
  return {
    loans: await Promise.all(
      rows.map(async (loan) => ({ ...loanSummary(loan), nextPayment: await nextPaymentOf(db, loan) })),
    ),
  };
}

/** The organization's loans, newest first, paged. */
export async function listLoans(db: Executor, organizationId: string, q: { page: number; pageSize: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        loan: loans,
        firstName: applications.firstName,
        lastName: applications.lastName,
        entityName: applications.entityName,
        email: appUsers.email,
      })
      .from(loans)
      .innerJoin(applications, eq(applications.id, loans.applicationId))
      .innerJoin(appUsers, eq(appUsers.id, loans.borrowerUserId))
      .where(eq(loans.organizationId, organizationId))
      .orderBy(desc(loans.createdAt), desc(loans.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(loans).where(eq(loans.organizationId, organizationId)),
  ]);
  return {
    loans: rows.map((r) => ({
      ...loanSummary(r.loan),
      borrowerName: r.entityName ?? personName(r.firstName, r.lastName, r.email),
    })),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * The borrower's home: what they owe now and next across their open loans (the most overdue loan
 * first, then the earliest due date), and what waits for them (drafts to finish, offers to answer).
 * Documents add their tasks in the documents area.
 */
export async function borrowerHome(db: Executor, actor: Actor) {
  const { loans: mine } = await listMyLoans(db, actor);
  const next = mine
    .filter((l) => (l.status === 'active' || l.status === 'defaulted') && l.nextPayment)
    .sort((a, b) => {
      const x = a.nextPayment!;
      const y = b.nextPayment!;
      if (x.daysPastDue !== y.daysPastDue) return y.daysPastDue - x.daysPastDue;
      return x.dueDate < y.dueDate ? -1 : x.dueDate > y.dueDate ? 1 : 0;
    })[0];
  const open = await db
    .select({ id: applications.id, number: applications.number, status: applications.status })
    .from(applications)
    .where(
      and(
        eq(applications.organizationId, actor.organizationId),
        eq(applications.borrowerUserId, actor.userId),
        inArray(applications.status, ['draft', 'offered']),
      ),
    )
    .orderBy(asc(applications.createdAt))
    .limit(50);
  return {
    nextPayment: next?.nextPayment
      ? {
          dueDate: next.nextPayment.dueDate,
          amount: next.nextPayment.amount,
          pastDue: next.nextPayment.pastDue,
          amountDue: next.nextPayment.amountDue,
          daysPastDue: next.nextPayment.daysPastDue,
          loanId: next.id,
          loanReference: next.reference,
        }
      : null,
    openTasks: open.map((a) => ({
      id: `${a.status === 'draft' ? 'finish' : 'offer'}-${a.id}`,
      title:
        a.status === 'draft'
          ? `Finish and submit application ${applicationReference(a.number)}`
          : `Review your offer for application ${applicationReference(a.number)}`,
      applicationId: a.id,
    })),
  };
}
