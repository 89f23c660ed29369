/**
 * The local identity provider's sign-in API (local mode only): list and create users, start a
 * session, refresh its token, sign out. What Clerk's hosted pages do in Clerk mode.
 */
import {
  type Database,
  DomainError,
  type LocalIdentityProvider,
  localUserInput,
  schema,
} from '@lending/core';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { errorResponse, readJson } from '../http-errors.ts';

const startSessionInput = z.object({ userId: z.string().regex(/^user_/, 'That user id is not valid.') });

async function listLocalUsers(db: Database) {
  const { appUsers, organizations, userPortalAccess } = schema;
  const rows = await db
    .select({
      id: appUsers.id,
      email: appUsers.email,
      firstName: appUsers.firstName,
      lastName: appUsers.lastName,
      imageUrl: appUsers.imageUrl,
      portal: userPortalAccess.portal,
      role: userPortalAccess.role,
      organizationName: organizations.name,
    })
    .from(appUsers)
    .leftJoin(
      userPortalAccess,
      and(eq(userPortalAccess.userId, appUsers.id), eq(userPortalAccess.isActive, true)),
    )
    .leftJoin(organizations, eq(organizations.id, userPortalAccess.organizationId))
    .where(and(isNull(appUsers.deletedAt), eq(appUsers.isActive, true)))
    .orderBy(asc(appUsers.createdAt), asc(appUsers.email));
  const users = new Map<
    string,
    {
      id: string;
      email: string | null;
      firstName: string | null;
      lastName: string | null;
      imageUrl: string | null;
      roles: string[];
    }
  >();
  for (const row of rows) {
    const user = users.get(row.id) ?? {
      id: row.id,
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      imageUrl: row.imageUrl,
      roles: [],
    };
    if (row.role)
      user.roles.push(
        `${row.portal === 'lender' ? `Lender ${row.role}` : 'Borrower'} at ${row.organizationName}`,
      );
    users.set(row.id, user);
  }
  return [...users.values()].map(({ roles, ...user }) => ({
    ...user,
    description: roles.length > 0 ? roles.join(', ') : 'No access yet',
  }));
}

export function localAuthRoutes(db: Database, identity: LocalIdentityProvider, authorizedParties: string[]) {
  /** The token's `azp` is the portal the request comes from. */
  const partyOf = (origin: string | undefined) => {
    const party = origin?.replace(/\/$/, '') ?? authorizedParties[0];
    if (!party) throw new DomainError('FORBIDDEN', 'No portal origin is configured.');
    return party;
  };
  return new Hono()
    .get('/users', async (c) => c.json({ users: await listLocalUsers(db) }))
    .post('/users', async (c) => {
      try {
        const input = localUserInput.parse(await readJson(c));
        const user = await identity.createUser(input);
        const [created] = (await listLocalUsers(db)).filter((u) => u.id === user.id);
        return c.json({ user: created }, 201);
      } catch (error) {
        return errorResponse(c, error);
      }
    })
    .post('/sessions', async (c) => {
      try {
        const { userId } = startSessionInput.parse(await readJson(c));
        return c.json(await identity.startSession(userId, partyOf(c.req.header('origin'))), 201);
      } catch (error) {
        return errorResponse(c, error);
      }
    })
    .post('/sessions/:sessionId/token', async (c) => {
      try {
        return c.json(await identity.refreshToken(c.req.param('sessionId'), partyOf(c.req.header('origin'))));
      } catch (error) {
        return errorResponse(c, error);
      }
    })
    .delete('/sessions/:sessionId', async (c) => {
      try {
        await identity.endSession(c.req.param('sessionId'));
        return c.body(null, 204);
      } catch (error) {
        return errorResponse(c, error);
      }
    });
}
