import { Alert, Anchor, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../auth/context.ts';
import { ConfirmModal } from '../components/ConfirmModal.tsx';
import { SimpleHeader } from '../components/SimpleHeader.tsx';
import { FullPageLoader } from '../components/states.tsx';
import { usePortalConfig } from '../config.tsx';
import { errorCode, formatError } from '../errors.ts';
import { notifyError, notifySuccess } from '../notify.ts';
import { roleLabel } from '../org/OrgSwitcher.tsx';
import { usePageTitle } from '../page-title.ts';
import { formatDate, withArticle } from '../people.ts';
import { useTRPC } from '../trpc.ts';
import { useAfterAccept } from './PendingInvitations.tsx';

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SimpleHeader />
      <Container component="main" size={620} py={{ base: 'lg', sm: 56 }}>
        <Card withBorder padding="xl" radius="md">
          <Stack gap="md">{children}</Stack>
        </Card>
      </Container>
    </>
  );
}

/**
 * `/invitations/:token` (signed in; signed-out visitors sign in and come back here): who invited the
 * person where, with Accept and Decline. A link for another address, another portal, or one that is
 * used, expired or cancelled says so plainly and grants nothing.
 */
export function InvitationPage() {
  usePageTitle('Invitation', { withOrganization: false });
  const { token = '' } = useParams();
  const trpc = useTRPC();
  const { portal, borrowerPortalUrl } = usePortalConfig();
  const { signOut } = useAuth();
  const preview = useQuery({ ...trpc.invitations.preview.queryOptions({ token }), retry: false });
  const afterAccept = useAfterAccept();
  const [declining, setDeclining] = useState(false);
  const [declined, setDeclined] = useState(false);
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: afterAccept,
      onError: () => void preview.refetch(),
    }),
  );
  const decline = useMutation(
    trpc.invitations.decline.mutationOptions({
      onSuccess: () => {
        setDeclining(false);
        setDeclined(true);
        notifySuccess('Invitation declined.');
      },
      onError: (error) => notifyError(error, 'Could not decline the invitation'),
    }),
  );

  if (preview.isPending) return <FullPageLoader label="Loading the invitation" />;
  if (preview.isError) {
    return (
      <Shell>
        <Title order={1} size="h2">
          {errorCode(preview.error) === 'NOT_FOUND' || errorCode(preview.error) === 'BAD_REQUEST'
            ? 'This invitation link is not valid'
            : 'Could not load the invitation'}
        </Title>
        <Text>{formatError(preview.error)}</Text>
        <Group>
          <Button component={Link} to="/" variant="default">
            Go to the home page
          </Button>
        </Group>
      </Shell>
    );
  }

  const { invitation, addressedToYou, signedInEmail, emailVerified } = preview.data;
  const what =
    invitation.portal === 'lender'
      ? `join ${invitation.organizationName} as ${withArticle(roleLabel(invitation.role).toLowerCase())} in the lender portal`
      : `connect with ${invitation.organizationName} as a borrower`;
  const who = invitation.inviterName ? `${invitation.inviterName} invited you` : 'You are invited';
  const switchAccount = (
    <Group>
      <Button variant="default" onClick={() => signOut()}>
        Sign out and switch account
      </Button>
    </Group>
  );

  if (declined || invitation.status === 'declined') {
    return (
      <Shell>
        <Title order={1} size="h2">
          Invitation declined
        </Title>
        <Text>
          You declined the invitation to {invitation.organizationName}. Nothing was granted; they can invite
          you again later.
        </Text>
        <Group>
          <Button component={Link} to="/" variant="default">
            Go to the home page
          </Button>
        </Group>
      </Shell>
    );
  }

  if (!addressedToYou) {
    return (
      <Shell>
        <Title order={1} size="h2">
          This invitation is for someone else
        </Title>
        <Alert color="yellow" role="alert" title="Wrong account">
          {emailVerified
            ? `This invitation was sent to a different email address than the one you are signed in with${signedInEmail ? ` (${signedInEmail})` : ''}. Sign out, then sign in with the address the invitation was sent to.`
            : 'Your email address is not verified. Verify it, or sign in with the verified address the invitation was sent to.'}
        </Alert>
        {switchAccount}
      </Shell>
    );
  }

  if (invitation.status !== 'pending') {
    const reason = invitation.acceptedByYou
      ? 'You have already accepted this invitation.'
      : invitation.status === 'expired'
        ? `This invitation expired on ${formatDate(invitation.expiresAt)}. Ask ${invitation.organizationName} to send a new one.`
        : invitation.status === 'cancelled'
          ? `${invitation.organizationName} cancelled this invitation.`
          : 'This invitation has already been used.';
    return (
      <Shell>
        <Title order={1} size="h2">
          {invitation.acceptedByYou ? 'Invitation accepted' : 'This invitation can no longer be used'}
        </Title>
        <Text>{reason}</Text>
        <Group>
          <Button component={Link} to="/" variant={invitation.acceptedByYou ? 'filled' : 'default'}>
            Go to the home page
          </Button>
        </Group>
      </Shell>
    );
  }

  if (invitation.portal !== portal) {
    return (
      <Shell>
        <Title order={1} size="h2">
          Open this invitation in the {invitation.portal} portal
        </Title>
        <Text>
          {who} to {what}. This is the {portal} portal: open the link from the email in the{' '}
          {invitation.portal} portal to accept it.
        </Text>
        {invitation.portal === 'borrower' && (
          <Anchor href={`${borrowerPortalUrl.replace(/\/$/, '')}/invitations/${token}`}>
            Open it in the borrower portal
          </Anchor>
        )}
      </Shell>
    );
  }

  return (
    <Shell>
      <Title order={1} size="h2">
        You are invited to {invitation.organizationName}
      </Title>
      <Text>
        {who} to {what}.
      </Text>
      <Text size="sm" c="dimmed">
        Signed in as {signedInEmail}. Nothing is granted until you accept. The invitation expires{' '}
        {formatDate(invitation.expiresAt)}.
      </Text>
      {accept.isError && (
        <Alert color="red" role="alert" title="Could not accept the invitation">
          {formatError(accept.error)}
        </Alert>
      )}
      <Group>
        <Button loading={accept.isPending} onClick={() => accept.mutate({ token, portal })}>
          Accept invitation
        </Button>
        <Button variant="default" onClick={() => setDeclining(true)} disabled={accept.isPending}>
          Decline
        </Button>
      </Group>
      <ConfirmModal
        opened={declining}
        title="Decline the invitation?"
        confirmLabel="Decline"
        loading={decline.isPending}
        onClose={() => setDeclining(false)}
        onConfirm={() => decline.mutate({ token })}
      >
        You will not join <strong>{invitation.organizationName}</strong>. They can invite you again later.
      </ConfirmModal>
    </Shell>
  );
}

export default InvitationPage;
