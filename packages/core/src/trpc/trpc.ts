/**
 * tRPC init and procedure builders. Every procedure is built from one of the builders below, and
 * each builder declares the procedure's access in `meta`; the isolation test reads it.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { LenderRole } from '../access/access.inputs.ts';
import { DomainError } from '../errors.ts';
import type { Context, ProcedureMeta } from './context.ts';
import { authorizePortalCall } from './portal-access.ts';
import { describeZodError } from './zod-messages.ts';

export * from './context.ts';

/** What a person is told about a fault on our side: no detail, but the id to quote to support. */
export function internalErrorMessage(requestId: string | null | undefined): string {
  return `Something went wrong on our side. Please try again.${requestId ? ` (reference ${requestId})` : ''}`;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const described = zodError ? describeZodError(zodError) : null;
      // An internal error's message may quote SQL and its parameters: it goes to the log (with the
      // request id), never to the caller, in any mode.
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        message: described?.message ?? (internal ? internalErrorMessage(ctx?.requestId) : shape.message),
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors: described?.fieldErrors ?? null,
          ...(internal && ctx?.requestId ? { requestId: ctx.requestId } : {}),
          ...(ctx?.services.showStackTraces ? { stack: shape.data.stack } : {}),
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
