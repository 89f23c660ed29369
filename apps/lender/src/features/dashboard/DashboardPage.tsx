import {
  APPLICATION_STATUS_LABELS,
  displayName,
  ErrorState,
  notifySuccess,
  PageHeader,
  PendingInvitations,
  useActiveOrganization,
  useOrganizations,
  usePortalConfig,
  useTRPC,
} from '@lending/ui';
import {
  Anchor,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

const comingSoon = [
  {
    title: 'Portfolio',
    text: 'Unpaid principal, weighted average rate and LTV, delinquency buckets, the maturity ladder and collections.',
  },
  {
    title: 'Servicing',
    text: 'Payments and reversals, late fees, payoff quotes and construction draws, from one ledger.',
  },
];

export default function DashboardPage() {
  const active = useActiveOrganization();
  const { me } = useOrganizations();
  const { borrowerPortalUrl } = usePortalConfig();
  const applyLink = `${borrowerPortalUrl}/apply/${active.organizationSlug}`;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Dashboard"
        description={`Welcome${me ? `, ${me.user.firstName || displayName(me.user)}` : ''}. This is ${active.organizationName}.`}
      />
      <PendingInvitations title="Invitations waiting for you" />

      <Card withBorder padding="lg" component="section" aria-labelledby="apply-link-title">
        <Title order={2} size="h4" id="apply-link-title">
          Your public apply link
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Share it with borrowers: they sign in and join {active.organizationName} to start an application.
        </Text>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            aria-label="Public apply link"
            value={applyLink}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            style={{ flex: 1, minWidth: 0 }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <CopyButton value={applyLink} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                color={copied ? 'teal' : undefined}
                variant={copied ? 'filled' : 'light'}
                onClick={() => {
                  copy();
                  notifySuccess('The apply link is on your clipboard.');
                }}
                miw={110}
              >
                {copied ? 'Copied' : 'Copy link'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Card>

      <PipelineCard />

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {comingSoon.map((item) => (
          <Card key={item.title} withBorder padding="lg" component="section" aria-label={item.title}>
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4">
                {item.title}
              </Title>
              <Badge variant="light" color="gray">
                Coming soon
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {item.text}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

const FUNNEL = ['submitted', 'in_review', 'offered', 'accepted', 'approved', 'funded'] as const;

/** Real counts by status, each a link to the pipeline table filtered to it. */
function PipelineCard() {
  const trpc = useTRPC();
  const pipeline = useQuery(trpc.applications.pipeline.queryOptions({ page: 1, pageSize: 1 }));
  const counts = pipeline.data?.countsByStatus;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pipeline-card-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="pipeline-card-title">
          Pipeline
        </Title>
        <Anchor component={Link} to="/pipeline" size="sm">
          Open the board
        </Anchor>
      </Group>
      {pipeline.isError ? (
        <ErrorState
          error={pipeline.error}
          title="Could not load the pipeline"
          onRetry={() => pipeline.refetch()}
        />
      ) : !counts ? (
        <Skeleton height={56} />
      ) : (
        <SimpleGrid cols={{ base: 2, xs: 3, md: 6 }} spacing="xs">
          {FUNNEL.map((status) => (
            <UnstyledButton
              key={status}
              component={Link}
              to={`/pipeline?view=table&status=${status}`}
              aria-label={`${APPLICATION_STATUS_LABELS[status]}: ${counts[status]}`}
            >
              <Card withBorder padding="sm" radius="sm">
                <Text size="xl" fw={700}>
                  {counts[status]}
                </Text>
                <Text size="xs" c="dimmed">
                  {APPLICATION_STATUS_LABELS[status]}
                </Text>
              </Card>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      )}
      {counts && (
        <Text size="xs" c="dimmed" mt="xs">
          {counts.draft} drafts not yet submitted · {counts.declined} declined · {counts.withdrawn} withdrawn
        </Text>
      )}
    </Card>
  );
}
