/**
 * Small test-data factories: each makes one thing through the domain's own writers (the mirror of
 * Clerk's webhooks, organization sign-up), with defaults a test can override. No shared fixtures:
 * every test makes what it needs. Later areas add theirs here (a product, an application, a loan).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Portal, Role } from '../access/access.inputs.ts';
import type { Actor } from '../access/access.ts';
import type { Database, Executor } from '../db/client.ts';
import { userPortalAccess } from '../db/schema/index.ts';
import { createOutboxEmailSender } from '../email/email.ts';
import { recordSession, upsertUserFromClerk } from '../identity/mirror-users.ts';
import { createOrganization, type OrganizationSummary } from '../organizations/organizations.ts';
import { createRateLimits } from '../rate-limits/rate-limits.ts';
import { createLocalDiskStorage } from '../storage/local-disk.ts';
import { appRouter } from '../trpc/router.ts';
import { type ApiServices, type Context, createCallerFactory } from '../trpc/trpc.ts';
import { clerkSessionJson, clerkUserJson, testId } from './identity.ts';

export interface TestPerson {
  userId: string;
  sessionId: string;
  email: string;
}

/** A signed-up user with one active session, as Clerk's webhooks would have mirrored them. */
export async function makeUser(
  db: Executor,
  overrides: Parameters<typeof clerkUserJson>[0] = {},
): Promise<TestPerson> {
  const user = clerkUserJson(overrides);
  await upsertUserFromClerk(db, user);
  const session = clerkSessionJson(user.id, testId('sess'));
  await recordSession(db, session, 'active');
  return { userId: user.id, sessionId: session.id, email: user.email_addresses[0]!.email_address };
}

export interface TestOrganization extends OrganizationSummary {
  admin: TestPerson;
}

/** An organization with a new user as its lender admin. */
export async function makeOrganization(db: Executor, name = `Org ${testId('msg').slice(-6)}`) {
  const admin = await makeUser(db);
  const organization = await createOrganization(db, { name, createdBy: admin.userId });
  return { ...organization, admin } satisfies TestOrganization;
}

/** A new user with `role` in `portal` of the organization (what an accepted invitation ends in). */
export async function makeMember(
  db: Executor,
  organization: { id: string },
  access: { portal?: Portal; role: Role; isActive?: boolean },
): Promise<TestPerson> {
  const person = await makeUser(db);
  await db.insert(userPortalAccess).values({
    userId: person.userId,
    organizationId: organization.id,
    portal: access.portal ?? (access.role === 'borrower' ? 'borrower' : 'lender'),
    role: access.role,
    isActive: access.isActive ?? true,
  });
  return person;
}

export const makeBorrower = (db: Executor, organization: { id: string }) =>
  makeMember(db, organization, { portal: 'borrower', role: 'borrower' });

export function actorOf(person: TestPerson, organization: { id: string }): Actor {
  return { userId: person.userId, organizationId: organization.id };
}

/** Services for in-process calls: the token check is bypassed (createTestCaller hands in a claimed token). */
export function testServices(db: Database, overrides: Partial<ApiServices> = {}): ApiServices {
  return {
    db,
    authenticator: {
      verifyClaims: async () => ({ status: 'anonymous' }),
      confirm: async (claims) =>
        claims.status === 'claimed'
          ? { status: 'signed-in', userId: claims.userId, sessionId: claims.sessionId }
          : claims,
      authenticate: async () => ({ status: 'anonymous' }),
    },
    identityAdmin: {
      fetchUser: async () => null,
      revokeSession: async () => 'revoked',
    },
    invitations: {
      email: createOutboxEmailSender({
        dir: mkdtempSync(path.join(tmpdir(), 'lending-outbox-')),
        from: 'Lending OS <no-reply@lending-os.invalid>',
      }),
      portalUrls: { lender: 'http://localhost:5173', borrower: 'http://localhost:5174' },
      ttlSeconds: 14 * 86_400,
    },
    rateLimits: createRateLimits(db, 'pglite'),
    documents: {
      storage: createLocalDiskStorage(mkdtempSync(path.join(tmpdir(), 'lending-documents-'))),
      maxUploadBytes: 25 * 1024 * 1024,
    },
    showStackTraces: false,
    ...overrides,
  };
}

const createCaller = createCallerFactory(appRouter);

/**
 * The router called in-process as `person`, in `organization` when given: the real access middleware
 * and domain run, only HTTP and the token's signature are skipped (those are tested over HTTP).
 */
export function createTestCaller(
  db: Database,
  person: TestPerson | null,
  organization?: { id: string },
  services: ApiServices = testServices(db),
) {
  const context: Context = {
    services,
    db,
    token: person
      ? { status: 'claimed', userId: person.userId, sessionId: person.sessionId }
      : { status: 'anonymous' },
    organizationId: organization?.id ?? null,
    organizationHeader: organization?.id ?? null,
    clientIp: '127.0.0.1',
    requestId: null,
  };
  return createCaller(context);
}
