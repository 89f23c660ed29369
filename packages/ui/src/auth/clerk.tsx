/**
 * Clerk mode. This module is only loaded (dynamic import) when a publishable key is set,
 * so neither `@clerk/react` nor clerk-js is part of a local-mode bundle's initial JS.
 */
import { ClerkProvider, Show, SignIn, UserButton, useClerk, useAuth as useClerkAuth } from '@clerk/react';
import { Center, Container, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useCallback, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import { ErrorState } from '../components/states.tsx';
import { usePortalConfig } from '../config.tsx';
import { type AuthApi, AuthContext, type SignInViewProps } from './context.ts';

function ClerkSignInView({ redirectTo }: SignInViewProps) {
  const { appName } = usePortalConfig();
  return (
    <Container component="main" size={480} py={{ base: 'lg', sm: 48 }}>
      <Stack align="center" gap="lg">
        <Title order={1} size="h2" ta="center">
          Sign in to {appName}
        </Title>
        <Show when="signed-out">
          <SignIn routing="hash" forceRedirectUrl={redirectTo} signUpForceRedirectUrl={redirectTo} />
        </Show>
        <Show when="signed-in">
          <Text c="dimmed">You are signed in. Taking you back…</Text>
        </Show>
      </Stack>
    </Container>
  );
}

function ClerkAccountButton() {
  return (
    <Center>
      <UserButton />
    </Center>
  );
}

function ClerkAuthBridge({ children }: { children: ReactNode }) {
  const clerk = useClerk();
  const { isLoaded, isSignedIn, sessionId, getToken, signOut } = useClerkAuth();
  const getTokenRef = useRef(getToken);
  getTokenRef.current = getToken;
  const signOutRef = useRef(signOut);
  signOutRef.current = signOut;

  const token = useCallback(async () => (await getTokenRef.current()) ?? null, []);
  const doSignOut = useCallback(async () => {
    await signOutRef.current();
  }, []);

  const api = useMemo<AuthApi>(
    () => ({
      mode: 'clerk',
      status: !isLoaded ? 'loading' : isSignedIn ? 'signed-in' : 'signed-out',
      sessionId: sessionId ?? null,
      getToken: token,
      signOut: doSignOut,
      // Clerk refreshes its own tokens; a 401 here means the API refused the session
      // (revoked or user deactivated) — the error is shown where it happened.
      onUnauthorized: () => {},
      SignInView: ClerkSignInView,
      AccountButton: ClerkAccountButton,
    }),
    [isLoaded, isSignedIn, sessionId, token, doSignOut],
  );
  if (clerk.status === 'error') {
    // clerk-js is loaded from Clerk's servers: offline or blocked, nobody can sign in.
    return (
      <Container component="main" size={560} py="xl">
        <ErrorState
          title="Sign-in is unavailable"
          error="The sign-in service (Clerk) could not be loaded. Check your connection, or ask your administrator whether this portal should run in local mode."
          onRetry={() => window.location.reload()}
        />
      </Container>
    );
  }
  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}

export default function ClerkAuthProvider({
  publishableKey,
  children,
}: {
  publishableKey: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <ClerkProvider
      publishableKey={publishableKey}
      routerPush={(to: string) => navigate(to)}
      routerReplace={(to: string) => navigate(to, { replace: true })}
      afterSignOutUrl="/sign-in"
    >
      <ClerkAuthBridge>{children}</ClerkAuthBridge>
    </ClerkProvider>
  );
}
