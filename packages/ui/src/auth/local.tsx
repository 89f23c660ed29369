import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type AuthApi, AuthContext, type AuthStatus } from './context.ts';
import { LocalSignInPage } from './LocalSignInPage.tsx';
import { LocalAuthError, localAuthApi } from './local-api.ts';

/** localStorage is per origin, so each portal keeps its own local session. */
const SESSION_KEY = 'lending.local-auth.session-id';
/** Refresh the 10-minute token when less than this is left. */
const REFRESH_MARGIN_MS = 60_000;

function readSessionId(): string | null {
  try {
    return localStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

function writeSessionId(sessionId: string | null): void {
  try {
    if (sessionId) localStorage.setItem(SESSION_KEY, sessionId);
    else localStorage.removeItem(SESSION_KEY);
  } catch {
    // Private mode without storage: the session lives only as long as the page.
  }
}

interface LocalSignIn {
  signInAs: (userId: string) => Promise<void>;
}

const LocalSignInContext = createContext<LocalSignIn | null>(null);

export function useLocalSignIn(): LocalSignIn {
  const value = useContext(LocalSignInContext);
  if (!value) throw new Error('useLocalSignIn is only available in local auth mode.');
  return value;
}

/**
 * Local mode: sessions and tokens from the API's local identity provider
 * (`/api/local-auth/*`). Tokens live 10 minutes; they are refreshed on demand shortly
 * before they expire, and a 401 on refresh (session ended or revoked) signs the user out.
 */
export function LocalAuthProvider({ children }: { children: ReactNode }) {
  const sessionRef = useRef<string | null>(readSessionId());
  const tokenRef = useRef<{ token: string; expiresAtMs: number } | null>(null);
  const inflightRef = useRef<Promise<string | null> | null>(null);
  const [status, setStatus] = useState<AuthStatus>(sessionRef.current ? 'loading' : 'signed-out');
  const [notice, setNotice] = useState<string>();

  const endLocally = useCallback((message?: string) => {
    sessionRef.current = null;
    tokenRef.current = null;
    writeSessionId(null);
    setStatus('signed-out');
    setNotice(message);
  }, []);

  const refresh = useCallback((): Promise<string | null> => {
    const sessionId = sessionRef.current;
    if (!sessionId) return Promise.resolve(null);
    if (inflightRef.current) return inflightRef.current;
    const promise = (async () => {
      try {
        const { token, expiresAt } = await localAuthApi.refreshToken(sessionId);
        if (sessionRef.current !== sessionId) return null;
        tokenRef.current = { token, expiresAtMs: Date.parse(expiresAt) };
        setStatus('signed-in');
        return token;
      } catch (error) {
        if (error instanceof LocalAuthError && (error.status === 401 || error.status === 404)) {
          if (sessionRef.current === sessionId) endLocally('Your session has ended. Sign in again.');
          return null;
        }
        // The API is unreachable: stay signed in; calls will show the connection error.
        if (sessionRef.current === sessionId) setStatus('signed-in');
        throw error;
      } finally {
        inflightRef.current = null;
      }
    })();
    inflightRef.current = promise;
    return promise;
  }, [endLocally]);

  const getToken = useCallback(async () => {
    const current = tokenRef.current;
    if (current && current.expiresAtMs - Date.now() > REFRESH_MARGIN_MS) return current.token;
    return refresh();
  }, [refresh]);

  // Validate a remembered session on load.
  useEffect(() => {
    if (sessionRef.current) refresh().catch(() => {});
  }, [refresh]);

  // Signing in or out in another tab of this portal applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_KEY) return;
      sessionRef.current = event.newValue;
      tokenRef.current = null;
      if (event.newValue) {
        setStatus('loading');
        refresh().catch(() => {});
      } else {
        setStatus('signed-out');
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [refresh]);

  const signInAs = useCallback(async (userId: string) => {
    const session = await localAuthApi.createSession(userId);
    sessionRef.current = session.sessionId;
    tokenRef.current = { token: session.token, expiresAtMs: Date.parse(session.expiresAt) };
    writeSessionId(session.sessionId);
    setNotice(undefined);
    setStatus('signed-in');
  }, []);

  const signOut = useCallback(async () => {
    const sessionId = sessionRef.current;
    endLocally();
    if (sessionId) await localAuthApi.endSession(sessionId).catch(() => {});
  }, [endLocally]);

  const onUnauthorized = useCallback(() => {
    if (!sessionRef.current) return;
    tokenRef.current = null;
    refresh().catch(() => {});
  }, [refresh]);

  const api = useMemo<AuthApi>(
    () => ({
      mode: 'local',
      status,
      sessionId: status === 'signed-in' ? sessionRef.current : null,
      getToken,
      signOut,
      onUnauthorized,
      SignInView: LocalSignInPage,
      notice,
    }),
    [status, getToken, signOut, onUnauthorized, notice],
  );
  const localSignIn = useMemo(() => ({ signInAs }), [signInAs]);

  return (
    <AuthContext.Provider value={api}>
      <LocalSignInContext.Provider value={localSignIn}>{children}</LocalSignInContext.Provider>
    </AuthContext.Provider>
  );
}
