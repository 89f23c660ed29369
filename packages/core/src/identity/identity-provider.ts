/**
 * What the API asks of the identity provider beyond verifying tokens: look up a user it has not
 * heard of yet, and revoke a session. Clerk's Backend API in Clerk mode; the local provider otherwise.
 */
import { createClerkClient } from '@clerk/backend';
import type { ClerkUserJson } from './clerk-payloads.ts';
import { clerkUserSchema } from './clerk-payloads.ts';

export interface IdentityProviderAdmin {
  /** The user as Clerk's JSON, or null when the provider does not know them. */
  fetchUser(userId: string): Promise<ClerkUserJson | null>;
  revokeSession(sessionId: string): Promise<void>;
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
      await clerk.sessions.revokeSession(sessionId);
    },
  };
}
