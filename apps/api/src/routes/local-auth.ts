/**
 * The local identity provider's sign-in API (local mode only): list and create users, start a
 * session, refresh its token, sign out. What Clerk's hosted pages do in Clerk mode.
 *
 * Every call that changes something must be JSON from an allowed portal origin: a web page elsewhere
 * cannot create users or sessions with a cross-site form post (forms cannot send JSON without a
 * CORS preflight, and the preflight only admits the portals).
 */
import {
  consumeRateLimit,
  type Database,
  DomainError,
  type LocalIdentityProvider,
  listLocalUsers,
  localUserInput,
  type RateLimits,
  userIdSchema,
} from '@lending/core';
import { type Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { errorResponse, readJson } from '../http-errors.ts';

const startSessionInput = z.object({ userId: userIdSchema });

export interface LocalAuthDependencies {
  db: Database;
  identity: LocalIdentityProvider;
  authorizedParties: string[];
  rateLimits: RateLimits;
  /** The client's address as the app determines it (socket, or trusted X-Forwarded-For). */
  clientIpOf: (c: Context) => string;
}

export function localAuthRoutes({
  db,
  identity,
  authorizedParties,
  rateLimits,
  clientIpOf,
}: LocalAuthDependencies) {
  /** Rate limit per client address, then for writes: JSON from an allowed portal origin. */
  const guard = createMiddleware<{ Variables: { portalOrigin: string } }>(async (c, next) => {
    try {
      await consumeRateLimit(rateLimits, 'localAuth', clientIpOf(c));
    } catch (error) {
      return errorResponse(c, error);
    }
    if (c.req.method !== 'GET') {
      const origin = c.req.header('origin')?.replace(/\/$/, '');
      if (!origin || !authorizedParties.includes(origin)) {
        return c.json({ error: 'Local sign-in only answers the portals (the Origin is not allowed).' }, 403);
      }
      const contentType = c.req.header('content-type') ?? '';
      if (c.req.method === 'POST' && !/^application\/json\s*(;|$)/i.test(contentType)) {
        return c.json({ error: 'Send the request as application/json.' }, 415);
      }
      // The token's `azp` is the portal the request comes from.
      c.set('portalOrigin', origin);
    }
    await next();
  });

  return new Hono<{ Variables: { portalOrigin: string } }>()
    .use(guard)
    .get('/users', async (c) => c.json({ users: await listLocalUsers(db) }, 200))
    .post('/users', async (c) => {
      try {
        await consumeRateLimit(rateLimits, 'localSignUp', clientIpOf(c));
        const input = localUserInput.parse(await readJson(c));
        const user = await identity.createUser(input);
        const created = (await listLocalUsers(db)).find((u) => u.id === user.id);
        if (!created) throw new DomainError('NOT_FOUND', 'The new user could not be read back.');
        return c.json({ user: created }, 201);
      } catch (error) {
        return errorResponse(c, error);
      }
    })
    .post('/sessions', async (c) => {
      try {
        const { userId } = startSessionInput.parse(await readJson(c));
        return c.json(await identity.startSession(userId, c.get('portalOrigin')), 201);
      } catch (error) {
        return errorResponse(c, error);
      }
    })
    .post('/sessions/:sessionId/token', async (c) => {
      try {
        return c.json(await identity.refreshToken(c.req.param('sessionId'), c.get('portalOrigin')), 200);
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

/** The routes' type, for the portals' typed client (`hc<LocalAuthRoutes>`). */
export type LocalAuthRoutes = ReturnType<typeof localAuthRoutes>;
