import { Button, Container } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { useAuth } from './auth/context.ts';
import { ErrorState, FullPageLoader } from './components/states.tsx';
import { useOrganizations } from './org/OrganizationProvider.tsx';
import { usePageTitle } from './page-title.ts';
import { safeRedirect, signInPath } from './redirect.ts';

export { safeRedirect, signInPath };

/** `/sign-in`: the provider's sign-in screen; once signed in, back to where the person came from. */
export function SignInRoute() {
  const auth = useAuth();
  usePageTitle('Sign in', { withOrganization: false });
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get('redirect'));
  if (auth.status === 'loading') return <FullPageLoader label="Checking your session" />;
  if (auth.status === 'signed-in') return <Navigate to={redirectTo} replace />;
  const { SignInView } = auth;
  return <SignInView redirectTo={redirectTo} />;
}

/** Routes below need a signed-in user; others are sent to sign in and brought back. */
export function RequireSignedIn() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageLoader label="Checking your session" />;
  if (status === 'signed-out') {
    return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  }
  return <Outlet />;
}

/**
 * Routes below need access to this portal in at least one organization; `noAccess` is shown
 * otherwise. Everything below is re-mounted when the active organization changes.
 */
export function RequirePortalAccess({ noAccess }: { noAccess: ReactNode }) {
  const { meQuery, active } = useOrganizations();
  const { signOut } = useAuth();
  if (meQuery.isPending) return <FullPageLoader label="Loading your organizations" />;
  if (meQuery.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorState
          error={meQuery.error}
          title="Could not load your account"
          onRetry={() => meQuery.refetch()}
        >
          <Button size="xs" variant="subtle" color="red" onClick={() => signOut()}>
            Sign out
          </Button>
        </ErrorState>
      </Container>
    );
  }
  if (!active) return <>{noAccess}</>;
  return (
    <Fragment key={active.organizationId}>
      <Outlet />
    </Fragment>
  );
}
