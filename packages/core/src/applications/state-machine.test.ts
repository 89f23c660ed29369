/**
 * The state machine: every action from every status, for every role — allowed ones move the
 * application (with history and audit), refused ones are 403 (role) or 409 (state) and write
 * nothing. Concurrent conflicting transitions leave exactly one winner (run with
 * TEST_DATABASE=postgres for real concurrency).
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access/access.inputs.ts';
import * as schema from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import {
  makeApplication,
  makeBorrower,
  makeMember,
  makeOrganization,
  type TestPerson,
} from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { APPLICATION_STATUSES, type ApplicationStatus } from './applications.constants.ts';
import { declineApplication, withdrawApplication } from './applications.ts';
import {
  TRANSITION_ACTIONS,
  TRANSITIONS,
  type TransitionActor,
  transitionApplication,
} from './state-machine.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 25 });
  db = database.db;
});
afterAll(() => database.close());

const ROLES: Role[] = ['borrower', 'admin', 'underwriter', 'servicer', 'viewer'];

describe('the transition table', () => {
  it('has one rule per action, and servicers and viewers in none', () => {
    expect(TRANSITIONS.map((r) => r.action).sort()).toEqual([...TRANSITION_ACTIONS].sort());
    for (const rule of TRANSITIONS) {
      expect(rule.who).not.toContain('servicer');
      expect(rule.who).not.toContain('viewer');
    }
  });

  it('closes nothing twice: funded, declined and withdrawn lead nowhere', () => {
    for (const rule of TRANSITIONS)
      for (const closed of ['funded', 'declined', 'withdrawn'] as const)
        expect(rule.from).not.toContain(closed);
  });
});

describe('every action × every status × every role', () => {
  let org: Awaited<ReturnType<typeof makeOrganization>>;
  let borrower: TestPerson;
  const people = new Map<Role, TestPerson>();
  let number = 1000;

  beforeAll(async () => {
    org = await makeOrganization(db);
    borrower = await makeBorrower(db, org);
    people.set('borrower', borrower);
    people.set('admin', org.admin);
    for (const role of ['underwriter', 'servicer', 'viewer'] as const)
      people.set(role, await makeMember(db, org, { role }));
  });

  const actorFor = (role: Role): TransitionActor => ({
    organizationId: org.id,
    userId: people.get(role)!.userId,
    portal: role === 'borrower' ? 'borrower' : 'lender',
    role,
  });

  async function applicationIn(status: ApplicationStatus) {
    const [row] = await db
      .insert(schema.applications)
      .values({ organizationId: org.id, number: number++, borrowerUserId: borrower.userId, status })
      .returning();
    return row!;
  }

  const cases = TRANSITION_ACTIONS.flatMap((action) =>
    APPLICATION_STATUSES.flatMap((status) => ROLES.map((role) => [action, status, role] as const)),
  );

  it(`decides all ${cases.length} cases as the table says`, async () => {
    const outcomes: string[] = [];
    for (const [action, status, role] of cases) {
      const rule = TRANSITIONS.find((r) => r.action === action)!;
      const application = await applicationIn(status);
      const roleAllowed = (rule.who as readonly string[]).includes(role);
      const stateAllowed = rule.from.includes(status);
      const result = await transitionApplication(db, actorFor(role), {
        applicationId: application.id,
        action,
        reason: 'because',
      }).then(
        (r) => r,
        (e: unknown) => e,
      );
      const [history] = await db
        .select({ n: count() })
        .from(schema.applicationStatusHistory)
        .where(eq(schema.applicationStatusHistory.applicationId, application.id));
      const [audit] = await db
        .select({ n: count() })
        .from(schema.auditLog)
        .where(
          and(eq(schema.auditLog.entityType, 'application'), eq(schema.auditLog.entityId, application.id)),
        );
      const [after] = await db
        .select()
        .from(schema.applications)
        .where(eq(schema.applications.id, application.id));
      const label = `${role} ${action} from ${status}`;
      if (roleAllowed && stateAllowed) {
        if (result instanceof Error) outcomes.push(`${label}: expected success, got ${result.message}`);
        else if (
          after!.status !== rule.to ||
          after!.version !== 2 ||
          Number(history!.n) !== 1 ||
          Number(audit!.n) !== 1
        )
          outcomes.push(
            `${label}: wrong writes (${after!.status}, v${after!.version}, ${history!.n}, ${audit!.n})`,
          );
      } else {
        const expected = roleAllowed ? 'CONFLICT' : 'FORBIDDEN';
        if (!(result instanceof DomainError) || result.code !== expected)
          outcomes.push(
            `${label}: expected ${expected}, got ${result instanceof Error ? result.message : 'success'}`,
          );
        if (
          after!.status !== status ||
          after!.version !== 1 ||
          Number(history!.n) !== 0 ||
          Number(audit!.n) !== 0
        )
          outcomes.push(`${label}: a refused transition wrote something`);
      }
    }
    expect(outcomes).toEqual([]);
  }, 120_000);

  it('a borrower cannot move another borrower’s application (404, as if it did not exist)', async () => {
    const other = await makeBorrower(db, org);
    const application = await applicationIn('offered');
    const error = await transitionApplication(
      db,
      { organizationId: org.id, userId: other.userId, portal: 'borrower', role: 'borrower' },
      { applicationId: application.id, action: 'withdraw' },
    ).catch((e) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('staff of another organization cannot move it (404)', async () => {
    const other = await makeOrganization(db);
    const application = await applicationIn('submitted');
    const error = await transitionApplication(
      db,
      { organizationId: other.id, userId: other.admin.userId, portal: 'lender', role: 'admin' },
      { applicationId: application.id, action: 'start_review' },
    ).catch((e) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a stale expectedVersion is a 409', async () => {
    const application = await applicationIn('submitted');
    const error = await transitionApplication(db, actorFor('underwriter'), {
      applicationId: application.id,
      action: 'start_review',
      expectedVersion: 7,
    }).catch((e) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error.message).toMatch(/changed since you opened it/);
  });
});

describe('concurrent conflicting transitions', () => {
  it('20 at once on one application: exactly one winner, the rest 409, nothing half-written', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const underwriter = await makeMember(db, org, { role: 'underwriter' });
    const { application } = await makeApplication(db, org, borrower, { stage: 'in_review' });
    const [historyBefore] = await db
      .select({ n: count() })
      .from(schema.applicationStatusHistory)
      .where(eq(schema.applicationStatusHistory.applicationId, application.id));
    const asUnderwriter = {
      organizationId: org.id,
      userId: underwriter.userId,
      portal: 'lender' as const,
      role: 'underwriter' as const,
    };
    const asBorrower = {
      organizationId: org.id,
      userId: borrower.userId,
      portal: 'borrower' as const,
      role: 'borrower' as const,
    };
    // Closing transitions exclude each other: once declined it cannot be withdrawn, and the reverse.
    const attempts = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? declineApplication(db, asUnderwriter, { applicationId: application.id, reason: 'Not for us' })
        : withdrawApplication(db, asBorrower, {
            applicationId: application.id,
            reason: 'Found other financing',
          }),
    );
    const results = await Promise.allSettled(attempts);
    const winners = results.filter((r) => r.status === 'fulfilled');
    const losers = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(DomainError);
      expect(loser.reason.code).toBe('CONFLICT');
    }
    const [after] = await db
      .select()
      .from(schema.applications)
      .where(eq(schema.applications.id, application.id));
    expect(['withdrawn', 'declined']).toContain(after!.status);
    expect(after!.version).toBe(application.version + 1);
    const [historyAfter] = await db
      .select({ n: count() })
      .from(schema.applicationStatusHistory)
      .where(eq(schema.applicationStatusHistory.applicationId, application.id));
    expect(Number(historyAfter!.n)).toBe(Number(historyBefore!.n) + 1);
    const audits = await db
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.entityType, 'application'), eq(schema.auditLog.entityId, application.id)),
      );
    expect(
      audits.filter((a) => a.action === 'application.withdraw' || a.action === 'application.decline'),
    ).toHaveLength(1);
  });
});
