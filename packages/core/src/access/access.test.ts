/** The role ladder, and the one access middleware judged through in-process calls (createCaller). */
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userPortalAccess } from '../db/schema/index.ts';
import {
  createTestCaller,
  createTestDatabase,
  makeMember,
  makeOrganization,
  makeUser,
  type TestDatabase,
} from '../testing/index.ts';
import { roleSatisfies } from './access.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe('role ladder', () => {
  it('admin does everything; underwriter and servicer are separate lines; viewer only reads', () => {
    expect(roleSatisfies('admin', 'underwriter')).toBe(true);
    expect(roleSatisfies('admin', 'servicer')).toBe(true);
    expect(roleSatisfies('underwriter', 'servicer')).toBe(false);
    expect(roleSatisfies('servicer', 'underwriter')).toBe(false);
    expect(roleSatisfies('underwriter', 'viewer')).toBe(true);
    expect(roleSatisfies('viewer', 'underwriter')).toBe(false);
    expect(roleSatisfies('borrower', 'viewer')).toBe(false);
    expect(roleSatisfies('admin', 'borrower')).toBe(false);
  });
});

describe('the access middleware', () => {
  it('lets a member through to their organization and refuses everyone else', async () => {
    const { db } = database;
    const org = await makeOrganization(db);
    const other = await makeOrganization(db);
    const viewer = await makeMember(db, org, { role: 'viewer' });
    const outsider = await makeUser(db);

    expect(await codeOf(createTestCaller(db, org.admin, org).team.listMembers())).toBe('OK');
    expect(await codeOf(createTestCaller(db, viewer, org).team.listMembers())).toBe('OK');
    expect(await codeOf(createTestCaller(db, viewer, org).team.listSessions())).toBe('FORBIDDEN');
    expect(await codeOf(createTestCaller(db, outsider, org).team.listMembers())).toBe('FORBIDDEN');
    expect(await codeOf(createTestCaller(db, other.admin, org).team.listMembers())).toBe('FORBIDDEN');
    expect(await codeOf(createTestCaller(db, null, org).team.listMembers())).toBe('UNAUTHORIZED');
    expect(await codeOf(createTestCaller(db, org.admin).team.listMembers())).toBe('BAD_REQUEST');
  });

  it('reads the access row on every call: a deactivation takes effect on the next call', async () => {
    const { db } = database;
    const org = await makeOrganization(db);
    const servicer = await makeMember(db, org, { role: 'servicer' });
    const caller = createTestCaller(db, servicer, org);
    expect(await codeOf(caller.team.listMembers())).toBe('OK');
    await db
      .update(userPortalAccess)
      .set({ isActive: false })
      .where(eq(userPortalAccess.userId, servicer.userId));
    expect(await codeOf(caller.team.listMembers())).toBe('FORBIDDEN');
  });

  it('refuses a token whose session belongs to another user, and does not hand that session over', async () => {
    const { db } = database;
    const org = await makeOrganization(db);
    const intruder = await makeMember(db, org, { role: 'admin' });
    // The intruder's token names the admin's session id with the intruder's own user id.
    const forged = { ...intruder, sessionId: org.admin.sessionId };
    expect(await codeOf(createTestCaller(db, forged, org).team.listMembers())).toBe('UNAUTHORIZED');
    // The admin's own session still works, and is still the admin's.
    expect(await codeOf(createTestCaller(db, org.admin, org).team.listMembers())).toBe('OK');
  });
});
