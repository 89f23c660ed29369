import type { LocalUserInput } from '@lending/core/inputs';
import { SERVICE_UNAVAILABLE_MESSAGE } from '../errors.ts';

/** Client for the API's local identity provider (local mode only), same origin via the Vite proxy. */

export interface LocalUser {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  imageUrl: string | null;
  description: string | null;
}

export interface LocalSession {
  sessionId: string;
  token: string;
  expiresAt: string;
}

export class LocalAuthError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'LocalAuthError';
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/local-auth${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
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
      return await request<{ users: LocalUser[] }>('GET', '/users');
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
  createUser: (input: LocalUserInput) => request<{ user: LocalUser }>('POST', '/users', input),
  createSession: (userId: string) => request<LocalSession>('POST', '/sessions', { userId }),
  refreshToken: (sessionId: string) =>
    request<{ token: string; expiresAt: string }>('POST', `/sessions/${encodeURIComponent(sessionId)}/token`),
  endSession: (sessionId: string) => request<void>('DELETE', `/sessions/${encodeURIComponent(sessionId)}`),
};
