/** The HTTP surface: health, Clerk webhooks, organization sign-up, tRPC, and local sign-in in local mode. */

import { getConnInfo } from '@hono/node-server/conninfo';
import { trpcServer } from '@hono/trpc-server';
import { appRouter, createContext, TRPC_MAX_BATCH_SIZE } from '@lending/core';
import { sql } from 'drizzle-orm';
import { Hono, type Context as HonoContext } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { clerkWebhookRoutes } from './routes/clerk-webhooks.ts';
import { createOrganizationRoutes } from './routes/create-organization.ts';
import { localAuthRoutes } from './routes/local-auth.ts';
import type { ApiRuntime } from './services.ts';

/** The client's address: the socket's, or X-Forwarded-For's first hop when behind a trusted proxy. */
function clientIpOf(c: HonoContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (tests) have no socket
  }
}

export function createApp(runtime: ApiRuntime) {
  const { services, config } = runtime;
  const app = new Hono();

  app.use(
    '*',
    cors({
      origin: (origin) => (config.auth.authorizedParties.includes(origin) ? origin : null),
      allowHeaders: ['authorization', 'content-type', 'x-organization-id', 'trpc-accept'],
      credentials: false,
    }),
  );

  // No JSON body here needs more than a megabyte; larger ones are refused before they are read.
  const limitBody = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => c.json({ error: 'The request body is too large (at most 1 MB).' }, 413),
  });
  app.use('/api/*', limitBody);
  app.use('/trpc/*', limitBody);

  app.get('/health', async (c) => {
    try {
      await services.db.execute(sql`select 1`);
      return c.json({ status: 'ok', authMode: config.auth.mode });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  app.route('/api/webhooks/clerk', clerkWebhookRoutes(runtime));
  app.route('/api/auth/create-organization', createOrganizationRoutes(runtime));
  if (runtime.localIdentity) {
    app.route(
      '/api/local-auth',
      localAuthRoutes(services.db, runtime.localIdentity, config.auth.authorizedParties),
    );
  }

  app.use(
    '/trpc/*',
    trpcServer({
      endpoint: '/trpc',
      router: appRouter,
      maxBatchSize: TRPC_MAX_BATCH_SIZE,
      createContext: (opts, c) =>
        createContext(services, {
          authorization: opts.req.headers.get('authorization'),
          organizationId: opts.req.headers.get('x-organization-id'),
          clientIp: clientIpOf(c, config.trustProxy),
        }),
    }),
  );

  app.notFound((c) => c.json({ error: `No route for ${c.req.method} ${c.req.path}.` }, 404));
  app.onError((error, c) => {
    console.error(error);
    return c.json({ error: 'Something went wrong on our side. Please try again.' }, 500);
  });
  return app;
}
