import {
  displayName,
  ErrorState,
  formatPlainDate,
  notifySuccess,
  organizationHint,
  organizationLabel,
  PageHeader,
  PendingInvitations,
  TruncatedText,
  useActiveOrganization,
  useOrganizations,
  useTRPC,
} from '@lending/ui';
import { Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';

// Its own chunk: the loan-terms schema (zod refinements, a Temporal polyfill) is not needed to show the rest.
const PaymentCalculator = lazy(() => import('../../calculator/PaymentCalculator.tsx'));

export default function HomePage() {
  const trpc = useTRPC();
  const active = useActiveOrganization();
  const { me } = useOrganizations();
  const home = useQuery(trpc.borrower.home.queryOptions());
  const firstName = me?.user.firstName || (me ? displayName(me.user) : '');

  return (
    <Stack gap="lg">
      <PageHeader
        title={firstName ? `Welcome, ${firstName}` : 'Welcome'}
        documentTitle="Home"
        description={`Your loans and applications with ${active.organizationName}.`}
      />
      <PendingInvitations title="Invitations waiting for you" />

      {home.isError ? (
        <ErrorState error={home.error} title="Could not load your home page" onRetry={() => home.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Card withBorder padding="lg" component="section" aria-labelledby="next-payment-title">
            <Title order={2} size="h4" id="next-payment-title" mb="xs">
              Next payment
            </Title>
            {home.isPending ? (
              <Skeleton height={40} />
            ) : home.data.nextPayment ? (
              <>
                <Text size="xl" fw={700}>
                  ${home.data.nextPayment.amount}
                </Text>
                <Text size="sm" c="dimmed">
                  Due {formatPlainDate(home.data.nextPayment.dueDate)}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                Nothing due. When a loan is funded, your next payment shows here.
              </Text>
            )}
          </Card>
          <Card withBorder padding="lg" component="section" aria-labelledby="open-tasks-title">
            <Title order={2} size="h4" id="open-tasks-title" mb="xs">
              Open tasks
            </Title>
            {home.isPending ? (
              <Skeleton height={40} />
            ) : home.data.openTasks.length > 0 ? (
              <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
                {home.data.openTasks.map((task) => (
                  <Text component="li" key={task.id} size="sm">
                    {task.title}
                  </Text>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                Nothing to do right now. Documents to upload and offers to review will show here.
              </Text>
            )}
          </Card>
        </SimpleGrid>
      )}

      <Suspense fallback={<CalculatorPlaceholder />}>
        <PaymentCalculator />
      </Suspense>

      <YourLenders />
    </Stack>
  );
}

function CalculatorPlaceholder() {
  return (
    <Card withBorder padding="lg" component="section" aria-label="What would my payment be?" aria-busy>
      <Title order={2} size="h4" mb="md">
        What would my payment be?
      </Title>
      <Skeleton height={220} />
    </Card>
  );
}

function YourLenders() {
  const { accesses, active, setActiveOrganization } = useOrganizations();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="lenders-title">
      <Title order={2} size="h4" id="lenders-title" mb="xs">
        Your lenders
      </Title>
      <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {accesses.map((access) => {
          const isActive = access.organizationId === active?.organizationId;
          // Two lenders may share a name: the city or the link name tells them apart.
          const hint = organizationHint(access, accesses);
          const label = organizationLabel(access, accesses);
          return (
            <Group
              component="li"
              key={access.organizationId}
              justify="space-between"
              wrap="nowrap"
              py="xs"
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              <div style={{ minWidth: 0 }}>
                <TruncatedText fw={500}>{access.organizationName}</TruncatedText>
                {hint && (
                  <Text size="xs" c="dimmed" truncate>
                    {hint}
                  </Text>
                )}
              </div>
              {isActive ? (
                <Badge variant="light" style={{ flexShrink: 0 }}>
                  Current
                </Badge>
              ) : (
                <Button
                  size="xs"
                  variant="light"
                  style={{ flexShrink: 0 }}
                  onClick={() => {
                    setActiveOrganization(access.organizationId);
                    notifySuccess(`Switched to ${label}.`);
                  }}
                  aria-label={`Switch to ${label}`}
                >
                  Switch
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
      <Text size="xs" c="dimmed" mt="xs">
        To work with another lender, open the apply link they gave you.
      </Text>
    </Card>
  );
}
