import {
  displayName,
  notifySuccess,
  PageHeader,
  PendingInvitations,
  useActiveOrganization,
  useOrganizations,
  usePortalConfig,
} from '@lending/ui';
import {
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';

const comingSoon = [
  {
    title: 'Pipeline',
    text: 'Applications from draft to funded: a board and a table with filters, underwriting, conditions and offers.',
  },
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

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
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
