/**
 * Every procedure of AppRouter, called over HTTP by every kind of wrong caller, must be refused with
 * 401/403. Procedures are enumerated from the router, so ones added later are covered automatically.
 */
import {
  appRouter,
  LENDER_ROLES,
  type ProcedureMeta,
  PUBLIC_PROCEDURES,
  roleSatisfies,
  SIGNED_IN_PROCEDURES,
} from '@lending/core';
import { BORROWER_ORIGIN } from '@lending/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganizationFor,
  createTestApi,
  grantAccess,
  signUpUser,
  type TestApi,
  type TestUser,
  trpcHttp,
} from './testing/test-api.ts';

interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation';
  access: ProcedureMeta['access'] | undefined;
}

const procedures: ProcedureInfo[] = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: 'query' | 'mutation'; meta?: ProcedureMeta } }
  >,
).map(([path, procedure]) => ({ path, type: procedure._def.type, access: procedure._def.meta?.access }));

const portalProcedures = procedures.filter((p) => p.access?.kind === 'portal');
const guardedProcedures = procedures.filter((p) => p.access?.kind !== 'public');

let api: TestApi;
let orgA: { id: string };
const as: Record<string, TestUser> = {};

beforeAll(async () => {
  api = await createTestApi();
  as.adminA = await signUpUser(api);
  orgA = await createOrganizationFor(api, as.adminA, 'Org A');
  as.adminB = await signUpUser(api);
  const orgB = await createOrganizationFor(api, as.adminB, 'Org B');
  as.borrowerB = await signUpUser(api);
  await grantAccess(api, {
    userId: as.borrowerB.userId,
    organizationId: orgB.id,
    portal: 'borrower',
    role: 'borrower',
  });
  as.noAccess = await signUpUser(api);
  as.borrowerA = await signUpUser(api);
  await grantAccess(api, {
    userId: as.borrowerA.userId,
    organizationId: orgA.id,
    portal: 'borrower',
    role: 'borrower',
  });
  for (const role of LENDER_ROLES.filter((r) => r !== 'admin')) {
    as[role] = await signUpUser(api);
    await grantAccess(api, { userId: as[role]!.userId, organizationId: orgA.id, portal: 'lender', role });
  }
  as.deactivated = await signUpUser(api);
  await grantAccess(api, {
    userId: as.deactivated.userId,
    organizationId: orgA.id,
    portal: 'lender',
    role: 'admin',
  });
  const { schema } = await import('@lending/core');
  const { eq } = await import('drizzle-orm');
  await api.db
    .update(schema.userPortalAccess)
    .set({ isActive: false })
    .where(eq(schema.userPortalAccess.userId, as.deactivated.userId));
});
afterAll(() => api.close());

async function call(
  procedure: ProcedureInfo,
  caller: TestUser | null,
  organizationId: string | undefined,
  origin?: string,
) {
  return trpcHttp(api, procedure.path, {
    type: procedure.type,
    input: {},
    token: caller ? await caller.token(origin) : undefined,
    organizationId,
  });
}

describe('access declarations', () => {
  it('finds the procedures of the router', () => {
    expect(procedures.length).toBeGreaterThan(10);
  });

  it('every procedure declares its access, and only the listed ones are public or signed-in only', () => {
    for (const p of procedures) {
      expect(p.access, `${p.path} declares no access`).toBeDefined();
      expect(PUBLIC_PROCEDURES.includes(p.path as never), `${p.path} public?`).toBe(
        p.access?.kind === 'public',
      );
      expect(SIGNED_IN_PROCEDURES.includes(p.path as never), `${p.path} signed-in only?`).toBe(
        p.access?.kind === 'signed-in',
      );
    }
  });

  it('lists no procedure that the router does not have', () => {
    const paths = new Set(procedures.map((p) => p.path));
    for (const listed of [...PUBLIC_PROCEDURES, ...SIGNED_IN_PROCEDURES]) {
      expect(paths.has(listed), listed).toBe(true);
    }
  });
});

describe.each(guardedProcedures.map((p) => [p.path, p] as const))('%s', (_path, procedure) => {
  it('refuses an anonymous caller with 401', async () => {
    expect((await call(procedure, null, orgA.id)).status).toBe(401);
  });

  it('refuses a forged token with 401', async () => {
    const response = await trpcHttp(api, procedure.path, {
      type: procedure.type,
      input: {},
      token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyX3gifQ.c2ln',
      organizationId: orgA.id,
    });
    expect(response.status).toBe(401);
  });
});

describe.each(portalProcedures.map((p) => [p.path, p] as const))('%s', (_path, procedure) => {
  const access = procedure.access as Extract<ProcedureMeta['access'], { kind: 'portal' }>;

  it('lets the right caller through (control)', async () => {
    const right = access.portal === 'lender' ? as.adminA! : as.borrowerA!;
    const origin = access.portal === 'borrower' ? BORROWER_ORIGIN : undefined;
    const { status } = await call(procedure, right, orgA.id, origin);
    expect([401, 403]).not.toContain(status);
  });

  it('refuses a signed-in user without access with 403', async () => {
    expect((await call(procedure, as.noAccess!, orgA.id)).status).toBe(403);
  });

  it('refuses a caller of the other portal with 403', async () => {
    const wrongPortal = access.portal === 'lender' ? as.borrowerA! : as.adminA!;
    expect((await call(procedure, wrongPortal, orgA.id)).status).toBe(403);
  });

  it('refuses callers of another organization with 403', async () => {
    expect((await call(procedure, as.adminB!, orgA.id)).status).toBe(403);
    expect((await call(procedure, as.borrowerB!, orgA.id)).status).toBe(403);
  });

  it('refuses a deactivated access with 403', async () => {
    expect((await call(procedure, as.deactivated!, orgA.id)).status).toBe(403);
  });

  it('refuses every role below the minimum with 403', async () => {
    const tooLow = LENDER_ROLES.filter((role) => role !== 'admin' && !roleSatisfies(role, access.minRole));
    for (const role of access.portal === 'lender' ? tooLow : []) {
      expect((await call(procedure, as[role]!, orgA.id)).status, role).toBe(403);
    }
  });
});
