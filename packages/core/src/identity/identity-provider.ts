/**
 * What the API asks of the identity provider beyond verifying tokens: look up a user it has not
 * heard of yet, and revoke a session. Clerk's Backend API in Clerk mode; the local provider otherwise.
 */
import { createClerkClient } from '@clerk/backend';
import type { ClerkUserJson } from './clerk-payloads.ts';
import { clerkUserSchema } from './clerk-payloads.ts';

/**
 * The provider could not do what was asked: `unreachable` (network failure, timeout, 503, 429) or
 * `upstream-error` (it answered with a 5xx, or refused our credentials). Nothing was changed there.
 */
export class IdentityProviderError extends Error {
  override name = 'IdentityProviderError';
  constructor(
    readonly kind: 'unreachable' | 'upstream-error',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * How a revocation ended: `revoked` at the provider; `unknown` — the provider does not know the
 * session (404), so it is over anyway; `local-only` — there is no provider API to ask (only
 * CLERK_JWT_KEY is configured), so only this API can refuse the session.
 */
export type RevokeAnswer = 'revoked' | 'unknown' | 'local-only';

export interface IdentityProviderAdmin {
  /** The user as Clerk's JSON, or null when the provider does not know them. */
  fetchUser(userId: string): Promise<ClerkUserJson | null>;
  /** Throws IdentityProviderError when the provider is down or fails. */
  revokeSession(sessionId: string): Promise<RevokeAnswer>;
}

/** Sorts a Backend API failure: what the caller may tell a person, and whether anything is known. */
export function classifyClerkFailure(error: unknown): 'not-found' | IdentityProviderError {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number') {
    return new IdentityProviderError(
      'unreachable',
      `Clerk's Backend API cannot be reached: ${String(error)}`,
    );
  }
  if (status === 404) return 'not-found';
  if (status === 429 || status === 503 || status === 504) {
    return new IdentityProviderError(
      'unreachable',
      `Clerk's Backend API is unavailable (${status}).`,
      status,
    );
  }
  return new IdentityProviderError('upstream-error', `Clerk's Backend API answered ${status}.`, status);
}

export function createClerkIdentityAdmin(options: {
  secretKey: string;
  apiUrl?: string | undefined;
}): IdentityProviderAdmin {
  const clerk = createClerkClient({
    secretKey: options.secretKey,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
  });
  return {
    async fetchUser(userId) {
      try {
        const user = await clerk.users.getUser(userId);
        const parsed = clerkUserSchema.safeParse(user.raw);
        return parsed.success ? parsed.data : null;
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
    async revokeSession(sessionId) {
      try {
        await clerk.sessions.revokeSession(sessionId);
        return 'revoked';
      } catch (error) {
        const failure = classifyClerkFailure(error);
        if (failure === 'not-found') return 'unknown';
        throw failure;
      }
    },
  };
}
