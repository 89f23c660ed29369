import { slugSchema } from '@lending/core/inputs';
import {
  EmptyState,
  ErrorState,
  errorCode,
  formatError,
  isProcedureKey,
  notifySuccess,
  SimpleHeader,
  signInPath,
  useAuth,
  useOrganizations,
  usePageTitle,
  useTRPC,
} from '@lending/ui';
import { Alert, Button, Card, Container, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';

/**
 * `/apply/:slug` — a lender's public apply link. Anyone sees who the lender is; signing in
 * brings the person back here; "Start" joins the lender as a borrower and opens a new application (the wizard).
 */
export default function ApplyPage() {
  const { slug = '' } = useParams();
  const validSlug = slugSchema.safeParse(slug);
  return (
    <>
      <SimpleHeader />
      <Container component="main" size={600} py={{ base: 'lg', sm: 56 }}>
        {validSlug.success ? <ApplyCard slug={validSlug.data} /> : <LenderNotFound />}
      </Container>
    </>
  );
}

function LenderNotFound() {
  usePageTitle('Lender not found', { withOrganization: false });
  return (
    <EmptyState
      title="We could not find that lender"
      action={
        <Button component={Link} to="/" variant="light">
          Go to your home page
        </Button>
      }
    >
      Check the apply link your lender gave you — it may be mistyped or no longer in use.
    </EmptyState>
  );
}

function ApplyCard({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { status } = useAuth();
  const { me, accesses, meQuery, setActiveOrganization } = useOrganizations();
  const profile = useQuery(trpc.organizations.publicProfile.queryOptions({ slug }));
  const join = useMutation(trpc.organizations.joinAsBorrower.mutationOptions());
  usePageTitle(profile.data ? `Apply to ${profile.data.organization.name}` : 'Apply', {
    withOrganization: false,
  });

  if (profile.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading the lender">
        <Skeleton height={36} width="70%" />
        <Skeleton height={120} />
      </Stack>
    );
  }
  if (profile.isError) {
    if (errorCode(profile.error) === 'NOT_FOUND') return <LenderNotFound />;
    return (
      <ErrorState
        error={profile.error}
        title="Could not load this lender"
        onRetry={() => profile.refetch()}
      />
    );
  }

  const { organization } = profile.data;
  const alreadyJoined = accesses.some((access) => access.organizationId === organization.id);
  // Said here rather than after pressing Start: the lender turned this person's access off.
  const turnedOff = me?.deactivatedAccesses.some(
    (access) => access.organizationId === organization.id && access.portal === 'borrower',
  );

  const start = async () => {
    try {
      await join.mutateAsync({ slug });
      await queryClient.invalidateQueries({ predicate: (q) => isProcedureKey(q.queryKey, ['auth', 'me']) });
      setActiveOrganization(organization.id);
      notifySuccess(`You are connected to ${organization.name}.`, 'Welcome');
      // Straight on into the application wizard (a new draft with this lender).
      navigate('/applications/new');
    } catch {
      // shown below
    }
  };

  return (
    <Card withBorder padding="xl" radius="md">
      <Stack gap="md">
        <div>
          <Text size="sm" c="dimmed" tt="uppercase" fw={600}>
            Loan application
          </Text>
          <Title order={1} size="h2">
            Apply to {organization.name}
          </Title>
        </div>
        <Text>{organization.name} uses Lending OS for its loans. Here you will be able to:</Text>
        <List spacing={4} size="sm">
          <List.Item>apply for a loan and upload your documents,</List.Item>
          <List.Item>review and accept offers,</List.Item>
          <List.Item>follow your loan, its schedule and your payments.</List.Item>
        </List>

        {status === 'loading' || (status === 'signed-in' && meQuery.isPending) ? (
          <Skeleton height={36} width={160} />
        ) : status === 'signed-out' ? (
          <Stack gap="xs" align="flex-start">
            <Text size="sm" c="dimmed">
              Sign in (or create your account) first — you will come straight back here.
            </Text>
            <Button component={Link} to={signInPath(`/apply/${slug}`)} size="md">
              Sign in to apply
            </Button>
          </Stack>
        ) : turnedOff ? (
          <Alert color="orange" variant="light" title="Your access was turned off" w="100%">
            {organization.name} turned off your access to its borrower portal. Contact {organization.name} to
            have it restored.
          </Alert>
        ) : alreadyJoined ? (
          <Stack gap="xs" align="flex-start">
            <Alert color="teal" variant="light" w="100%">
              You are already connected to {organization.name}
              {me?.user.email ? ` as ${me.user.email}` : ''}.
            </Alert>
            <Button
              size="md"
              onClick={() => {
                setActiveOrganization(organization.id);
                navigate('/');
              }}
            >
              Go to your home page
            </Button>
          </Stack>
        ) : (
          <Stack gap="xs" align="flex-start">
            <Text size="sm" c="dimmed">
              Signed in as {me?.user.email}. Starting connects your account to {organization.name} as a
              borrower.
            </Text>
            <Button size="md" onClick={start} loading={join.isPending}>
              Start
            </Button>
            {join.isError && (
              <Alert color="red" title="Could not start" role="alert" w="100%">
                {formatError(join.error)}
              </Alert>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
