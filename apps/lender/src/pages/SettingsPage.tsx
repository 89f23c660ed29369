import { displayName, PageHeader, roleLabel, useAuth, useOrganizations } from '@lending/ui';
import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';

/** The signed-in person: profile and every access they hold. */
export default function SettingsPage() {
  const { me } = useOrganizations();
  const { mode } = useAuth();
  if (!me) return null;
  return (
    <Stack gap="lg">
      <PageHeader title="Settings" description="Your profile and access." />
      <Card withBorder padding="lg" component="section" aria-labelledby="profile-title">
        <Title order={2} size="h4" id="profile-title" mb="xs">
          Profile
        </Title>
        <Text fw={600}>{displayName(me.user)}</Text>
        <Text size="sm" c="dimmed">
          {me.user.email}
        </Text>
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
        <Table.ScrollContainer minWidth={420}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Organization</Table.Th>
                <Table.Th>Portal</Table.Th>
                <Table.Th>Role</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {me.accesses.map((access) => (
                <Table.Tr key={`${access.organizationId}:${access.portal}`}>
                  <Table.Td>{access.organizationName}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={access.portal === 'lender' ? 'brand' : 'grape'}>
                      {access.portal}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{roleLabel(access.role)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </Stack>
  );
}
