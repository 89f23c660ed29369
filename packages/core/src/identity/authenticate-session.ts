/**
 * Turns a bearer token into a signed-in identity: the signature, expiry and `azp` are checked by
 * @clerk/backend (networkless with a PEM key, otherwise Clerk's JWKS by `kid`), then the mirrored
 * session and user must still be live. Users and sessions the API has not heard of yet (webhooks
 * are eventually consistent) are fetched from Clerk and recorded.
 */
import { verifyToken } from '@clerk/backend';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { appUsers, userSessions } from '../db/schema/index.ts';
import type { IdentityProviderAdmin } from './identity-provider.ts';
import { recordSession, upsertUserFromClerk } from './mirror-users.ts';

export interface TokenVerifierOptions {
  jwtKey?: string | undefined;
  secretKey?: string | undefined;
  apiUrl?: string | undefined;
  authorizedParties: string[];
}

export interface SignedInIdentity {
  status: 'signed-in';
  userId: string;
  sessionId: string;
}
export interface AnonymousIdentity {
  status: 'anonymous';
  /** Why a presented token was refused; undefined when none was presented. */
  refusal?: string;
}
export type Identity = SignedInIdentity | AnonymousIdentity;

const REFUSAL_MESSAGES: Record<string, string> = {
  'token-expired': 'Your session token has expired. Sign in again.',
  'token-not-active-yet': 'Your session token is not valid yet. Check your device clock.',
  'token-invalid-authorized-parties': 'This session token was issued for another site.',
  'token-invalid-signature': 'Your session token is not valid. Sign in again.',
  'token-invalid-algorithm': 'Your session token is not valid. Sign in again.',
};

/** @clerk/backend 3 resolves to the claims and throws a TokenVerificationError (with `reason`) on failure. */
interface TokenClaims {
  sub?: string;
  sid?: unknown;
}

export interface SessionAuthenticator {
  authenticate(authorizationHeader: string | null | undefined): Promise<Identity>;
}

export function createSessionAuthenticator(
  db: Database,
  verifier: TokenVerifierOptions,
  identityAdmin: IdentityProviderAdmin,
): SessionAuthenticator {
  const verifyOptions = {
    authorizedParties: verifier.authorizedParties,
    ...(verifier.jwtKey ? { jwtKey: verifier.jwtKey } : {}),
    ...(verifier.secretKey ? { secretKey: verifier.secretKey } : {}),
    ...(verifier.apiUrl ? { apiUrl: verifier.apiUrl } : {}),
  };

  async function loadUserAndSession(userId: string, sessionId: string) {
    const [row] = await db
      .select({
        isActive: appUsers.isActive,
        deletedAt: appUsers.deletedAt,
        known: sql<boolean>`${appUsers.clerkUpdatedAt} is not null`,
        sessionStatus: userSessions.status,
      })
      .from(appUsers)
      .leftJoin(userSessions, eq(userSessions.id, sessionId))
      .where(eq(appUsers.id, userId))
      .limit(1);
    return row;
  }

  return {
    async authenticate(header) {
      if (!header) return { status: 'anonymous' };
      const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
      if (!match)
        return { status: 'anonymous', refusal: 'The Authorization header must be "Bearer <token>".' };
      let claims: TokenClaims;
      try {
        claims = (await verifyToken(match[1]!, verifyOptions)) as TokenClaims;
      } catch (error) {
        const reason = (error as { reason?: string }).reason ?? 'token-invalid';
        return {
          status: 'anonymous',
          refusal: REFUSAL_MESSAGES[reason] ?? 'Your session token is not valid. Sign in again.',
        };
      }
      const userId = claims.sub;
      const sessionId = typeof claims.sid === 'string' ? claims.sid : undefined;
      if (!userId || !sessionId) return { status: 'anonymous', refusal: 'The token is not a session token.' };

      let row = await loadUserAndSession(userId, sessionId);
      if (!row?.known && !row?.deletedAt) {
        const user = await identityAdmin.fetchUser(userId);
        if (!user) return { status: 'anonymous', refusal: 'This user is not known. Sign in again.' };
        await upsertUserFromClerk(db, user);
        row = await loadUserAndSession(userId, sessionId);
      }
      if (!row || row.deletedAt || !row.isActive) {
        return { status: 'anonymous', refusal: 'This account is inactive. Contact your administrator.' };
      }
      if (row.sessionStatus && row.sessionStatus !== 'active') {
        return { status: 'anonymous', refusal: 'This session has ended. Sign in again.' };
      }
      if (!row.sessionStatus) {
        await recordSession(db, { id: sessionId, user_id: userId }, 'active');
      }
      return { status: 'signed-in', userId, sessionId };
    },
  };
}
