/**
 * Client for the API's local identity provider (local mode only), same origin via the Vite proxy.
 * Typed from the API's own routes (`hono/client`), so a change there breaks this at compile time.
 */

import type { LocalAuthRoutes } from '@lending/api';
import type { LocalUserInput } from '@lending/core/inputs';
import { hc, type InferResponseType } from 'hono/client';
import { SERVICE_UNAVAILABLE_MESSAGE } from '../errors.ts';

const client = hc<LocalAuthRoutes>('/api/local-auth', {
  // The API accepts only JSON from a portal origin; the browser adds the Origin itself.
  headers: { 'content-type': 'application/json' },
});

export type LocalUser = InferResponseType<typeof client.users.$get, 200>['users'][number];
export type LocalSession = InferResponseType<typeof client.sessions.$post, 201>;

export class LocalAuthError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'LocalAuthError';
  }
}

/** The body of a successful answer, or a LocalAuthError with the API's message. */
async function answer<T>(pending: Promise<Response>): Promise<T> {
  const response = await pending;
  if (response.status === 204) return undefined as T;
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  if (!response.ok) {
    const message =
      payload && typeof payload === 'object' && 'error' in payload && typeof payload.error === 'string'
        ? payload.error
        : response.status === 404
          ? 'Local sign-in is not available: the API is not running in local mode.'
          : response.status >= 500
            ? SERVICE_UNAVAILABLE_MESSAGE
            : `The sign-in service answered ${response.status}.`;
    throw new LocalAuthError(message, response.status);
  }
  return payload as T;
}

export const localAuthApi = {
  listUsers: async () => {
    try {
      return await answer<{ users: LocalUser[] }>(client.users.$get());
    } catch (error) {
      if (error instanceof LocalAuthError && error.status === 404) {
        throw new LocalAuthError(
          'Local sign-in is not available: the API is not running in local mode. Set VITE_CLERK_PUBLISHABLE_KEY to sign in with Clerk.',
          404,
        );
      }
      throw error;
    }
  },
  createUser: (input: LocalUserInput) => answer<{ user: LocalUser }>(client.users.$post({ json: input })),
  createSession: (userId: string) => answer<LocalSession>(client.sessions.$post({ json: { userId } })),
  refreshToken: (sessionId: string) =>
    answer<{ token: string; expiresAt: string }>(
      client.sessions[':sessionId'].token.$post({ param: { sessionId } }, { init: { body: '{}' } }),
    ),
  endSession: (sessionId: string) =>
    answer<void>(client.sessions[':sessionId'].$delete({ param: { sessionId } })),
};
