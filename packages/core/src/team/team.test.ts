/** Team in the domain: staff and borrowers listed apart and paged; sessions only of active staff. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../access/access.ts';
import { appUsers, userPortalAccess, userSessions } from '../db/schema/index.ts';
import {
  classifyClerkFailure,
  type IdentityProviderAdmin,
  IdentityProviderError,
} from '../identity/identity-provider.ts';
import { createOrganization } from '../organizations/organizations.ts';
import { createTestDatabase, type TestDatabase, testId } from '../testing/index.ts';
import { listBorrowers, listStaff, listStaffSessions, revokeStaffSession } from './team.ts';

let database: TestDatabase;
let db: TestDatabase['db'];
let admin: Actor;

async function person(
  email: string,
  grants: { portal: 'lender' | 'borrower'; role: 'viewer' | 'borrower' | 'servicer'; isActive?: boolean }[],
) {
  const id = testId('user');
  await db
    .insert(appUsers)
    .values({ id, email, emailVerified: true, firstName: email.split('@')[0] ?? null });
  for (const grant of grants) {
    await db.insert(userPortalAccess).values({ userId: id, organizationId: admin.organizationId, ...grant });
  }
  const sessionId = testId('sess');
  await db.insert(userSessions).values({ id: sessionId, userId: id, status: 'active' });
  return { id, sessionId };
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const adminId = testId('user');
  await db.insert(appUsers).values({ id: adminId, email: 'boss@team.test', emailVerified: true });
  const organization = await createOrganization(db, { name: 'Team Domain Lending', createdBy: adminId });
  admin = { organizationId: organization.id, userId: adminId };
});
afterAll(() => database.close());

const revoker = (answer: Awaited<ReturnType<IdentityProviderAdmin['revokeSession']>> | Error) => ({
  fetchUser: async () => null,
  revokeSession: async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  },
});

describe('people', () => {
  it('lists staff and borrowers apart, one row per person, searched literally and paged', async () => {
    const both = await person('both_100%@team.test', [
      { portal: 'lender', role: 'viewer' },
      { portal: 'borrower', role: 'borrower' },
    ]);
    for (let i = 0; i < 3; i++) await person(`staff${i}@team.test`, [{ portal: 'lender', role: 'servicer' }]);
    const staff = await listStaff(db, admin.organizationId, { page: 1, pageSize: 2 });
    expect(staff.total).toBe(5); // admin + both + 3
    expect(staff.members).toHaveLength(2);
    expect(new Set(staff.members.map((m) => m.portal))).toEqual(new Set(['lender']));
    const found = await listStaff(db, admin.organizationId, { search: '100%', page: 1, pageSize: 25 });
    expect(found.members.map((m) => m.userId)).toEqual([both.id]);
    expect(
      (await listStaff(db, admin.organizationId, { search: '_', page: 1, pageSize: 25 })).members.map(
        (m) => m.userId,
      ),
    ).toEqual([both.id]);
    const servicers = await listStaff(db, admin.organizationId, { role: 'servicer', page: 1, pageSize: 25 });
    expect(servicers.total).toBe(3);
    const borrowers = await listBorrowers(db, admin.organizationId, { page: 1, pageSize: 25 });
    expect(borrowers.members.map((m) => m.userId)).toEqual([both.id]);
  });
});

describe('staff sessions', () => {
  it('shows only people with active lender access: not borrowers, not deactivated grants', async () => {
    const staff = await person('s@sessions.test', [{ portal: 'lender', role: 'viewer' }]);
    const borrower = await person('b@sessions.test', [{ portal: 'borrower', role: 'borrower' }]);
    const former = await person('f@sessions.test', [{ portal: 'lender', role: 'viewer', isActive: false }]);
    const ids = (await listStaffSessions(db, admin.organizationId)).sessions.map((s) => s.id);
    expect(ids).toContain(staff.sessionId);
    expect(ids).not.toContain(borrower.sessionId);
    expect(ids).not.toContain(former.sessionId);
    for (const target of [borrower, former]) {
      await expect(revokeStaffSession(db, revoker('revoked'), admin, target.sessionId)).rejects.toMatchObject(
        {
          code: 'NOT_FOUND',
        },
      );
    }
  });

  it('maps what the identity provider answers; on failure nothing changes here', async () => {
    const status = async (id: string) =>
      (await db.select().from(userSessions).where(eq(userSessions.id, id)))[0]?.status;
    const a = await person('a@revoke.test', [{ portal: 'lender', role: 'viewer' }]);
    await expect(
      revokeStaffSession(db, revoker(new IdentityProviderError('unreachable', 'down')), admin, a.sessionId),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await expect(
      revokeStaffSession(db, revoker(new IdentityProviderError('upstream-error', '500')), admin, a.sessionId),
    ).rejects.toMatchObject({ code: 'BAD_GATEWAY' });
    expect(await status(a.sessionId)).toBe('active');
    expect(await revokeStaffSession(db, revoker('unknown'), admin, a.sessionId)).toEqual({
      ok: true,
      outcome: 'ended-locally',
    });
    expect(await status(a.sessionId)).toBe('ended');
    expect(await revokeStaffSession(db, revoker('revoked'), admin, a.sessionId)).toEqual({
      ok: true,
      outcome: 'already-ended',
    });
    const b = await person('b@revoke.test', [{ portal: 'lender', role: 'viewer' }]);
    expect(await revokeStaffSession(db, revoker('local-only'), admin, b.sessionId)).toMatchObject({
      outcome: 'revoked-locally',
    });
    expect(await status(b.sessionId)).toBe('revoked');
  });

  it("classifies Clerk's failures", () => {
    expect(classifyClerkFailure({ status: 404 })).toBe('not-found');
    expect(classifyClerkFailure(new TypeError('fetch failed'))).toMatchObject({ kind: 'unreachable' });
    expect(classifyClerkFailure({ status: 503 })).toMatchObject({ kind: 'unreachable' });
    expect(classifyClerkFailure({ status: 500 })).toMatchObject({ kind: 'upstream-error' });
    expect(classifyClerkFailure({ status: 401 })).toMatchObject({ kind: 'upstream-error' });
  });
});
