/**
 * tRPC context, init and procedure builders. Every procedure is built from one of the builders
 * below, and each builder declares the procedure's access in `meta`; the isolation test reads it.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import type { RateLimiterMemory } from 'rate-limiter-flexible';
import { ZodError } from 'zod';
import type { Database } from '../db/client.ts';
import { DomainError } from '../errors.ts';
import type { SessionAuthenticator, TokenCheck } from '../identity/authenticate-session.ts';
import type { IdentityProviderAdmin } from '../identity/identity-provider.ts';
import type { LenderRole, Portal, Role } from '../schemas.ts';
import { uuidSchema } from '../schemas.ts';
import { authorizePortalCall } from './portal-access.ts';
import { describeZodError } from './zod-messages.ts';

export type ProcedureAccess =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'portal'; portal: Portal; minRole: Role };

export interface ProcedureMeta {
  access: ProcedureAccess;
}

/** Long-lived dependencies, built once at start-up. */
export interface ApiServices {
  db: Database;
  authenticator: SessionAuthenticator;
  identityAdmin: IdentityProviderAdmin;
  publicRateLimiter: RateLimiterMemory;
  exposeInternalErrors: boolean;
}

export interface RequestInfo {
  authorization: string | null | undefined;
  organizationId: string | null | undefined;
  clientIp: string;
}

// A type (not an interface) so it is assignable to Record<string, unknown>, as adapters expect.
export type Context = {
  services: ApiServices;
  db: Database;
  /** The bearer token's verdict (signature, expiry, azp); the session and user are checked by middleware. */
  token: TokenCheck;
  /** The active organization sent by the portal (`x-organization-id`), if it is a valid id. */
  organizationId: string | null;
  organizationHeader: string | null;
  clientIp: string;
};

export async function createContext(services: ApiServices, request: RequestInfo): Promise<Context> {
  const header = request.organizationId?.trim() || null;
  return {
    services,
    db: services.db,
    token: await services.authenticator.verifyClaims(request.authorization),
    organizationId: header && uuidSchema.safeParse(header).success ? header : null,
    organizationHeader: header,
    clientIp: request.clientIp,
  };
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const described = zodError ? describeZodError(zodError) : null;
      const hideInternal = error.code === 'INTERNAL_SERVER_ERROR' && !ctx?.services.exposeInternalErrors;
      return {
        ...shape,
        message:
          described?.message ??
          (hideInternal ? 'Something went wrong on our side. Please try again.' : shape.message),
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors: described?.fieldErrors ?? null,
          ...(ctx?.services.exposeInternalErrors ? { stack: shape.data.stack } : {}),
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Domain errors carry a person-readable message and a code; map them to tRPC's. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw new TRPCError({
      code: result.error.cause.code,
      message: result.error.cause.message,
      cause: result.error.cause,
    });
  }
  return result;
});

const requireSignedIn = t.middleware(async ({ ctx, next }) => {
  const identity = await ctx.services.authenticator.confirm(ctx.token);
  if (identity.status !== 'signed-in') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: identity.refusal ?? 'Sign in to continue.' });
  }
  return next({ ctx: { identity } });
});

const base = t.procedure.use(mapDomainErrors);

export const publicProcedure = base.meta({ access: { kind: 'public' } });
export const signedInProcedure = base.meta({ access: { kind: 'signed-in' } }).use(requireSignedIn);

const requirePortalAccess = t.middleware(async ({ ctx, meta, next }) => {
  const access = await authorizePortalCall(ctx, meta);
  return next({
    ctx: {
      access,
      identity: { status: 'signed-in' as const, userId: access.userId, sessionId: access.sessionId },
    },
  });
});

export function lenderProcedure(minRole: LenderRole) {
  return base.meta({ access: { kind: 'portal', portal: 'lender', minRole } }).use(requirePortalAccess);
}

export const borrowerProcedure = base
  .meta({ access: { kind: 'portal', portal: 'borrower', minRole: 'borrower' } })
  .use(requirePortalAccess);
