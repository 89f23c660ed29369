/**
 * The monthly statement of a loan (issue 9 item 7): opening and closing balances (servicing's
 * engine-derived balances as of the last day before the month and the month's last day),
 * the month's activity (payments, fees, draws, interest, adjustments), the installments due in
 * the month and what is due next. The balances come from the same derivation as servicing's
 * screens and payoff quotes, so the statement agrees with them.
 */
import { dateSchema } from '@lending/loan-math';
import Decimal from 'decimal.js';
import { and, asc, eq, gt, gte, lt } from 'drizzle-orm';
import type { PortalAccess } from '../access/access.ts';
import { personName } from '../applications/applications.ts';
import type { Executor } from '../db/client.ts';
import {
  applications,
  appUsers,
  ledgerEntries,
  loanInstallments,
  organizations,
} from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { findLoan, LOAN_NOT_FOUND, type LoanRow, loanReference } from '../loans/loans.ts';
import { todayUtc } from '../offers/terms.ts';
import { balancesOfLoan } from '../servicing/balances.ts';

export interface Balances {
  principal: string;
  /** Interest accrued and unpaid (never negative). */
  interest: string;
  /** Interest paid before it accrued: a credit, taken off the total. */
  interestPaidAhead: string;
  fees: string;
  /** principal + interest + fees − interest paid ahead: what a payoff that day would take. */
  total: string;
}

export interface StatementData {
  organizationName: string;
  borrowerName: string;
  loanReference: string;
  month: string;
  periodStart: string;
  periodEnd: string;
  opening: Balances;
  closing: Balances;
  activity: {
    date: string;
    kind: string;
    description: string;
    amount: string;
    principal: string;
    interest: string;
    fees: string;
  }[];
  totals: { payments: string; draws: string; fees: string; interest: string };
  dueThisMonth: { number: number; dueDate: string; principal: string; interest: string; total: string }[];
  nextDue: { number: number; dueDate: string; principal: string; interest: string; total: string } | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function monthBounds(month: string) {
  const m = MONTH.exec(month);
  if (!m) throw new DomainError('BAD_REQUEST', 'Give the month as YYYY-MM.');
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const start = `${m[1]}-${m[2]}-01`;
  const nextYear = mon === 12 ? year + 1 : year;
  const nextMonth = mon === 12 ? 1 : mon + 1;
  const next = `${String(nextYear).padStart(4, '0')}-${String(nextMonth).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { start, next, end: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
}

const fmt = (d: Decimal) => d.toFixed(2);
const previousDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

function balances(row: { principal: string; interest: string; paidAhead: string; fees: string }): Balances {
  const p = new Decimal(row.principal);
  const i = new Decimal(row.interest);
  const ahead = new Decimal(row.paidAhead);
  const f = new Decimal(row.fees);
  return {
    principal: fmt(p),
    interest: fmt(i),
    interestPaidAhead: fmt(ahead),
    fees: fmt(f),
    total: fmt(p.plus(i).plus(f).minus(ahead)),
  };
}

/**
 * Balances as of the end of `asOf` from servicing's derivation (the engine over the ledger):
 * principal outstanding, interest accrued and unpaid, fees and penalties outstanding. Before the
 * funding date everything is 0.
 */
async function balancesAsOf(db: Executor, loan: LoanRow, asOf: string): Promise<Balances> {
  if (asOf < loan.fundedOn) return balances({ principal: '0', interest: '0', paidAhead: '0', fees: '0' });
  const b = await balancesOfLoan(db, loan, asOf);
  return balances({
    principal: b.principalOutstanding,
    interest: b.accruedInterest,
    paidAhead: b.interestPaidAhead,
    fees: new Decimal(b.feesOutstanding).plus(b.penaltiesOutstanding).toFixed(2),
  });
}

const KIND_LABEL: Record<string, string> = {
  disbursement: 'Disbursement',
  draw_disbursement: 'Draw',
  payment: 'Payment',
  fee: 'Fee',
  late_fee: 'Late fee',
  reversal: 'Reversal',
  adjustment: 'Adjustment',
  payoff: 'Payoff',
};

/**
 * The statement of `month` (YYYY-MM) for the loan's borrower and the organization's staff (others:
 * not found). Months before funding or after the current month are not found.
 */
export async function buildStatement(
  db: Executor,
  access: Pick<PortalAccess, 'organizationId' | 'userId' | 'portal'>,
  loanId: string,
  month: string,
): Promise<StatementData> {
  const { start, next, end } = monthBounds(month);
  const loan = await findLoan(db, access, loanId);
  if (next <= loan.fundedOn || start > todayUtc())
    throw new DomainError('NOT_FOUND', 'There is no statement for that month.');
  const [party] = await db
    .select({
      organizationName: organizations.name,
      firstName: applications.firstName,
      lastName: applications.lastName,
      entityName: applications.entityName,
      email: appUsers.email,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .innerJoin(appUsers, eq(appUsers.id, applications.borrowerUserId))
    .where(eq(applications.id, loan.applicationId));
  if (!party) throw new DomainError('NOT_FOUND', LOAN_NOT_FOUND);
  const [opening, closing, entries, due, [nextDue]] = await Promise.all([
    balancesAsOf(db, loan, previousDay(start)),
    balancesAsOf(db, loan, end),
    db
      .select()
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.loanId, loan.id),
          gte(ledgerEntries.effectiveDate, start),
          lt(ledgerEntries.effectiveDate, next),
        ),
      )
      .orderBy(asc(ledgerEntries.effectiveDate), asc(ledgerEntries.sequence)),
    db
      .select()
      .from(loanInstallments)
      .where(
        and(
          eq(loanInstallments.loanId, loan.id),
          gte(loanInstallments.dueDate, start),
          lt(loanInstallments.dueDate, next),
        ),
      )
      .orderBy(asc(loanInstallments.number)),
    db
      .select()
      .from(loanInstallments)
      .where(and(eq(loanInstallments.loanId, loan.id), gt(loanInstallments.dueDate, end)))
      .orderBy(asc(loanInstallments.number))
      .limit(1),
  ]);
  let payments = new Decimal(0);
  let draws = new Decimal(0);
  let fees = new Decimal(0);
  let interest = new Decimal(0);
  let interestPaid = new Decimal(0);
  for (const e of entries) {
    if (e.kind === 'payment' || e.kind === 'payoff') payments = payments.plus(e.amount);
    if (e.kind === 'draw_disbursement' || e.kind === 'disbursement') draws = draws.plus(e.amount);
    if (e.kind === 'fee' || e.kind === 'late_fee') fees = fees.plus(e.amount);
    if (e.kind === 'payment' || e.kind === 'payoff') interestPaid = interestPaid.minus(e.interest);
  }
  // Interest charged in the month: how the net interest balance (accrued less paid ahead) moved,
  // plus what payments in the month took off it.
  const net = (b: Balances) => new Decimal(b.interest).minus(b.interestPaidAhead);
  interest = net(closing).minus(net(opening)).plus(interestPaid);
  return {
    organizationName: party.organizationName,
    borrowerName:
      party.entityName ??
      personName(party.firstName, party.lastName, party.email) ??
      party.email ??
      'Borrower',
    loanReference: loanReference(loan.number),
    month,
    periodStart: start,
    periodEnd: end,
    opening,
    closing,
    activity: entries.map((e) => ({
      date: e.effectiveDate,
      kind: KIND_LABEL[e.kind] ?? e.kind,
      description: e.description ?? '',
      amount: e.amount,
      principal: e.principal,
      interest: e.interest,
      fees: fmt(new Decimal(e.fees).plus(e.penalties)),
    })),
    totals: { payments: fmt(payments), draws: fmt(draws), fees: fmt(fees), interest: fmt(interest) },
    dueThisMonth: due.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      principal: i.principal,
      interest: i.interest,
      total: i.total,
    })),
    nextDue: nextDue
      ? {
          number: nextDue.number,
          dueDate: nextDue.dueDate,
          principal: nextDue.principal,
          interest: nextDue.interest,
          total: nextDue.total,
        }
      : null,
  };
}

/**
 * The payoff letter's data: servicing's payoff quote as of `asOf` (parties and staff; others: not
 * found), with the loan's reference and borrower.
 */
export async function buildPayoffLetter(
  db: Executor,
  access: Pick<PortalAccess, 'organizationId' | 'userId' | 'portal'>,
  loanId: string,
  asOf: string,
) {
  const { quoteLoanPayoff } = await import('../servicing/payments.ts');
  const date = dateSchema('the payoff date').safeParse(asOf);
  if (!date.success) throw new DomainError('BAD_REQUEST', 'Give the payoff date as a real date, YYYY-MM-DD.');
  const loan = await findLoan(db, access, loanId);
  if (date.data < loan.fundedOn)
    throw new DomainError(
      'BAD_REQUEST',
      `The payoff date must be on or after the funding date, ${loan.fundedOn}.`,
    );
  const quote = await quoteLoanPayoff(db, access, loan.id, date.data);
  const [party] = await db
    .select({
      organizationName: organizations.name,
      firstName: applications.firstName,
      lastName: applications.lastName,
      entityName: applications.entityName,
      email: appUsers.email,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .innerJoin(appUsers, eq(appUsers.id, applications.borrowerUserId))
    .where(eq(applications.id, loan.applicationId));
  if (!party) throw new DomainError('NOT_FOUND', LOAN_NOT_FOUND);
  return {
    organizationName: party.organizationName,
    borrowerName:
      party.entityName ??
      personName(party.firstName, party.lastName, party.email) ??
      party.email ??
      'Borrower',
    loanReference: loanReference(loan.number),
    issuedOn: todayUtc(),
    quote,
  };
}
