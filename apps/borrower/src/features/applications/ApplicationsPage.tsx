import {
  ApplicationStatusBadge,
  EmptyState,
  formatDate,
  formatError,
  formatMoney,
  notifySuccess,
  PageHeader,
  QueryFallback,
  TruncatedText,
  useTRPC,
} from '@lending/ui';
import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';

/** `/applications`: the person's applications with this lender, and a button to start one. */
export default function ApplicationsPage() {
  const trpc = useTRPC();
  const mine = useQuery(trpc.applications.mine.queryOptions());
  return (
    <Stack gap="lg">
      <PageHeader
        title="Applications"
        description="Apply, upload your documents and follow the review."
        actions={
          <Button component={Link} to="/applications/new">
            Start an application
          </Button>
        }
      />
      {!mine.data ? (
        <QueryFallback query={mine} noun="applications" />
      ) : mine.data.applications.length === 0 ? (
        <EmptyState
          title="No applications yet"
          action={
            <Button component={Link} to="/applications/new">
              Start an application
            </Button>
          }
        >
          It takes a few minutes, and it is saved as you go.
        </EmptyState>
      ) : (
        <Stack
          gap="sm"
          component="ul"
          aria-label="Your applications"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {mine.data.applications.map((a) => (
            <Card component="li" key={a.id} withBorder padding="md">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text
                  component={Link}
                  to={`/applications/${a.id}`}
                  fw={600}
                  c="var(--mantine-primary-color-filled)"
                >
                  {a.reference}
                </Text>
                <ApplicationStatusBadge status={a.status} />
              </Group>
              <TruncatedText size="sm">
                {[formatMoney(a.requestedAmount), a.productName, a.propertyAddressLine1]
                  .filter(Boolean)
                  .join(' · ')}
              </TruncatedText>
              <Group justify="space-between" mt={4}>
                <Text size="xs" c="dimmed">
                  Started {formatDate(a.createdAt)}
                </Text>
                <Button component={Link} to={`/applications/${a.id}`} size="compact-sm" variant="light">
                  {a.status === 'draft' ? 'Continue' : 'Open'}
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** `/applications/new`: starts a draft (once) and opens its wizard. */
export function NewApplicationPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const start = useMutation(trpc.applications.start.mutationOptions());
  const started = useRef(false);
  const begin = async () => {
    try {
      const draft = await start.mutateAsync({});
      await queryClient.invalidateQueries({ queryKey: trpc.applications.mine.pathKey() });
      notifySuccess(`Application ${draft.reference} started. It is saved as you go.`);
      navigate(`/applications/${draft.id}`, { replace: true });
    } catch {
      // shown below
    }
  };
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void begin();
  });
  return (
    <Stack gap="lg">
      <PageHeader title="New application" />
      {start.isError ? (
        <Alert color="red" title="Could not start the application" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{formatError(start.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void begin()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : (
        <Text c="dimmed" role="status">
          Starting your application…
        </Text>
      )}
    </Stack>
  );
}
