/**
 * Turns a bearer token into a signed-in identity: the signature, expiry and `azp` are checked by
 * @clerk/backend (networkless with a PEM key, otherwise Clerk's JWKS by `kid`), then the mirrored
 * session and user must still be live. Users and sessions the API has not heard of yet (webhooks
 * are eventually consistent) are fetched from Clerk and recorded.
 */
import { verifyToken } from '@clerk/backend';
import { and, eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
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
  exp?: number;
  nbf?: number;
}

/**
 * Verified claims by token string, kept until the token's own expiry. Only the signature/azp check
 * is cached: the session and user are read from the database on every request, so a revocation
 * still takes effect at once. (A signing key withdrawn from the JWKS stops being trusted for new
 * tokens at once and for already-verified ones at their expiry: about a minute for Clerk tokens.)
 */
const CLOCK_SKEW_SECONDS = 5;

/** A token whose signature, expiry and `azp` check out; the session and user are not yet checked. */
export interface ClaimedIdentity {
  status: 'claimed';
  userId: string;
  sessionId: string;
}
export type TokenCheck = ClaimedIdentity | AnonymousIdentity;

/** The mirrored state a request is judged by: the user, and the token's session. */
export interface LiveSessionRow {
  isActive: boolean;
  deletedAt: Date | null;
  known: boolean;
  sessionStatus: string | null;
}

export interface SessionAuthenticator {
  /** Signature, expiry and `azp` only (no database). */
  verifyClaims(authorizationHeader: string | null | undefined): Promise<TokenCheck>;
  /**
   * The database half: the session must be live and the user active. `row` is the caller's own
   * read of that state (the access middleware reads it together with the access row).
   */
  confirm(claims: TokenCheck, row?: LiveSessionRow | undefined): Promise<Identity>;
  /** Both halves. */
  authenticate(authorizationHeader: string | null | undefined): Promise<Identity>;
}

export const SESSION_NOT_THE_USERS = 'This session does not belong to this user. Sign in again.';

/** Judges a live-session row; undefined when the request may go on. */
export function refusalFor(row: LiveSessionRow | undefined): string | undefined {
  if (!row || row.deletedAt || !row.isActive) return 'This account is inactive. Contact your administrator.';
  if (row.sessionStatus && row.sessionStatus !== 'active') return 'This session has ended. Sign in again.';
  return undefined;
}

/** SQL columns of a LiveSessionRow, for queries that read it alongside something else. */
export function liveSessionColumns() {
  return {
    isActive: appUsers.isActive,
    deletedAt: appUsers.deletedAt,
    known: sql<boolean>`${appUsers.clerkUpdatedAt} is not null`,
    sessionStatus: userSessions.status,
  };
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

  const verifiedClaims = new LRUCache<string, TokenClaims>({ max: 20_000 });

  async function verifyTokenCached(token: string): Promise<TokenClaims> {
    const now = Math.floor(Date.now() / 1000);
    const cached = verifiedClaims.get(token);
    if (
      cached &&
      (cached.exp ?? 0) + CLOCK_SKEW_SECONDS > now &&
      (cached.nbf ?? 0) - CLOCK_SKEW_SECONDS <= now
    ) {
      return cached;
    }
    const claims = (await verifyToken(token, verifyOptions)) as TokenClaims;
    if (typeof claims.exp === 'number') {
      verifiedClaims.set(token, claims, { ttl: Math.max(1, (claims.exp + CLOCK_SKEW_SECONDS - now) * 1000) });
    }
    return claims;
  }

  // Prepared once: the hot path of every authenticated request.
  const userAndSession = db
    .select(liveSessionColumns())
    .from(appUsers)
    // The session must be the token's `sid` AND belong to the token's `sub`.
    .leftJoin(
      userSessions,
      and(eq(userSessions.id, sql.placeholder('sessionId')), eq(userSessions.userId, appUsers.id)),
    )
    .where(eq(appUsers.id, sql.placeholder('userId')))
    .limit(1)
    .prepare('authenticate_user_session');

  async function loadUserAndSession(userId: string, sessionId: string): Promise<LiveSessionRow | undefined> {
    const [row] = await userAndSession.execute({ userId, sessionId });
    return row;
  }

  async function verifyHeader(header: string | null | undefined): Promise<TokenCheck> {
    if (!header) return { status: 'anonymous' };
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) return { status: 'anonymous', refusal: 'The Authorization header must be "Bearer <token>".' };
    let claims: TokenClaims;
    try {
      claims = await verifyTokenCached(match[1]!);
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
    return { status: 'claimed', userId, sessionId };
  }

  async function confirm(claims: TokenCheck, given?: LiveSessionRow): Promise<Identity> {
    if (claims.status !== 'claimed') return claims;
    const { userId, sessionId } = claims;
    let row = given ?? (await loadUserAndSession(userId, sessionId));
    if (!row?.known && !row?.deletedAt) {
      // Webhooks are eventually consistent: a valid token may come before its user.created.
      let user: Awaited<ReturnType<IdentityProviderAdmin['fetchUser']>>;
      try {
        user = await identityAdmin.fetchUser(userId);
      } catch (error) {
        // Clerk's API errors carry their reason in `errors`, not always in `message`.
        const detail = (error as { errors?: Array<{ message?: string }> }).errors?.[0]?.message;
        console.error(
          `identity provider lookup of ${userId} failed:`,
          detail || (error as Error).message || error,
        );
        return {
          status: 'anonymous',
          refusal:
            'Your account could not be confirmed with the identity provider just now. Try again shortly.',
        };
      }
      if (!user) return { status: 'anonymous', refusal: 'This user is not known. Sign in again.' };
      await upsertUserFromClerk(db, user);
      row = await loadUserAndSession(userId, sessionId);
    }
    const refusal = refusalFor(row);
    if (refusal) return { status: 'anonymous', refusal };
    if (!row?.sessionStatus) {
      // A session first seen through its token. If the id is already recorded for another user,
      // the join above finds nothing even after recording: refuse rather than share the session.
      await recordSession(db, { id: sessionId, user_id: userId }, 'active');
      row = await loadUserAndSession(userId, sessionId);
      if (!row?.sessionStatus) return { status: 'anonymous', refusal: SESSION_NOT_THE_USERS };
    }
    return { status: 'signed-in', userId, sessionId };
  }

  return {
    verifyClaims: verifyHeader,
    confirm,
    authenticate: async (header) => confirm(await verifyHeader(header)),
  };
}
