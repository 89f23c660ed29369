import { Alert, Anchor, Button, Card, Container, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAuth } from '../auth/context.ts';
import { usePortalConfig } from '../config.tsx';
import { PendingInvitations } from '../invitations/PendingInvitations.tsx';
import { useOrganizations } from '../org/OrganizationProvider.tsx';
import { usePageTitle } from '../page-title.ts';
import { displayName } from '../people.ts';
import { SimpleHeader } from './SimpleHeader.tsx';

function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Signed in, but no active access to this portal in any organization: say why (never had one, or
 * it was turned off — said once, plainly), how to get one, and where else this account can go.
 */
export function NoAccessPage() {
  const { portal, borrowerPortalUrl, lenderPortalUrl } = usePortalConfig();
  const { me } = useOrganizations();
  const { signOut } = useAuth();
  const email = me?.user.email ?? 'your email address';
  const otherPortal = portal === 'lender' ? 'borrower' : 'lender';
  const otherPortalUrl = portal === 'lender' ? borrowerPortalUrl : lenderPortalUrl;
  const hasOtherPortal = me?.accesses.some((a) => a.portal === otherPortal);
  // Distinct organizations whose access to this portal was turned off.
  const turnedOff = [
    ...new Set(
      (me?.deactivatedAccesses ?? []).filter((a) => a.portal === portal).map((a) => a.organizationName),
    ),
  ];
  const title =
    turnedOff.length > 0
      ? 'Your access was turned off'
      : portal === 'lender'
        ? 'You are not part of a lending company yet'
        : 'You are not connected to a lender yet';
  usePageTitle(title, { withOrganization: false });

  return (
    <>
      <SimpleHeader />
      <Container component="main" size={620} py={{ base: 'lg', sm: 56 }}>
        <Card withBorder padding="xl" radius="md">
          <Stack gap="md">
            <Title order={1} size="h2">
              {title}
            </Title>
            {me && (
              <Text>
                Signed in as {displayName(me.user)} ({me.user.email}).
              </Text>
            )}
            {turnedOff.length > 0 ? (
              <Text>
                {portal === 'lender'
                  ? `An admin of ${joinNames(turnedOff)} turned off your access to the lender portal. Ask an admin there to turn it back on.`
                  : `${joinNames(turnedOff)} turned off your access to the borrower portal. Contact ${turnedOff.length === 1 ? 'them' : 'the lender'} to have it restored: opening their apply link again does not turn it back on.`}
              </Text>
            ) : (
              <Text>This account has no access to the {portal} portal yet.</Text>
            )}
            {portal === 'lender' ? (
              <>
                <Text fw={600}>
                  {turnedOff.length > 0 ? 'Otherwise, you can:' : 'To get access, either:'}
                </Text>
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
                <Text fw={600}>
                  {turnedOff.length > 0 ? 'To work with another lender, either:' : 'To get access, either:'}
                </Text>
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
            {hasOtherPortal && (
              <Alert color="blue" variant="light" title={`You have access to the ${otherPortal} portal`}>
                <Anchor href={otherPortalUrl}>Sign in to the {otherPortal} portal instead</Anchor>.
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
