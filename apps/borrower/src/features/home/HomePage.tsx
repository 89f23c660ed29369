import {
  displayName,
  ErrorState,
  formatMoney,
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
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';

// Its own chunk: the loan-terms schema (zod refinements, a Temporal polyfill) is not needed to show the rest.
const PaymentCalculator = lazy(() => import('../../calculator/PaymentCalculator.tsx'));

export default function HomePage() {
  const active = useActiveOrganization();
  const { me } = useOrganizations();
  const firstName = me?.user.firstName || (me ? displayName(me.user) : '');

  return (
    <Stack gap="lg">
      <PageHeader
        title={firstName ? `Welcome, ${firstName}` : 'Welcome'}
        documentTitle="Home"
        description={`Your loans and applications with ${active.organizationName}.`}
      />
      <PendingInvitations title="Invitations waiting for you" />

      <HomeCards />

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

const TASK_BY_STATUS: Record<string, (reference: string) => string> = {
  draft: (r) => `Finish and submit application ${r}`,
  offered: (r) => `Review the offer on application ${r}`,
};

/** Next payment (from the loans) and open tasks (from the applications), as the API gives them. */
function HomeCards() {
  const trpc = useTRPC();
  const loans = useQuery(trpc.loans.mine.queryOptions());
  const applications = useQuery(trpc.applications.mine.queryOptions());
  const failed = loans.isError ? loans : applications.isError ? applications : null;
  if (failed)
    return (
      <ErrorState
        error={failed.error}
        title="Could not load your home page"
        onRetry={() => failed.refetch()}
      />
    );
  const next = (loans.data?.loans ?? [])
    .flatMap((l) => (l.nextPayment ? [{ loan: l, payment: l.nextPayment }] : []))
    // The most overdue loan first, then the earliest due date.
    .sort(
      (a, b) =>
        b.payment.daysPastDue - a.payment.daysPastDue || a.payment.dueDate.localeCompare(b.payment.dueDate),
    )[0];
  const tasks = (applications.data?.applications ?? []).flatMap((a) => {
    const task = TASK_BY_STATUS[a.status];
    return task ? [{ id: a.id, title: task(a.reference) }] : [];
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Card withBorder padding="lg" component="section" aria-labelledby="next-payment-title">
        <Title order={2} size="h4" id="next-payment-title" mb="xs">
          Next payment
        </Title>
        {loans.isPending ? (
          <Skeleton height={40} />
        ) : next ? (
          <>
            <Text size="xl" fw={700}>
              {formatMoney(next.payment.amountDue)}
            </Text>
            {next.payment.daysPastDue > 0 ? (
              <Text size="sm" c="red.8" fw={600}>
                {next.payment.daysPastDue} {next.payment.daysPastDue === 1 ? 'day' : 'days'} past due —
                includes {formatMoney(next.payment.pastDue)} past due
              </Text>
            ) : null}
            <Text size="sm" c="dimmed">
              Next installment due {formatPlainDate(next.payment.dueDate)} on loan{' '}
              <Anchor component={Link} to={`/loans/${next.loan.id}`}>
                {next.loan.reference}
              </Anchor>
            </Text>
            <Anchor component={Link} to={`/payments/${next.loan.id}`} size="sm">
              Make a payment
            </Anchor>
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
        {applications.isPending ? (
          <Skeleton height={40} />
        ) : tasks.length > 0 ? (
          <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
            {tasks.map((task) => (
              <Text component="li" key={task.id} size="sm">
                <Anchor component={Link} to={`/applications/${task.id}`}>
                  {task.title}
                </Anchor>
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
  );
}
