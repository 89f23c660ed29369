import { Alert, Button, Card, Container, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAuth } from '../auth/context.ts';
import { usePortalConfig } from '../config.tsx';
import { useDocumentTitle } from '../document-title.ts';
import { PendingInvitations } from '../invitations/PendingInvitations.tsx';
import { useOrganizations } from '../org/OrganizationProvider.tsx';
import { displayName } from '../people.ts';
import { SimpleHeader } from './SimpleHeader.tsx';

/** Signed in, but no access to this portal in any organization: say so, and how to get it. */
export function NoAccessPage() {
  useDocumentTitle('No access yet');
  const { portal, borrowerPortalUrl } = usePortalConfig();
  const { me } = useOrganizations();
  const { signOut } = useAuth();
  const email = me?.user.email ?? 'your email address';
  const otherPortal = me?.accesses.some((a) => a.portal !== portal);

  return (
    <>
      <SimpleHeader />
      <Container component="main" size={620} py={{ base: 'lg', sm: 56 }}>
        <Card withBorder padding="xl" radius="md">
          <Stack gap="md">
            <Title order={1} size="h2">
              {portal === 'lender'
                ? 'You are not part of a lending company yet'
                : 'You are not connected to a lender yet'}
            </Title>
            <Text>
              {me ? `Signed in as ${displayName(me.user)} (${me.user.email}). ` : ''}
              This account has no access to the {portal} portal yet.
            </Text>
            {portal === 'lender' ? (
              <>
                <Text fw={600}>To get access, either:</Text>
                <List spacing="xs">
                  <List.Item>
                    create your lending company — you become its admin and can invite your team, or
                  </List.Item>
                  <List.Item>
                    ask an admin of your lending company to invite <strong>{email}</strong>: you get an email
                    with a link, and the invitation appears on this page to accept.
                  </List.Item>
                </List>
                <Group>
                  <Button component={Link} to="/onboarding">
                    Create your lending company
                  </Button>
                </Group>
              </>
            ) : (
              <>
                <Text fw={600}>To get access, either:</Text>
                <List spacing="xs">
                  <List.Item>
                    open your lender&apos;s apply link — it looks like{' '}
                    <Text span ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
                      {borrowerPortalUrl.replace(/\/$/, '')}/apply/&lt;lender&gt;
                    </Text>
                    , or
                  </List.Item>
                  <List.Item>
                    ask your lender to invite <strong>{email}</strong>: you get an email with a link, and the
                    invitation appears on this page to accept.
                  </List.Item>
                </List>
              </>
            )}
            <PendingInvitations title="Invitations waiting for you" />
            {otherPortal && (
              <Alert color="blue" variant="light">
                This account has access to the {portal === 'lender' ? 'borrower' : 'lender'} portal: sign in
                there instead.
              </Alert>
            )}
            <Group>
              <Button variant="default" onClick={() => signOut()}>
                Sign out
              </Button>
            </Group>
          </Stack>
        </Card>
      </Container>
    </>
  );
}
