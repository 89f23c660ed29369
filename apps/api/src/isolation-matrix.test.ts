/**
 * Every procedure of AppRouter, called over HTTP by every kind of wrong caller, must be refused with
 * 401/403, and the right caller must succeed with a valid input. Procedures are enumerated from the
 * router, so ones added later are covered automatically (and fail until they have a valid input).
 */
import {
  LENDER_ROLES,
  type ProcedureMeta,
  PUBLIC_PROCEDURES,
  roleSatisfies,
  SIGNED_IN_PROCEDURES,
} from '@lending/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callProcedure,
  createRouterWorld,
  type ProcedureInfo,
  procedures,
  type RouterWorld,
  rightCaller,
  validInputs,
} from './testing/procedure-calls.ts';
import { type TestUser, trpcHttp } from './testing/test-api.ts';

const portalProcedures = procedures.filter((p) => p.access?.kind === 'portal');
const guardedProcedures = procedures.filter((p) => p.access?.kind !== 'public');

let world: RouterWorld;
beforeAll(async () => {
  world = await createRouterWorld();
});
afterAll(() => world.api.close());

/** A valid call by someone else: each wrong caller must be refused before the input matters. */
async function callAs(procedure: ProcedureInfo, caller: TestUser | null, origin?: string) {
  const input = await validInputs[procedure.path]?.(world);
  return callProcedure(world, procedure, caller, { input, organizationId: world.orgA.id, origin });
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
    for (const listed of [...PUBLIC_PROCEDURES, ...SIGNED_IN_PROCEDURES, ...Object.keys(validInputs)]) {
      expect(paths.has(listed), listed).toBe(true);
    }
  });
});

describe.each(procedures.map((p) => [p.path, p] as const))('%s', (_path, procedure) => {
  it('succeeds for the right caller with a valid input (control)', async () => {
    const makeInput = validInputs[procedure.path];
    expect(makeInput, `${procedure.path} needs a valid input in testing/procedure-calls.ts`).toBeDefined();
    const { caller, origin, organizationId } = rightCaller(world, procedure);
    const { status, body } = await callProcedure(world, procedure, caller, {
      input: await makeInput!(world),
      organizationId,
      origin,
    });
    expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
  });
});

describe.each(guardedProcedures.map((p) => [p.path, p] as const))('%s', (_path, procedure) => {
  it('refuses an anonymous caller with 401', async () => {
    expect((await callAs(procedure, null)).status).toBe(401);
  });

  it('refuses a forged token with 401', async () => {
    const { status } = await trpcHttp(world.api, procedure.path, {
      type: procedure.type,
      input: await validInputs[procedure.path]?.(world),
      token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyX3gifQ.c2ln',
      organizationId: world.orgA.id,
    });
    expect(status).toBe(401);
  });
});

describe.each(portalProcedures.map((p) => [p.path, p] as const))('%s', (_path, procedure) => {
  const access = procedure.access as Extract<ProcedureMeta['access'], { kind: 'portal' }>;

  it('refuses a signed-in user without access with 403', async () => {
    expect((await callAs(procedure, world.as.noAccess!)).status).toBe(403);
  });

  it('refuses a caller of the other portal with 403', async () => {
    const wrongPortal = access.portal === 'lender' ? world.as.borrowerA! : world.as.adminA!;
    expect((await callAs(procedure, wrongPortal)).status).toBe(403);
  });

  it('refuses callers of another organization with 403', async () => {
    expect((await callAs(procedure, world.as.adminB!)).status).toBe(403);
    expect((await callAs(procedure, world.as.borrowerB!)).status).toBe(403);
  });

  it('refuses a deactivated access with 403', async () => {
    expect((await callAs(procedure, world.as.deactivated!)).status).toBe(403);
  });

  it('refuses every role below the minimum with 403', async () => {
    const tooLow = LENDER_ROLES.filter((role) => role !== 'admin' && !roleSatisfies(role, access.minRole));
    for (const role of access.portal === 'lender' ? tooLow : []) {
      expect((await callAs(procedure, world.as[role]!)).status, role).toBe(403);
    }
  });
});
