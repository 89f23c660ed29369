/**
 * Construction draws: budget from the rehab budget, requests capped by each line's remaining
 * budget, inspection and approval by role, one ledger row per disbursement (idempotent), and
 * interest that follows drawn funds. Concurrency runs on PostgreSQL too (TEST_DATABASE=postgres).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { estimateLoan } from '@lending/loan-math';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { uploadDocument } from '../documents/documents.ts';
import type { EmailMessage } from '../email/email.ts';
import { DomainError } from '../errors.ts';
import type { NotificationServices } from '../notifications/notifications.ts';
import { createLocalDiskStorage } from '../storage/local-disk.ts';
import { tinyPng } from '../testing/documents.ts';
import {
  actorOf,
  createTestCaller,
  makeBorrower,
  makeConstructionLoan,
  makeFundedLoan,
  makeMember,
  makeOrganization,
  type TestOrganization,
  type TestPerson,
} from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import {
  approveDraw,
  completeInspection,
  disburseDraw,
  drawAdjustedTerms,
  getDrawBudget,
  listDraws,
  listPendingDraws,
  rejectDraw,
  requestDraw,
  scheduleInspection,
  setDrawBudget,
} from './draws.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 25 });
  db = database.db;
});
afterAll(() => database.close());

const lender = (org: TestOrganization) => ({ ...actorOf(org.admin, org), portal: 'lender' as const });
const asBorrower = (org: { id: string }, b: TestPerson) => ({
  ...actorOf(b, org),
  portal: 'borrower' as const,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    const code = (error as { code?: string }).code;
    return code ?? String(error);
  }
}

let keys = 0;
const key = () => `draw-key-${++keys}-${Date.now()}`;

async function world(basis: 'drawn_funds' | 'full_commitment' = 'drawn_funds') {
  const org = await makeOrganization(db);
  const borrower = await makeBorrower(db, org);
  const { loan } = await makeConstructionLoan(db, org, borrower, { basis });
  const budget = await setDrawBudget(db, lender(org), {
    loanId: loan.id,
    lines: [
      { name: 'Foundation', budget: '20000.00' },
      { name: 'Framing', budget: '30000.00' },
    ],
  });
  const [foundation, framing] = budget.lines;
  return { org, borrower, loan, foundation: foundation!, framing: framing! };
}

type World = Awaited<ReturnType<typeof world>>;

async function inspected(w: World, lines: { budgetLineId: string; amount: string }[]) {
  const { draw } = await requestDraw(db, asBorrower(w.org, w.borrower), {
    loanId: w.loan.id,
    idempotencyKey: key(),
    lines,
    photoDocumentIds: [],
  });
  await scheduleInspection(db, lender(w.org), {
    drawRequestId: draw.id,
    scheduledFor: '2026-02-01',
    inspector: 'Pat Inspector',
  });
  await completeInspection(db, lender(w.org), {
    drawRequestId: draw.id,
    percentComplete: 40,
    notes: 'Footings poured',
  });
  return draw;
}

describe('budget', () => {
  it('holds the rehab budget back at funding and caps the lines by it', async () => {
    const w = await world();
    const ledger = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.loanId, w.loan.id));
    const disbursement = ledger.find((l) => l.kind === 'disbursement')!;
    expect(disbursement.principal).toBe('250000.00');
    const budget = await getDrawBudget(db, lender(w.org), w.loan.id);
    expect(budget).toMatchObject({
      holdback: '50000.00',
      allocated: '50000.00',
      unallocated: '0.00',
      drawn: '0.00',
    });
    expect(
      await codeOf(
        setDrawBudget(db, lender(w.org), {
          loanId: w.loan.id,
          lines: [{ name: 'Everything', budget: '50000.01' }],
        }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('a loan that is not a construction loan has nothing held back', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const { loan } = await makeFundedLoan(db, org, borrower);
    expect((await getDrawBudget(db, lender(org), loan.id)).holdback).toBe('0.00');
    expect(
      await codeOf(
        setDrawBudget(db, lender(org), { loanId: loan.id, lines: [{ name: 'Roof', budget: '1.00' }] }),
      ),
    ).toBe('BAD_REQUEST');
  });
});

describe('requests', () => {
  it('refuses a request over a line remaining budget, and one on another borrower loan', async () => {
    const w = await world();
    const me = asBorrower(w.org, w.borrower);
    expect(
      await codeOf(
        requestDraw(db, me, {
          loanId: w.loan.id,
          idempotencyKey: key(),
          lines: [{ budgetLineId: w.foundation.id, amount: '20000.01' }],
          photoDocumentIds: [],
        }),
      ),
    ).toBe('BAD_REQUEST');
    // After 15,000 is approved, 5,000.01 is over what is left.
    const first = await inspected(w, [{ budgetLineId: w.foundation.id, amount: '15000.00' }]);
    await approveDraw(db, lender(w.org), { drawRequestId: first.id, lines: [] });
    expect(
      await codeOf(
        requestDraw(db, me, {
          loanId: w.loan.id,
          idempotencyKey: key(),
          lines: [{ budgetLineId: w.foundation.id, amount: '5000.01' }],
          photoDocumentIds: [],
        }),
      ),
    ).toBe('BAD_REQUEST');
    const other = await makeBorrower(db, w.org);
    expect(
      await codeOf(
        requestDraw(db, asBorrower(w.org, other), {
          loanId: w.loan.id,
          idempotencyKey: key(),
          lines: [{ budgetLineId: w.foundation.id, amount: '1.00' }],
          photoDocumentIds: [],
        }),
      ),
    ).toBe('NOT_FOUND');
    // A line of another loan, and another organization's staff.
    const w2 = await world();
    expect(
      await codeOf(
        requestDraw(db, me, {
          loanId: w.loan.id,
          idempotencyKey: key(),
          lines: [{ budgetLineId: w2.foundation.id, amount: '1.00' }],
          photoDocumentIds: [],
        }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await codeOf(listDraws(db, lender(w2.org), w.loan.id))).toBe('NOT_FOUND');
    expect(await codeOf(approveDraw(db, lender(w2.org), { drawRequestId: first.id, lines: [] }))).toBe(
      'NOT_FOUND',
    );
  });

  it('says which line is over and by how much, in money as the lender reads it', async () => {
    const w = await world();
    await expect(
      requestDraw(db, asBorrower(w.org, w.borrower), {
        loanId: w.loan.id,
        idempotencyKey: key(),
        lines: [{ budgetLineId: w.framing.id, amount: '30001' }],
        photoDocumentIds: [],
      }),
    ).rejects.toThrow('"Framing": 30001.00 is more than the 30000.00 left of its budget.');
  });

  it('the same idempotency key returns the same request', async () => {
    const w = await world();
    const input = {
      loanId: w.loan.id,
      idempotencyKey: key(),
      lines: [{ budgetLineId: w.framing.id, amount: '1000.00' }],
      photoDocumentIds: [],
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => requestDraw(db, asBorrower(w.org, w.borrower), input)),
    );
    expect(new Set(results.map((r) => r.draw.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed).length).toBe(1);
  });
});

describe('photos', () => {
  it('the borrower uploads photos to the funded loan and attaches them; another loan photos are refused', async () => {
    const w = await world();
    const services = {
      storage: createLocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'lending-draw-photos-'))),
      maxUploadBytes: 1024 * 1024,
    };
    const me = {
      ...asBorrower(w.org, w.borrower),
      sessionId: w.borrower.sessionId,
      role: 'borrower' as const,
    };
    const upload = (applicationId: string, checklistKey = 'draw_photo') =>
      uploadDocument(db, services, me, {
        applicationId,
        checklistKey,
        fileName: 'framing.png',
        body: Readable.from([tinyPng()]),
        declaredLength: undefined,
      });
    const photo = await upload(w.loan.applicationId);
    // A funded application still takes no other documents.
    expect(await codeOf(upload(w.loan.applicationId, 'other'))).toBe('CONFLICT');
    const { draw } = await requestDraw(db, asBorrower(w.org, w.borrower), {
      loanId: w.loan.id,
      idempotencyKey: key(),
      lines: [{ budgetLineId: w.framing.id, amount: '2500.00' }],
      photoDocumentIds: [photo.id],
    });
    expect(draw.photos).toEqual([
      expect.objectContaining({
        documentId: photo.id,
        contentType: 'image/png',
        downloadPath: `/api/documents/${photo.id}`,
      }),
    ]);
    const other = await world();
    const foreign = await uploadDocument(
      db,
      services,
      { ...asBorrower(other.org, other.borrower), sessionId: other.borrower.sessionId, role: 'borrower' },
      {
        applicationId: other.loan.applicationId,
        checklistKey: 'draw_photo',
        fileName: 'x.png',
        body: Readable.from([tinyPng()]),
        declaredLength: undefined,
      },
    );
    expect(
      await codeOf(
        requestDraw(db, asBorrower(w.org, w.borrower), {
          loanId: w.loan.id,
          idempotencyKey: key(),
          lines: [{ budgetLineId: w.framing.id, amount: '1.00' }],
          photoDocumentIds: [foreign.id],
        }),
      ),
    ).toBe('BAD_REQUEST');
  });
});

describe('roles over tRPC', () => {
  it('inspection, approval and disbursement are for servicers and admins; viewers and underwriters read', async () => {
    const w = await world();
    const { draw } = await requestDraw(db, asBorrower(w.org, w.borrower), {
      loanId: w.loan.id,
      idempotencyKey: key(),
      lines: [{ budgetLineId: w.foundation.id, amount: '1000.00' }],
      photoDocumentIds: [],
    });
    const viewer = await makeMember(db, w.org, { portal: 'lender', role: 'viewer' });
    const underwriter = await makeMember(db, w.org, { portal: 'lender', role: 'underwriter' });
    const servicer = await makeMember(db, w.org, { portal: 'lender', role: 'servicer' });
    const call = (p: TestPerson, _portal: 'lender' | 'borrower' = 'lender') => createTestCaller(db, p, w.org);
    const schedule = { drawRequestId: draw.id, scheduledFor: '2026-02-01', inspector: 'Pat' };
    for (const p of [viewer, underwriter])
      expect(await codeOf(call(p).draws.scheduleInspection(schedule))).toBe('FORBIDDEN');
    expect(await codeOf(call(w.borrower, 'borrower').draws.list({ loanId: w.loan.id }))).toBe('FORBIDDEN');
    expect((await call(viewer).draws.list({ loanId: w.loan.id })).draws).toHaveLength(1);
    expect((await call(w.borrower, 'borrower').draws.mine({ loanId: w.loan.id })).draws).toHaveLength(1);
    await call(servicer).draws.scheduleInspection(schedule);
    const done = { drawRequestId: draw.id, percentComplete: 55 };
    for (const p of [viewer, underwriter])
      expect(await codeOf(call(p).draws.completeInspection(done))).toBe('FORBIDDEN');
    expect(await codeOf(call(w.borrower, 'borrower').draws.completeInspection(done))).toBe('FORBIDDEN');
    expect((await call(servicer).draws.completeInspection(done)).inspection?.percentComplete).toBe(55);
    const approve = { drawRequestId: draw.id, lines: [] };
    for (const p of [viewer, underwriter])
      expect(await codeOf(call(p).draws.approve(approve))).toBe('FORBIDDEN');
    expect(await codeOf(call(w.borrower, 'borrower').draws.approve(approve))).toBe('FORBIDDEN');
    expect((await call(w.org.admin).draws.approve(approve)).status).toBe('approved');
    const disburse = { drawRequestId: draw.id, disbursedOn: '2026-03-01' };
    expect(await codeOf(call(viewer).draws.disburse(disburse))).toBe('FORBIDDEN');
    expect((await call(servicer).draws.disburse(disburse)).draw.status).toBe('disbursed');
    // Writes refused above left nothing behind.
    const ledger = await db
      .select()
      .from(schema.ledgerEntries)
      .where(eq(schema.ledgerEntries.loanId, w.loan.id));
    expect(ledger.filter((l) => l.kind === 'draw_disbursement')).toHaveLength(1);
  });

  it('approval is refused before the inspection is complete', async () => {
    const w = await world();
    const { draw } = await requestDraw(db, asBorrower(w.org, w.borrower), {
      loanId: w.loan.id,
      idempotencyKey: key(),
      lines: [{ budgetLineId: w.foundation.id, amount: '1000.00' }],
      photoDocumentIds: [],
    });
    expect(await codeOf(approveDraw(db, lender(w.org), { drawRequestId: draw.id, lines: [] }))).toBe(
      'CONFLICT',
    );
  });
});

describe('approval under concurrency', () => {
  it('two approvals at once cannot together exceed a line budget', async () => {
    const w = await world();
    const a = await inspected(w, [{ budgetLineId: w.framing.id, amount: '20000.00' }]);
    const b = await inspected(w, [{ budgetLineId: w.framing.id, amount: '20000.00' }]);
    const results = await Promise.all([
      codeOf(approveDraw(db, lender(w.org), { drawRequestId: a.id, lines: [] })),
      codeOf(approveDraw(db, lender(w.org), { drawRequestId: b.id, lines: [] })),
    ]);
    expect(results.sort()).toEqual(['BAD_REQUEST', 'OK']);
    const budget = await getDrawBudget(db, lender(w.org), w.loan.id);
    expect(budget.lines.find((l) => l.name === 'Framing')).toMatchObject({
      approved: '20000.00',
      remaining: '10000.00',
    });
  });

  it('the same approval sent ten times at once approves once', async () => {
    const w = await world();
    const a = await inspected(w, [{ budgetLineId: w.framing.id, amount: '7000.00' }]);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        codeOf(approveDraw(db, lender(w.org), { drawRequestId: a.id, lines: [] })),
      ),
    );
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r !== 'OK').every((r) => r === 'CONFLICT')).toBe(true);
  });
});

describe('disbursement', () => {
  it('is one ledger row however often it is sent, and the schedule follows the drawn funds', async () => {
    const w = await world();
    const before = await db
      .select()
      .from(schema.loanInstallments)
      .where(eq(schema.loanInstallments.loanId, w.loan.id))
      .orderBy(asc(schema.loanInstallments.number));
    const draw = await inspected(w, [
      { budgetLineId: w.foundation.id, amount: '10000.00' },
      { budgetLineId: w.framing.id, amount: '5000.00' },
    ]);
    await approveDraw(db, lender(w.org), {
      drawRequestId: draw.id,
      lines: [{ budgetLineId: w.framing.id, amount: '2000.00' }],
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        disburseDraw(db, lender(w.org), { drawRequestId: draw.id, disbursedOn: '2026-03-15' }),
      ),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const rows = await db
      .select()
      .from(schema.ledgerEntries)
      .where(
        and(eq(schema.ledgerEntries.loanId, w.loan.id), eq(schema.ledgerEntries.kind, 'draw_disbursement')),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: '12000.00', principal: '12000.00', effectiveDate: '2026-03-15' });

    // Interest on drawn funds: the schedule is the engine's over the advance plus the draw.
    const terms = await drawAdjustedTerms(db, w.loan);
    expect(terms.draws).toEqual([
      { date: '2026-01-15', amount: '250000.00' },
      { date: '2026-03-15', amount: '12000.00' },
    ]);
    const expected = estimateLoan(terms).installments;
    const after = await db
      .select()
      .from(schema.loanInstallments)
      .where(eq(schema.loanInstallments.loanId, w.loan.id))
      .orderBy(asc(schema.loanInstallments.number));
    expect(after.map((i) => [i.dueDate, i.interest, i.principal])).toEqual(
      expected.map((i) => [i.dueDate, i.interest, i.principal]),
    );
    // 11.5 % 30/360 interest-only: 250,000 → 2,395.83 a month; with 12,000 more from Mar 15 the
    // period to Apr 15 accrues on 262,000 (2,510.83); before the draw nothing changed.
    expect(before[0]!.interest).toBe('2395.83');
    expect(after[0]!.interest).toBe('2395.83');
    expect(after[1]!.interest).toBe('2395.83');
    expect(after[2]!.interest).toBe('2510.83');
    expect(after.at(-1)!.principal).toBe('262000.00');
    const budget = await getDrawBudget(db, lender(w.org), w.loan.id);
    expect(budget.drawn).toBe('12000.00');
    expect(budget.lines.map((l) => l.remaining)).toEqual(['10000.00', '28000.00']);
  });

  it('refuses a date before funding or from maturity on, and nothing is written', async () => {
    const w = await world();
    const draw = await inspected(w, [{ budgetLineId: w.foundation.id, amount: '1000.00' }]);
    await approveDraw(db, lender(w.org), { drawRequestId: draw.id, lines: [] });
    for (const disbursedOn of ['2026-01-14', w.loan.maturityDate, '2099-01-01'])
      expect(await codeOf(disburseDraw(db, lender(w.org), { drawRequestId: draw.id, disbursedOn }))).toBe(
        'BAD_REQUEST',
      );
    const rows = await db
      .select()
      .from(schema.ledgerEntries)
      .where(
        and(eq(schema.ledgerEntries.loanId, w.loan.id), eq(schema.ledgerEntries.kind, 'draw_disbursement')),
      );
    expect(rows).toHaveLength(0);
    expect((await listDraws(db, lender(w.org), w.loan.id)).draws[0]!.status).toBe('approved');
  });

  it('on a full-commitment product interest runs on the whole commitment from funding', async () => {
    const w = await world('full_commitment');
    expect(w.loan.terms.draws).toEqual([]);
    const [first] = await db
      .select()
      .from(schema.loanInstallments)
      .where(eq(schema.loanInstallments.loanId, w.loan.id))
      .orderBy(asc(schema.loanInstallments.number))
      .limit(1);
    expect(first!.interest).toBe('2875.00'); // 300,000 × 11.5 % ÷ 12
  });
});

describe('notifications', () => {
  /** Services whose emails are kept in memory, to read what each person was sent. */
  function capturing() {
    const sent: EmailMessage[] = [];
    const services: NotificationServices = {
      email: {
        delivery: 'outbox',
        send: async (message) => {
          sent.push(message);
          return { messageId: `m-${sent.length}` };
        },
      },
      portalUrls: { lender: 'http://lender.test', borrower: 'http://borrower.test' },
    };
    return { sent, services };
  }
  // Draw notifications only (the factory's funding already notified the admin of origination).
  const notesOf = async (userId: string) =>
    (
      await db
        .select()
        .from(schema.notifications)
        .where(eq(schema.notifications.recipientUserId, userId))
        .orderBy(asc(schema.notifications.createdAt))
    ).filter((n) => n.kind.startsWith('draw_'));

  it("a request tells the organization's servicers and admins; inspection, approval, rejection and disbursement tell the borrower, once", async () => {
    const w = await world();
    const servicer = await makeMember(db, w.org, { portal: 'lender', role: 'servicer' });
    const viewer = await makeMember(db, w.org, { portal: 'lender', role: 'viewer' });
    const { sent, services } = capturing();
    const me = asBorrower(w.org, w.borrower);
    const request = {
      loanId: w.loan.id,
      idempotencyKey: key(),
      lines: [
        { budgetLineId: w.foundation.id, amount: '8000.00' },
        { budgetLineId: w.framing.id, amount: '4000.00' },
      ],
      photoDocumentIds: [],
    };
    const { draw } = await requestDraw(db, me, request, services);
    // A replay of the same key announces nothing again.
    expect((await requestDraw(db, me, request, services)).replayed).toBe(true);
    for (const staff of [servicer, w.org.admin]) {
      const notes = await notesOf(staff.userId);
      expect(notes.map((n) => [n.kind, n.portal, n.loanId])).toEqual([
        ['draw_requested', 'lender', w.loan.id],
      ]);
      expect(notes[0]!.body).toContain('$12,000.00');
    }
    expect(await notesOf(viewer.userId)).toEqual([]);
    expect(sent.map((m) => m.to).sort()).toEqual([servicer.email, w.org.admin.email].sort());

    sent.length = 0;
    await scheduleInspection(
      db,
      lender(w.org),
      { drawRequestId: draw.id, scheduledFor: '2026-02-03', inspector: 'Pat Inspector' },
      services,
    );
    await completeInspection(db, lender(w.org), { drawRequestId: draw.id, percentComplete: 60 });
    await approveDraw(
      db,
      lender(w.org),
      {
        drawRequestId: draw.id,
        lines: [{ budgetLineId: w.framing.id, amount: '3000.00' }],
        note: 'Trim not done',
      },
      services,
    );
    const disburse = { drawRequestId: draw.id, disbursedOn: '2026-03-02' };
    await Promise.all([1, 2, 3].map(() => disburseDraw(db, lender(w.org), disburse, services)));
    const notes = await notesOf(w.borrower.userId);
    expect(notes.map((n) => [n.kind, n.portal, n.loanId])).toEqual([
      ['draw_inspection_scheduled', 'borrower', w.loan.id],
      ['draw_approved', 'borrower', w.loan.id],
      ['draw_disbursed', 'borrower', w.loan.id],
    ]);
    expect(notes[0]!.body).toContain('Pat Inspector');
    expect(notes[1]!.title).toBe('Draw 1 approved: $11,000.00');
    expect(notes[1]!.body).toContain('of the $12,000.00 asked for');
    expect(notes[1]!.body).toContain('Trim not done');
    expect(notes[2]!.body).toContain('disbursed on 2026-03-02');
    expect(sent.map((m) => [m.to, m.subject.replace(/^[^:]*: /, '')])).toEqual([
      [w.borrower.email, 'Inspection for draw 1 on 2026-02-03'],
      [w.borrower.email, 'Draw 1 approved: $11,000.00'],
      [w.borrower.email, 'Draw 1 disbursed: $11,000.00'],
    ]);
    expect(sent[2]!.text).toContain(`http://borrower.test/loans/${w.loan.id}`);

    const second = await requestDraw(db, me, { ...request, idempotencyKey: key() });
    await rejectDraw(
      db,
      lender(w.org),
      { drawRequestId: second.draw.id, reason: 'No photos of the framing' },
      services,
    );
    const last = (await notesOf(w.borrower.userId)).at(-1)!;
    expect([last.kind, last.title]).toEqual(['draw_rejected', 'Draw 2 was not approved']);
    expect(last.body).toContain('No photos of the framing');
  });
});

describe('pending draws (the servicing queue)', () => {
  it("lists the organization's draws awaiting a servicer, not decided ones nor another organization's", async () => {
    const w = await world();
    const other = await world();
    const me = asBorrower(w.org, w.borrower);
    const ask = (amount: string) =>
      requestDraw(db, me, {
        loanId: w.loan.id,
        idempotencyKey: key(),
        lines: [{ budgetLineId: w.foundation.id, amount }],
        photoDocumentIds: [],
      });
    const waiting = (await ask('100.00')).draw;
    const scheduled = await inspected(w, [{ budgetLineId: w.foundation.id, amount: '200.00' }]);
    const rejected = (await ask('300.00')).draw;
    await rejectDraw(db, lender(w.org), { drawRequestId: rejected.id, reason: 'Duplicate' });
    const disbursed = await inspected(w, [{ budgetLineId: w.framing.id, amount: '400.00' }]);
    await approveDraw(db, lender(w.org), { drawRequestId: disbursed.id, lines: [] });
    await disburseDraw(db, lender(w.org), { drawRequestId: disbursed.id, disbursedOn: '2026-03-02' });
    await requestDraw(db, asBorrower(other.org, other.borrower), {
      loanId: other.loan.id,
      idempotencyKey: key(),
      lines: [{ budgetLineId: other.foundation.id, amount: '500.00' }],
      photoDocumentIds: [],
    });

    const { draws } = await listPendingDraws(db, w.org.id);
    expect(draws.map((d) => [d.id, d.status, d.amountRequested])).toEqual([
      [waiting.id, 'requested', '100.00'],
      [scheduled.id, 'inspected', '200.00'],
    ]);
    expect(draws[1]!.inspection).toEqual({ scheduledFor: '2026-02-01', inspector: 'Pat Inspector' });
    expect(draws[0]!.loanReference).toMatch(/^L-\d{6}$/);

    // Over tRPC: any staff reads it; a borrower may not.
    const viewer = await makeMember(db, w.org, { portal: 'lender', role: 'viewer' });
    expect((await createTestCaller(db, viewer, w.org).draws.pending()).draws).toHaveLength(2);
    expect(await codeOf(createTestCaller(db, w.borrower, w.org).draws.pending())).toBe('FORBIDDEN');
  });
});
