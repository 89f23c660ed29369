/** The HTTP surface: health, Clerk webhooks, organization sign-up, tRPC, and local sign-in in local mode. */

import { getConnInfo } from '@hono/node-server/conninfo';
import { trpcServer } from '@hono/trpc-server';
import {
  appRouter,
  checkHealth,
  createContext,
  internalErrorMessage,
  TRPC_MAX_BATCH_SIZE,
} from '@lending/core';
import { Hono, type Context as HonoContext } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { type RequestIdVariables, requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { clerkWebhookRoutes } from './routes/clerk-webhooks.ts';
import { createOrganizationRoutes } from './routes/create-organization.ts';
import { documentRoutes, UPLOAD_PATH } from './routes/documents.ts';
import { localAuthRoutes } from './routes/local-auth.ts';
import { BOARDING_PATH, boardingRoutes, exportRoutes, loanFileRoutes } from './routes/servicing-files.ts';
import type { ApiRuntime } from './services.ts';

export type { LocalAuthRoutes } from './routes/local-auth.ts';
export type { ApiRuntime } from './services.ts';
export { buildRuntime } from './services.ts';

type AppEnv = { Variables: RequestIdVariables };

/**
 * The client's address. Behind trusted proxies (LENDING_TRUST_PROXY), X-Forwarded-For's entries to
 * the left were written by whoever sent the request; only the ones the trusted proxies appended count.
 * With N trusted hops the client is the N-th entry from the right.
 */
export function clientAddress(forwardedFor: string | undefined, socketAddress: string, trustedHops: number) {
  if (trustedHops <= 0 || !forwardedFor) return socketAddress;
  const hops = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = hops.length - trustedHops;
  // Fewer entries than trusted proxies: the request did not come through them all; trust the socket.
  return index >= 0 ? hops[index]! : socketAddress;
}

function socketAddressOf(c: HonoContext): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (tests) have no socket
  }
}

export function createApp(runtime: ApiRuntime) {
  const { services, config } = runtime;
  const trustedHops = config.trustProxy ? config.trustProxyHops : 0;
  // biome-ignore lint/suspicious/noExplicitAny: any route's context; only the request and socket are read
  const clientIpOf = (c: HonoContext<any>) =>
    clientAddress(c.req.header('x-forwarded-for'), socketAddressOf(c), trustedHops);
  const app = new Hono<AppEnv>();

  // Every answer carries X-Request-Id; a 5xx's log line and body carry the same id.
  app.use('*', requestId({ limitLength: 64 }));
  app.use(
    '*',
    secureHeaders({
      strictTransportSecurity:
        config.nodeEnv === 'production' ? 'max-age=31536000; includeSubDomains' : false,
      xContentTypeOptions: 'nosniff',
      crossOriginResourcePolicy: false, // the portals on other origins read these answers (CORS decides)
    }),
  );
  app.use(
    '*',
    createMiddleware(async (c, next) => {
      await next();
      // Answers to signed-in callers are personal: no shared or browser cache may keep them.
      if (c.req.header('authorization')) c.header('Cache-Control', 'no-store');
    }),
  );
  app.use(
    '*',
    cors({
      origin: (origin) => (config.auth.authorizedParties.includes(origin) ? origin : null),
      allowHeaders: ['authorization', 'content-type', 'x-organization-id', 'trpc-accept'],
      exposeHeaders: ['x-request-id', 'content-disposition', 'content-length', 'repr-digest'],
      credentials: false,
    }),
  );

  // No JSON body here needs more than a megabyte; larger ones are refused before they are read.
  const limitBody = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => c.json({ error: 'The request body is too large (at most 1 MB).' }, 413),
  });
  // Uploads stream past this limit under their own (DOCUMENTS_MAX_UPLOAD_BYTES, routes/documents.ts).
  app.use('/api/*', (c, next) =>
    c.req.path === UPLOAD_PATH || c.req.path === BOARDING_PATH ? next() : limitBody(c, next),
  );
  app.use('/trpc/*', limitBody);

  app.get('/health', async (c) => {
    const health = await checkHealth(services.db);
    if (health.status !== 'ok') {
      console.error(`[${c.get('requestId')}] health check failed: ${health.reason}`);
      return c.json({ status: 'unavailable' }, 503);
    }
    return c.json({ status: 'ok', authMode: config.auth.mode });
  });

  app.route('/api/webhooks/clerk', clerkWebhookRoutes(runtime));
  app.route('/api/auth/create-organization', createOrganizationRoutes(runtime));
  app.route('/api/documents', documentRoutes(runtime, { clientIpOf }));
  app.route('/api/exports', exportRoutes(runtime, { clientIpOf }));
  app.route('/api/loans', loanFileRoutes(runtime, { clientIpOf }));
  app.route(BOARDING_PATH, boardingRoutes(runtime, { clientIpOf }));
  if (runtime.localIdentity) {
    app.route(
      '/api/local-auth',
      localAuthRoutes({
        db: services.db,
        identity: runtime.localIdentity,
        authorizedParties: config.auth.authorizedParties,
        rateLimits: services.rateLimits,
        clientIpOf,
      }),
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
          clientIp: clientIpOf(c),
          requestId: (c as HonoContext<AppEnv>).get('requestId'),
        }),
      onError: ({ error, path, ctx }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR' || error.code === 'SERVICE_UNAVAILABLE') {
          console.error(
            `[${ctx?.requestId ?? 'no-request-id'}] ${path ?? 'trpc'} failed:`,
            error.cause ?? error,
          );
        }
      },
    }),
  );

  app.notFound((c) => c.json({ error: `No route for ${c.req.method} ${c.req.path}.` }, 404));
  app.onError((error, c) => {
    const id = c.get('requestId');
    console.error(`[${id}] ${c.req.method} ${c.req.path} failed:`, error);
    return c.json({ error: internalErrorMessage(id), requestId: id }, 500);
  });
  return app;
}
