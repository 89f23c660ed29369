import { type ComponentType, createContext, useContext } from 'react';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

export interface SignInViewProps {
  /** Where to go after signing in (a path of this portal). */
  redirectTo: string;
}

/**
 * What the rest of the portal needs from the identity provider, whichever it is
 * (Clerk, or the API's local provider in local mode).
 */
export interface AuthApi {
  mode: 'clerk' | 'local';
  status: AuthStatus;
  /** The current session's id (`sess_…`), to mark "this session" in lists. */
  sessionId: string | null;
  /** A fresh session token for `Authorization: Bearer`, or null when signed out. */
  getToken: () => Promise<string | null>;
  signOut: () => Promise<void>;
  /**
   * Called when the API answered 401 although we sent a token: the session may have been
   * revoked. Local mode checks the session and signs out if it has ended.
   */
  onUnauthorized: () => void;
  /** The sign-in screen of this provider. */
  SignInView: ComponentType<SignInViewProps>;
  /** Provider-specific account button for the header, if any (Clerk's `<UserButton/>`). */
  AccountButton?: ComponentType;
  /** A message to show on the sign-in page (e.g. "Your session ended"). */
  notice?: string | undefined;
}

export const AuthContext = createContext<AuthApi | null>(null);

export function useAuth(): AuthApi {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AppProviders>.');
  return auth;
}
