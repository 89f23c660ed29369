import type { RouterOutputs } from '@lending/core/router';
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmModal } from '../components/ConfirmModal.tsx';
import { PortalBadge } from '../components/PortalBadge.tsx';
import { usePortalConfig } from '../config.tsx';
import { notifyError, notifySuccess } from '../notify.ts';
import { useOrganizations } from '../org/OrganizationProvider.tsx';
import { roleLabel } from '../org/OrgSwitcher.tsx';
import { formatDate, withArticle } from '../people.ts';
import { useTRPC } from '../trpc.ts';

type MyInvitation = RouterOutputs['invitations']['mine']['invitations'][number];

/** After accepting: reload the accesses, make the organization active here, go home. */
export function useAfterAccept() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { setActiveOrganization } = useOrganizations();
  const { portal } = usePortalConfig();
  const navigate = useNavigate();
  return async (result: RouterOutputs['invitations']['accept']) => {
    await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.invitations.mine.queryKey() });
    if (result.portal === portal) {
      setActiveOrganization(result.organization.id);
      navigate('/', { replace: true });
    }
    notifySuccess(
      result.outcome === 'already-member' || result.outcome === 'already-accepted'
        ? `You already have access to ${result.organization.name}.`
        : result.portal === portal
          ? `You joined ${result.organization.name} as ${withArticle(roleLabel(result.role).toLowerCase())}.`
          : `You joined ${result.organization.name} in the ${result.portal} portal: open that portal to use it.`,
      'Invitation accepted',
    );
  };
}

/**
 * The signed-in person's pending invitations, each with Accept and Decline. Shown on the no-access
 * page and the home pages; renders nothing when there are none (or while loading).
 */
export function PendingInvitations({ title = 'Your invitations' }: { title?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery({ ...trpc.invitations.mine.queryOptions(), staleTime: 0 });
  const afterAccept = useAfterAccept();
  const { portal } = usePortalConfig();
  const [declining, setDeclining] = useState<MyInvitation | null>(null);
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: afterAccept,
      onError: (error) => notifyError(error, 'Could not accept the invitation'),
    }),
  );
  const decline = useMutation(
    trpc.invitations.decline.mutationOptions({
      onSuccess: () => {
        notifySuccess('Invitation declined.');
        setDeclining(null);
        void queryClient.invalidateQueries({ queryKey: trpc.invitations.mine.queryKey() });
      },
      onError: (error) => notifyError(error, 'Could not decline the invitation'),
    }),
  );

  if (!mine.isSuccess) return null;
  if (!mine.data.emailVerified && mine.data.email) {
    return (
      <Alert color="yellow" title="Your email address is not verified">
        Invitations sent to {mine.data.email} appear here once the address is verified.
      </Alert>
    );
  }
  // Each portal answers its own invitations (accepting sends the portal, and the API checks it).
  const here = mine.data.invitations.filter((i) => i.portal === portal);
  const elsewhere = mine.data.invitations.length - here.length;
  const otherPortal = portal === 'lender' ? 'borrower' : 'lender';
  if (mine.data.invitations.length === 0) return null;

  return (
    <Stack gap="sm" component="section" aria-labelledby="pending-invitations-title">
      <Title order={2} size="h4" id="pending-invitations-title">
        {title}
      </Title>
      {elsewhere > 0 && (
        <Text size="sm" c="dimmed">
          You also have {elsewhere === 1 ? 'an invitation' : `${elsewhere} invitations`} to the {otherPortal}{' '}
          portal: open its link, or sign in to the {otherPortal} portal, to answer.
        </Text>
      )}
      {here.map((invitation) => (
        <Card key={invitation.id} withBorder padding="md" radius="md">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text fw={600} truncate="end" style={{ minWidth: 0 }}>
                {invitation.organizationName}
              </Text>
              <PortalBadge portal={invitation.portal} />
            </Group>
            <Text size="sm">
              {invitation.inviterName ? `${invitation.inviterName} invited you` : 'You are invited'} as{' '}
              {withArticle(roleLabel(invitation.role).toLowerCase())}. Expires{' '}
              {formatDate(invitation.expiresAt)}.
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                loading={
                  accept.isPending &&
                  accept.variables &&
                  'invitationId' in accept.variables &&
                  accept.variables.invitationId === invitation.id
                }
                onClick={() => accept.mutate({ invitationId: invitation.id, portal })}
                aria-label={`Accept the invitation from ${invitation.organizationName}`}
              >
                Accept
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => setDeclining(invitation)}
                aria-label={`Decline the invitation from ${invitation.organizationName}`}
              >
                Decline
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
      <ConfirmModal
        opened={declining !== null}
        title="Decline the invitation?"
        confirmLabel="Decline"
        loading={decline.isPending}
        onClose={() => setDeclining(null)}
        onConfirm={() => declining && decline.mutate({ invitationId: declining.id })}
      >
        {declining && (
          <>
            You will not join <strong>{declining.organizationName}</strong>. They can invite you again later.
          </>
        )}
      </ConfirmModal>
    </Stack>
  );
}
