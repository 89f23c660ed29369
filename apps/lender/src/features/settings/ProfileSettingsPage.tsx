import {
  displayName,
  organizationHint,
  PageHeader,
  roleLabel,
  TruncatedText,
  useAuth,
  useIsPhone,
  useOrganizations,
} from '@lending/ui';
import { Badge, Card, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { SettingsTabs } from './SettingsTabs.tsx';

/** Settings → Your profile: the signed-in person and every access they hold. */
export default function ProfileSettingsPage() {
  const { me } = useOrganizations();
  const { mode } = useAuth();
  if (!me) return null;
  return (
    <Stack gap="lg">
      <PageHeader title="Settings" description="Your profile and access." documentTitle="Your profile" />
      <SettingsTabs />
      <Card withBorder padding="lg" component="section" aria-labelledby="profile-title">
        <Title order={2} size="h4" id="profile-title" mb="xs">
          Profile
        </Title>
        <TruncatedText fw={600}>{displayName(me.user)}</TruncatedText>
        <TruncatedText size="sm" c="dimmed">
          {me.user.email ?? ''}
        </TruncatedText>
        <Text size="sm" c="dimmed" mt="xs">
          {mode === 'clerk'
            ? 'Your name, email, password and sessions are managed in your account menu (top right).'
            : 'Local mode: this user comes from the API’s local identity provider.'}
        </Text>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="access-title">
        <Title order={2} size="h4" id="access-title" mb="xs">
          Your access
        </Title>
        <AccessList accesses={me.accesses} />
      </Card>
    </Stack>
  );
}

type Access = NonNullable<ReturnType<typeof useOrganizations>['me']>['accesses'][number];

function PortalBadge({ portal }: { portal: Access['portal'] }) {
  return (
    <Badge variant="light" color={portal === 'lender' ? 'brand' : 'grape'}>
      {portal}
    </Badge>
  );
}

/** The name, and under it what tells it apart from a namesake (city or link name), if any. */
function OrganizationName({
  access,
  accesses,
  ...textProps
}: {
  access: Access;
  accesses: Access[];
  fw?: number;
  size?: string;
}) {
  const hint = organizationHint(access, accesses);
  return (
    <>
      <TruncatedText {...textProps}>{access.organizationName}</TruncatedText>
      {hint && (
        <Text size="xs" c="dimmed" truncate>
          {hint}
        </Text>
      )}
    </>
  );
}

/** A table on wider screens; on a phone, one card per access (nothing to scroll sideways). */
function AccessList({ accesses }: { accesses: Access[] }) {
  const isPhone = useIsPhone();
  if (isPhone) {
    return (
      <Stack
        gap="xs"
        component="ul"
        aria-labelledby="access-title"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {accesses.map((access) => (
          <Paper
            component="li"
            key={`${access.organizationId}:${access.portal}`}
            withBorder
            p="sm"
            radius="md"
          >
            <OrganizationName access={access} accesses={accesses} fw={600} />
            <Group gap="xs" mt={4}>
              <PortalBadge portal={access.portal} />
              <Text size="sm">{roleLabel(access.role)}</Text>
            </Group>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped aria-labelledby="access-title" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="55%">Organization</Table.Th>
            <Table.Th>Portal</Table.Th>
            <Table.Th>Role</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accesses.map((access) => (
            <Table.Tr key={`${access.organizationId}:${access.portal}`}>
              <Table.Td>
                <OrganizationName access={access} accesses={accesses} size="sm" />
              </Table.Td>
              <Table.Td>
                <PortalBadge portal={access.portal} />
              </Table.Td>
              <Table.Td>{roleLabel(access.role)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
