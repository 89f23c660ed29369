import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { type AuthApi, useAuth } from './auth/context.ts';
import { LocalAuthProvider } from './auth/local.tsx';
import { FullPageLoader } from './components/states.tsx';
import { type PortalConfig, PortalConfigProvider } from './config.tsx';
import { errorCode } from './errors.ts';
import { OrganizationProvider } from './org/OrganizationProvider.tsx';
import { theme } from './theme.ts';
import { createApiClient, isProcedureKey, TRPCProvider } from './trpc.ts';

/** Loaded only in Clerk mode: keeps @clerk/react out of the local-mode bundle. */
const ClerkAuthProvider = lazy(() => import('./auth/clerk.tsx'));

function AuthProvider({ config, children }: { config: PortalConfig; children: ReactNode }) {
  if (config.clerkPublishableKey) {
    return (
      <Suspense fallback={<FullPageLoader label="Loading sign-in" />}>
        <ClerkAuthProvider publishableKey={config.clerkPublishableKey}>{children}</ClerkAuthProvider>
      </Suspense>
    );
  }
  return <LocalAuthProvider>{children}</LocalAuthProvider>;
}

function retry(failureCount: number, error: unknown): boolean {
  const code = errorCode(error);
  // Errors that another attempt will not fix.
  if (code && ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'TOO_MANY_REQUESTS'].includes(code)) {
    return false;
  }
  return failureCount < 2;
}

/** The API client and React Query, wired to whichever auth provider is active. */
function ApiProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  const auth = useAuth();
  const authRef = useRef<AuthApi>(auth);
  authRef.current = auth;
  const organizationIdRef = useRef<string | null>(null);
  const [trpcClient] = useState(() =>
    createApiClient({
      getToken: () => authRef.current.getToken(),
      getOrganizationId: () => organizationIdRef.current,
    }),
  );

  // Errors seen anywhere: a 401 may mean the session was revoked; a 403 that our access changed.
  useEffect(() => {
    const onError = (error: unknown) => {
      const code = errorCode(error);
      if (code === 'UNAUTHORIZED') authRef.current.onUnauthorized();
      if (code === 'FORBIDDEN') {
        void queryClient.invalidateQueries({
          predicate: (query) => isProcedureKey(query.queryKey, ['auth', 'me']),
        });
      }
    };
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient]);

  // Nothing of one user's data may survive signing out. Cleared during render, when the status
  // changes and before anything renders signed out: an effect runs after the children mounted, so
  // clearing there dropped the queries the sign-in page had just started (its list of users) and
  // left it on its placeholders forever — what opening or reloading `/sign-in` did.
  const lastStatusRef = useRef(auth.status);
  if (lastStatusRef.current !== auth.status) {
    lastStatusRef.current = auth.status;
    if (auth.status === 'signed-out') queryClient.clear();
  }

  return (
    <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
      <OrganizationProvider organizationIdRef={organizationIdRef}>{children}</OrganizationProvider>
    </TRPCProvider>
  );
}

/**
 * Everything a portal page needs around it: theme, toasts, auth (Clerk or local), React Query,
 * the typed tRPC client and the active organization. Must be inside a react-router router.
 */
export function AppProviders({ config, children }: { config: PortalConfig; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache(),
        mutationCache: new MutationCache(),
        defaultOptions: {
          queries: { retry, staleTime: 15_000, refetchOnWindowFocus: true },
          mutations: { retry: false },
        },
      }),
  );
  return (
    <PortalConfigProvider config={config}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="bottom-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <AuthProvider config={config}>
            <ApiProviders queryClient={queryClient}>{children}</ApiProviders>
          </AuthProvider>
        </QueryClientProvider>
      </MantineProvider>
    </PortalConfigProvider>
  );
}
