/**
 * Construction draws (issue 9 item 6). Every write on a loan's draws first locks the loan's row
 * (`select … for update`), so budget changes, requests, approvals and disbursements of one loan
 * run one at a time: two approvals can never together exceed a line's budget.
 *
 * Money: decimal strings in and out, decimal.js in between, numeric(18,2) in the database.
 * The holdback (what draws may disburse) is the commitment less what funding disbursed.
 * Interest on drawn funds: for a `drawn_funds` product the engine's terms carry `draws` (the
 * funding advance, then each disbursed draw), and the schedule is recomputed after each draw.
 */
import Decimal from 'decimal.js';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { PortalAccess } from '../access/access.ts';
import type { Executor } from '../db/client.ts';
import {
  appUsers,
  documents,
  drawBudgetLines,
  drawInspections,
  drawRequestLines,
  drawRequestPhotos,
  drawRequests,
  ledgerEntries,
  loanInstallments,
  loanProductVersions,
  loans,
} from '../db/schema/index.ts';
import { inTransaction, isUniqueViolation } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { findLoan, LOAN_NOT_FOUND, type LoanRow, loanReference } from '../loans/loans.ts';
import {
  type NotificationInput,
  type NotificationServices,
  notify,
  toStaff,
} from '../notifications/notifications.ts';
import { estimate, validTerms } from '../offers/terms.ts';
import { postDrawDisbursement } from '../servicing/payments.ts';
import { servicingStaff } from '../servicing/staff.ts';
import type {
  ApproveDrawInput,
  CompleteInspectionInput,
  DisburseDrawInput,
  RequestDrawInput,
  ScheduleInspectionInput,
  SetDrawBudgetInput,
} from './draws.inputs.ts';

type Access = Pick<PortalAccess, 'organizationId' | 'userId' | 'portal'>;
const ZERO = new Decimal(0);
const money = (d: Decimal) => d.toFixed(2, Decimal.ROUND_HALF_UP);
export const DRAW_NOT_FOUND = 'That draw request was not found.';
/** The statuses a servicer still has to act on (the servicing queue's "pending draws"). */
export const OPEN_DRAW_STATUSES = ['requested', 'inspection_scheduled', 'inspected', 'approved'] as const;
const amountText = (amount: string) =>
  `$${new Decimal(amount).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/**
 * Tells the borrower of the loan about a decision on their draw (in the app and by email). Called
 * after the change committed: an email cannot be rolled back, and a failed email never fails the
 * request (`notify` logs it).
 */
async function notifyBorrowerOfDraw(
  db: Executor,
  services: NotificationServices | null | undefined,
  loan: Pick<LoanRow, 'id' | 'organizationId' | 'borrowerUserId'>,
  kind: NotificationInput['kind'],
  title: string,
  body: string,
) {
  await notify(db, services, [
    {
      organizationId: loan.organizationId,
      recipientUserId: loan.borrowerUserId,
      portal: 'borrower',
      kind,
      title,
      body,
      loanId: loan.id,
    },
  ]);
}

/** Locks the loan's row: the draws of one loan are written one at a time. */
async function lockLoan(tx: Executor, access: Access, loanId: string): Promise<LoanRow> {
  const conditions = [eq(loans.id, loanId), eq(loans.organizationId, access.organizationId)];
  if (access.portal === 'borrower') conditions.push(eq(loans.borrowerUserId, access.userId));
  const [loan] = await tx
    .select()
    .from(loans)
    .where(and(...conditions))
    .for('update');
  if (!loan) throw new DomainError('NOT_FOUND', LOAN_NOT_FOUND);
  return loan;
}

async function requestRow(tx: Executor, access: Access, drawRequestId: string) {
  const [row] = await tx
    .select()
    .from(drawRequests)
    .where(and(eq(drawRequests.id, drawRequestId), eq(drawRequests.organizationId, access.organizationId)));
  if (!row) throw new DomainError('NOT_FOUND', DRAW_NOT_FOUND);
  return row;
}

/** Locks the request's loan, then reads the request again (its state as of the lock). */
async function lockRequest(tx: Executor, access: Access, drawRequestId: string) {
  const first = await requestRow(tx, access, drawRequestId);
  const loan = await lockLoan(tx, access, first.loanId);
  const [request] = await tx
    .select()
    .from(drawRequests)
    .where(eq(drawRequests.id, drawRequestId))
    .for('update');
  return { loan, request: request! };
}

/** What funding disbursed (the first advance): the commitment less this is the holdback. */
async function fundedAdvance(db: Executor, loan: LoanRow): Promise<Decimal> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${ledgerEntries.principal}), 0)::text` })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.loanId, loan.id),
        eq(ledgerEntries.organizationId, loan.organizationId),
        eq(ledgerEntries.kind, 'disbursement'),
      ),
    );
  return new Decimal(row?.total ?? '0');
}

/** Approved-or-disbursed amounts per budget line (what the line has committed). */
async function committedByLine(db: Executor, loanId: string) {
  const rows = await db
    .select({
      budgetLineId: drawRequestLines.budgetLineId,
      committed: sql<string>`coalesce(sum(${drawRequestLines.amountApproved}) filter (where ${drawRequests.status} in ('approved', 'disbursed')), 0)::text`,
      disbursed: sql<string>`coalesce(sum(${drawRequestLines.amountApproved}) filter (where ${drawRequests.status} = 'disbursed'), 0)::text`,
    })
    .from(drawRequestLines)
    .innerJoin(drawRequests, eq(drawRequests.id, drawRequestLines.drawRequestId))
    .where(eq(drawRequests.loanId, loanId))
    .groupBy(drawRequestLines.budgetLineId);
  return new Map(
    rows.map((r) => [
      r.budgetLineId,
      { committed: new Decimal(r.committed), disbursed: new Decimal(r.disbursed) },
    ]),
  );
}

async function budgetOf(db: Executor, loan: LoanRow) {
  const [lines, committed, advance] = await Promise.all([
    db
      .select()
      .from(drawBudgetLines)
      .where(
        and(eq(drawBudgetLines.loanId, loan.id), eq(drawBudgetLines.organizationId, loan.organizationId)),
      )
      .orderBy(asc(drawBudgetLines.position)),
    committedByLine(db, loan.id),
    fundedAdvance(db, loan),
  ]);
  const holdback = Decimal.max(ZERO, new Decimal(loan.principal).minus(advance));
  let allocated = ZERO;
  let drawn = ZERO;
  const out = lines.map((l) => {
    const c = committed.get(l.id) ?? { committed: ZERO, disbursed: ZERO };
    allocated = allocated.plus(l.budget);
    drawn = drawn.plus(c.disbursed);
    return {
      id: l.id,
      name: l.name,
      budget: money(new Decimal(l.budget)),
      approved: money(c.committed),
      disbursed: money(c.disbursed),
      remaining: money(new Decimal(l.budget).minus(c.committed)),
    };
  });
  return {
    loanId: loan.id,
    holdback: money(holdback),
    allocated: money(allocated),
    unallocated: money(holdback.minus(allocated)),
    drawn: money(drawn),
    lines: out,
  };
}

export type DrawBudget = Awaited<ReturnType<typeof budgetOf>>;

export async function getDrawBudget(db: Executor, access: Access, loanId: string) {
  return budgetOf(db, await findLoan(db, access, loanId));
}

/**
 * Sets the loan's budget lines (servicer): lines are matched by name; a line may not drop below
 * what it has approved, a line with requests may not be removed, and the lines together may not
 * exceed the holdback (the rehab budget held back at funding).
 */
export async function setDrawBudget(db: Executor, access: Access, input: SetDrawBudgetInput) {
  const names = new Set<string>();
  for (const [index, line] of input.lines.entries()) {
    const key = line.name.toLowerCase();
    if (names.has(key))
      throw new DomainError('BAD_REQUEST', `Line ${index + 1}: the name "${line.name}" is used twice.`);
    names.add(key);
  }
  return inTransaction(db, async (tx) => {
    const loan = await lockLoan(tx, access, input.loanId);
    if (loan.status !== 'active')
      throw new DomainError('CONFLICT', 'Only an active loan has a draw budget to change.');
    const current = await budgetOf(tx, loan);
    const total = input.lines.reduce((sum, l) => sum.plus(l.budget), ZERO);
    if (total.gt(current.holdback))
      throw new DomainError(
        'BAD_REQUEST',
        `The lines add up to ${money(total)}, more than the ${current.holdback} held back for draws.`,
      );
    const byName = new Map(current.lines.map((l) => [l.name.toLowerCase(), l]));
    for (const line of input.lines) {
      const existing = byName.get(line.name.toLowerCase());
      if (existing && new Decimal(line.budget).lt(existing.approved))
        throw new DomainError(
          'BAD_REQUEST',
          `The line "${line.name}" has ${existing.approved} approved: its budget cannot be less.`,
        );
    }
    const removed = current.lines.filter((l) => !names.has(l.name.toLowerCase()));
    if (removed.length > 0) {
      const [used] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(drawRequestLines)
        .where(
          inArray(
            drawRequestLines.budgetLineId,
            removed.map((l) => l.id),
          ),
        );
      if ((used?.n ?? 0) > 0)
        throw new DomainError(
          'CONFLICT',
          'A line that draw requests use cannot be removed: set its budget instead.',
        );
      await tx.delete(drawBudgetLines).where(
        inArray(
          drawBudgetLines.id,
          removed.map((l) => l.id),
        ),
      );
    }
    for (const [index, line] of input.lines.entries()) {
      const existing = byName.get(line.name.toLowerCase());
      if (existing)
        await tx
          .update(drawBudgetLines)
          .set({ name: line.name, budget: line.budget, position: index + 1, updatedAt: new Date() })
          .where(eq(drawBudgetLines.id, existing.id));
      else
        await tx.insert(drawBudgetLines).values({
          organizationId: loan.organizationId,
          loanId: loan.id,
          position: index + 1,
          name: line.name,
          budget: line.budget,
        });
    }
    return budgetOf(tx, loan);
  });
}

async function drawDetails(db: Executor, rows: (typeof drawRequests.$inferSelect)[]) {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [lines, inspections, photos] = await Promise.all([
    db
      .select({ line: drawRequestLines, name: drawBudgetLines.name })
      .from(drawRequestLines)
      .innerJoin(drawBudgetLines, eq(drawBudgetLines.id, drawRequestLines.budgetLineId))
      .where(inArray(drawRequestLines.drawRequestId, ids))
      .orderBy(asc(drawBudgetLines.position)),
    db.select().from(drawInspections).where(inArray(drawInspections.drawRequestId, ids)),
    db
      .select({ drawRequestId: drawRequestPhotos.drawRequestId, document: documents })
      .from(drawRequestPhotos)
      .innerJoin(documents, eq(documents.id, drawRequestPhotos.documentId))
      .where(inArray(drawRequestPhotos.drawRequestId, ids)),
  ]);
  return rows.map((r) => {
    const inspection = inspections.find((i) => i.drawRequestId === r.id);
    return {
      id: r.id,
      loanId: r.loanId,
      number: r.number,
      status: r.status,
      note: r.note,
      amountRequested: r.amountRequested,
      amountApproved: r.amountApproved,
      decisionNote: r.decisionNote,
      decidedAt: r.decidedAt,
      disbursedOn: r.disbursedOn,
      ledgerEntryId: r.ledgerEntryId,
      createdAt: r.createdAt,
      lines: lines
        .filter((l) => l.line.drawRequestId === r.id)
        .map((l) => ({
          budgetLineId: l.line.budgetLineId,
          name: l.name,
          amountRequested: l.line.amountRequested,
          amountApproved: l.line.amountApproved,
        })),
      inspection: inspection
        ? {
            scheduledFor: inspection.scheduledFor,
            inspector: inspection.inspector,
            completedAt: inspection.completedAt,
            percentComplete: inspection.percentComplete,
            notes: inspection.notes,
          }
        : null,
      photos: photos
        .filter((p) => p.drawRequestId === r.id)
        .map((p) => ({
          documentId: p.document.id,
          fileName: p.document.fileName,
          contentType: p.document.contentType,
          downloadPath: `/api/documents/${p.document.id}`,
        })),
    };
  });
}

export type DrawRequestView = Awaited<ReturnType<typeof drawDetails>>[number];

/** The loan's budget and its draw requests, newest first (parties and staff). */
export async function listDraws(db: Executor, access: Access, loanId: string) {
  const loan = await findLoan(db, access, loanId);
  const rows = await db
    .select()
    .from(drawRequests)
    .where(and(eq(drawRequests.loanId, loan.id), eq(drawRequests.organizationId, loan.organizationId)))
    .orderBy(sql`${drawRequests.number} desc`)
    .limit(500);
  return {
    applicationId: loan.applicationId,
    budget: await budgetOf(db, loan),
    draws: await drawDetails(db, rows),
  };
}

async function viewOf(db: Executor, id: string) {
  const [row] = await db.select().from(drawRequests).where(eq(drawRequests.id, id));
  return (await drawDetails(db, [row!]))[0]!;
}

/**
 * The borrower asks for a draw on their own active loan: an amount per budget line, each within
 * the line's remaining budget, with photos (documents of the loan's application). Exactly once
 * per idempotency key.
 */
export async function requestDraw(
  db: Executor,
  access: Access,
  input: RequestDrawInput,
  services?: NotificationServices | null,
) {
  const replay = async () => {
    const [existing] = await db
      .select()
      .from(drawRequests)
      .where(
        and(
          eq(drawRequests.organizationId, access.organizationId),
          eq(drawRequests.idempotencyKey, input.idempotencyKey),
        ),
      );
    if (!existing) return null;
    if (existing.loanId !== input.loanId || existing.requestedBy !== access.userId)
      throw new DomainError(
        'CONFLICT',
        'That idempotency key was already used for another draw: use a new key.',
      );
    return { draw: await viewOf(db, existing.id), replayed: true };
  };
  const seen = await replay();
  if (seen) return seen;
  try {
    const created = await inTransaction(db, async (tx) => {
      const loan = await lockLoan(tx, access, input.loanId);
      if (loan.status !== 'active')
        throw new DomainError('CONFLICT', 'Draws can only be requested on an active loan.');
      const budget = await budgetOf(tx, loan);
      const lines = new Map(budget.lines.map((l) => [l.id, l]));
      const seenLines = new Set<string>();
      let total = ZERO;
      for (const [index, line] of input.lines.entries()) {
        const budgetLine = lines.get(line.budgetLineId);
        if (!budgetLine)
          throw new DomainError('BAD_REQUEST', `Line ${index + 1}: that budget line is not on this loan.`);
        if (seenLines.has(line.budgetLineId))
          throw new DomainError('BAD_REQUEST', `Line ${index + 1}: "${budgetLine.name}" is asked for twice.`);
        seenLines.add(line.budgetLineId);
        if (new Decimal(line.amount).gt(budgetLine.remaining))
          throw new DomainError(
            'BAD_REQUEST',
            `"${budgetLine.name}": ${money(new Decimal(line.amount))} is more than the ${budgetLine.remaining} left of its budget.`,
          );
        total = total.plus(line.amount);
      }
      const photoIds = [...new Set(input.photoDocumentIds)];
      if (photoIds.length > 0) {
        const found = await tx
          .select({ id: documents.id })
          .from(documents)
          .where(
            and(
              inArray(documents.id, photoIds),
              eq(documents.organizationId, loan.organizationId),
              eq(documents.applicationId, loan.applicationId),
            ),
          );
        if (found.length !== photoIds.length)
          throw new DomainError(
            'BAD_REQUEST',
            "A photo is not one of this loan's documents: upload it first.",
          );
      }
      const [{ next } = { next: 1 }] = await tx
        .select({ next: sql<number>`coalesce(max(${drawRequests.number}), 0)::int + 1` })
        .from(drawRequests)
        .where(eq(drawRequests.loanId, loan.id));
      const [request] = await tx
        .insert(drawRequests)
        .values({
          organizationId: loan.organizationId,
          loanId: loan.id,
          number: next,
          requestedBy: access.userId,
          idempotencyKey: input.idempotencyKey,
          note: input.note || null,
          amountRequested: money(total),
        })
        .returning();
      await tx.insert(drawRequestLines).values(
        input.lines.map((l) => ({
          organizationId: loan.organizationId,
          drawRequestId: request!.id,
          budgetLineId: l.budgetLineId,
          amountRequested: l.amount,
        })),
      );
      if (photoIds.length > 0)
        await tx.insert(drawRequestPhotos).values(
          photoIds.map((documentId) => ({
            organizationId: loan.organizationId,
            drawRequestId: request!.id,
            documentId,
          })),
        );
      return { id: request!.id, loan, number: next, total };
    });
    const staff = await servicingStaff(db, created.loan.organizationId);
    if (staff.length > 0)
      await notify(
        db,
        services,
        toStaff(created.loan.organizationId, staff, {
          kind: 'draw_requested',
          title: `Draw ${created.number} requested on ${loanReference(created.loan.number)}`,
          body: `The borrower asks for ${amountText(money(created.total))} (draw ${created.number}). Schedule the inspection.`,
          loanId: created.loan.id,
        }),
      );
    return { draw: await viewOf(db, created.id), replayed: false };
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await replay();
      if (again) return again;
    }
    throw error;
  }
}

function refuseUnless(status: string, allowed: string[], doing: string) {
  if (!allowed.includes(status))
    throw new DomainError(
      'CONFLICT',
      `This draw is ${status.replaceAll('_', ' ')}: it cannot be ${doing} now.`,
    );
}

export async function scheduleInspection(
  db: Executor,
  access: Access,
  input: ScheduleInspectionInput,
  services?: NotificationServices | null,
) {
  const { loan, number } = await inTransaction(db, async (tx) => {
    const { loan, request } = await lockRequest(tx, access, input.drawRequestId);
    refuseUnless(request.status, ['requested', 'inspection_scheduled'], 'scheduled for inspection');
    await tx
      .insert(drawInspections)
      .values({
        organizationId: request.organizationId,
        drawRequestId: request.id,
        scheduledFor: input.scheduledFor,
        inspector: input.inspector,
        scheduledBy: access.userId,
      })
      .onConflictDoUpdate({
        target: drawInspections.drawRequestId,
        set: { scheduledFor: input.scheduledFor, inspector: input.inspector, scheduledBy: access.userId },
      });
    await tx
      .update(drawRequests)
      .set({ status: 'inspection_scheduled', updatedAt: new Date() })
      .where(eq(drawRequests.id, request.id));
    return { loan, number: request.number };
  });
  await notifyBorrowerOfDraw(
    db,
    services,
    loan,
    'draw_inspection_scheduled',
    `Inspection for draw ${number} on ${input.scheduledFor}`,
    `${input.inspector} will inspect the work for draw ${number} on loan ${loanReference(loan.number)} on ${input.scheduledFor}.`,
  );
  return viewOf(db, input.drawRequestId);
}

export async function completeInspection(db: Executor, access: Access, input: CompleteInspectionInput) {
  await inTransaction(db, async (tx) => {
    const { request } = await lockRequest(tx, access, input.drawRequestId);
    refuseUnless(request.status, ['inspection_scheduled'], 'marked inspected');
    await tx
      .update(drawInspections)
      .set({
        completedAt: new Date(),
        completedBy: access.userId,
        percentComplete: input.percentComplete,
        notes: input.notes || null,
      })
      .where(eq(drawInspections.drawRequestId, request.id));
    await tx
      .update(drawRequests)
      .set({ status: 'inspected', updatedAt: new Date() })
      .where(eq(drawRequests.id, request.id));
  });
  return viewOf(db, input.drawRequestId);
}

/**
 * Approves an inspected draw: each line at most what was asked and at most what is left of its
 * budget, counted under the loan's row lock (so concurrent approvals cannot overrun a line).
 */
export async function approveDraw(
  db: Executor,
  access: Access,
  input: ApproveDrawInput,
  services?: NotificationServices | null,
) {
  const approved = await inTransaction(db, async (tx) => {
    const { loan, request } = await lockRequest(tx, access, input.drawRequestId);
    refuseUnless(request.status, ['inspected'], 'approved');
    const budget = await budgetOf(tx, loan);
    const byLine = new Map(budget.lines.map((l) => [l.id, l]));
    const lines = await tx
      .select()
      .from(drawRequestLines)
      .where(eq(drawRequestLines.drawRequestId, request.id));
    const asked = new Map(input.lines.map((l) => [l.budgetLineId, l.amount]));
    for (const id of asked.keys())
      if (!lines.some((l) => l.budgetLineId === id))
        throw new DomainError('BAD_REQUEST', 'An approved line is not one this draw asks for.');
    let total = ZERO;
    for (const line of lines) {
      const b = byLine.get(line.budgetLineId)!;
      const amount = new Decimal(asked.get(line.budgetLineId) ?? line.amountRequested);
      if (amount.gt(line.amountRequested))
        throw new DomainError(
          'BAD_REQUEST',
          `"${b.name}": ${money(amount)} is more than the ${line.amountRequested} asked for.`,
        );
      if (amount.gt(b.remaining))
        throw new DomainError(
          'BAD_REQUEST',
          `"${b.name}": ${money(amount)} is more than the ${b.remaining} left of its budget.`,
        );
      total = total.plus(amount);
      await tx
        .update(drawRequestLines)
        .set({ amountApproved: money(amount) })
        .where(eq(drawRequestLines.id, line.id));
    }
    if (total.lte(0)) throw new DomainError('BAD_REQUEST', 'Approve a positive amount, or reject the draw.');
    await tx
      .update(drawRequests)
      .set({
        status: 'approved',
        amountApproved: money(total),
        decidedBy: access.userId,
        decidedAt: new Date(),
        decisionNote: input.note || null,
        updatedAt: new Date(),
      })
      .where(eq(drawRequests.id, request.id));
    return { loan, number: request.number, total, asked: new Decimal(request.amountRequested) };
  });
  const { loan, number, total, asked } = approved;
  const partly = total.lt(asked) ? ` of the ${amountText(money(asked))} asked for` : '';
  await notifyBorrowerOfDraw(
    db,
    services,
    loan,
    'draw_approved',
    `Draw ${number} approved: ${amountText(money(total))}`,
    `Draw ${number} on loan ${loanReference(loan.number)} was approved for ${amountText(money(total))}${partly}.${input.note ? ` Note: ${input.note}` : ''} It is paid out when disbursed.`,
  );
  return viewOf(db, input.drawRequestId);
}

export async function rejectDraw(
  db: Executor,
  access: Access,
  input: { drawRequestId: string; reason: string },
  services?: NotificationServices | null,
) {
  const { loan, number } = await inTransaction(db, async (tx) => {
    const { loan, request } = await lockRequest(tx, access, input.drawRequestId);
    refuseUnless(request.status, ['requested', 'inspection_scheduled', 'inspected'], 'rejected');
    await tx
      .update(drawRequests)
      .set({
        status: 'rejected',
        decidedBy: access.userId,
        decidedAt: new Date(),
        decisionNote: input.reason,
        updatedAt: new Date(),
      })
      .where(eq(drawRequests.id, request.id));
    return { loan, number: request.number };
  });
  await notifyBorrowerOfDraw(
    db,
    services,
    loan,
    'draw_rejected',
    `Draw ${number} was not approved`,
    `Draw ${number} on loan ${loanReference(loan.number)} was rejected: ${input.reason}`,
  );
  return viewOf(db, input.drawRequestId);
}

/**
 * The engine's terms of the loan as its draws stand: under `drawn_funds` the funding advance and
 * each disbursed draw (from the ledger) are the terms' `draws`; otherwise the terms as funded.
 */
export async function drawAdjustedTerms(db: Executor, loan: LoanRow) {
  if (loan.terms.draws.length === 0) return loan.terms;
  const rows = await db
    .select({ date: ledgerEntries.effectiveDate, amount: ledgerEntries.principal })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.loanId, loan.id),
        eq(ledgerEntries.organizationId, loan.organizationId),
        eq(ledgerEntries.kind, 'draw_disbursement'),
      ),
    )
    .orderBy(asc(ledgerEntries.effectiveDate), asc(ledgerEntries.sequence));
  const draws = [...loan.terms.draws, ...rows].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
  return validTerms({ ...loan.terms, draws });
}

/** Rewrites the schedule's amounts from the draw-adjusted terms (same installments, new figures). */
async function refreshSchedule(tx: Executor, loan: LoanRow) {
  if (loan.terms.draws.length === 0) return;
  const e = estimate(await drawAdjustedTerms(tx, loan));
  for (const i of e.installments)
    await tx
      .update(loanInstallments)
      .set({
        principal: i.principal,
        interest: i.interest,
        total: i.total,
        balance: i.balance,
        dueDate: i.dueDate,
        periodStart: i.periodStart,
      })
      .where(and(eq(loanInstallments.loanId, loan.id), eq(loanInstallments.number, i.number)));
}

/**
 * Disburses an approved draw: one `draw_disbursement` ledger row (its key is the draw's id, so a
 * retry finds the same row), the schedule recomputed where interest follows drawn funds.
 */
export async function disburseDraw(
  db: Executor,
  access: Access,
  input: DisburseDrawInput,
  services?: NotificationServices | null,
) {
  const done = await inTransaction(db, async (tx) => {
    const { loan, request } = await lockRequest(tx, access, input.drawRequestId);
    if (request.status === 'disbursed') return { replayed: true as const };
    refuseUnless(request.status, ['approved'], 'disbursed');
    if (loan.status !== 'active')
      throw new DomainError('CONFLICT', 'Draws can only be disbursed on an active loan.');
    if (input.disbursedOn < loan.fundedOn)
      throw new DomainError(
        'BAD_REQUEST',
        `The disbursement date must be on or after the funding date, ${loan.fundedOn}.`,
      );
    if (input.disbursedOn >= loan.maturityDate)
      throw new DomainError(
        'BAD_REQUEST',
        `The disbursement date must be before the maturity date, ${loan.maturityDate}.`,
      );
    const amount = request.amountApproved!;
    const { entry } = await postDrawDisbursement(tx, access, {
      loanId: loan.id,
      amount,
      effectiveDate: input.disbursedOn,
      description: `Draw ${request.number} disbursed`,
      idempotencyKey: `draw:${request.id}`,
    });
    await tx
      .update(drawRequests)
      .set({
        status: 'disbursed',
        disbursedOn: entry.effectiveDate,
        disbursedBy: access.userId,
        ledgerEntryId: entry.id,
        updatedAt: new Date(),
      })
      .where(eq(drawRequests.id, request.id));
    await refreshSchedule(tx, loan);
    return { replayed: false as const, loan, number: request.number, amount, on: entry.effectiveDate };
  });
  // A replay announces nothing: the first disbursement already did.
  if (!done.replayed)
    await notifyBorrowerOfDraw(
      db,
      services,
      done.loan,
      'draw_disbursed',
      `Draw ${done.number} disbursed: ${amountText(done.amount)}`,
      `${amountText(done.amount)} for draw ${done.number} on loan ${loanReference(done.loan.number)} was disbursed on ${done.on}.`,
    );
  return { draw: await viewOf(db, input.drawRequestId), replayed: done.replayed };
}

/** The product version's interest basis for draws (for display). */
export async function drawInterestBasisOf(db: Executor, loan: LoanRow) {
  const [row] = await db
    .select({ basis: loanProductVersions.drawInterestBasis })
    .from(loanProductVersions)
    .where(eq(loanProductVersions.id, loan.productVersionId));
  return row?.basis ?? 'drawn_funds';
}

/**
 * The servicing queue's pending draws: the organization's draws a servicer still has to act on
 * (requested, inspection scheduled, inspected, approved), oldest first, with the loan and borrower.
 */
export async function listPendingDraws(db: Executor, organizationId: string) {
  const rows = await db
    .select({
      id: drawRequests.id,
      loanId: drawRequests.loanId,
      loanNumber: loans.number,
      number: drawRequests.number,
      status: drawRequests.status,
      amountRequested: drawRequests.amountRequested,
      amountApproved: drawRequests.amountApproved,
      createdAt: drawRequests.createdAt,
      scheduledFor: drawInspections.scheduledFor,
      inspector: drawInspections.inspector,
      borrowerFirstName: appUsers.firstName,
      borrowerLastName: appUsers.lastName,
      borrowerEmail: appUsers.email,
    })
    .from(drawRequests)
    .innerJoin(loans, eq(loans.id, drawRequests.loanId))
    .innerJoin(appUsers, eq(appUsers.id, loans.borrowerUserId))
    .leftJoin(drawInspections, eq(drawInspections.drawRequestId, drawRequests.id))
    .where(
      and(
        eq(drawRequests.organizationId, organizationId),
        inArray(drawRequests.status, [...OPEN_DRAW_STATUSES]),
      ),
    )
    .orderBy(asc(drawRequests.createdAt), desc(drawRequests.number))
    .limit(200);
  return {
    draws: rows.map((r) => ({
      id: r.id,
      loanId: r.loanId,
      loanReference: loanReference(r.loanNumber),
      number: r.number,
      status: r.status,
      amountRequested: r.amountRequested,
      amountApproved: r.amountApproved,
      createdAt: r.createdAt,
      inspection: r.scheduledFor ? { scheduledFor: r.scheduledFor, inspector: r.inspector ?? '' } : null,
      borrower:
        [r.borrowerFirstName, r.borrowerLastName].filter(Boolean).join(' ') || r.borrowerEmail || 'Borrower',
    })),
  };
}
