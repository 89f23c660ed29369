import type { RouterOutputs } from '@lending/core/router';
import {
  ConfirmModal,
  EmptyState,
  formatDate,
  notifyError,
  notifySuccess,
  PortalBadge,
  QueryFallback,
  roleLabel,
  useTRPC,
} from '@lending/ui';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { deliverySentence, InviteLinkResult, type InviteResult } from './InviteModal.tsx';
import { useInvalidateTeam } from './use-invalidate-team.ts';

type Invitation = RouterOutputs['team']['listInvitations']['invitations'][number];

const statusLabels: Record<Invitation['status'], { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'yellow' },
  redeemed: { label: 'Accepted', color: 'teal' },
  declined: { label: 'Declined', color: 'gray' },
  cancelled: { label: 'Cancelled', color: 'gray' },
  expired: { label: 'Expired', color: 'gray' },
};
const order: Record<Invitation['status'], number> = {
  pending: 0,
  expired: 1,
  redeemed: 2,
  declined: 3,
  cancelled: 4,
};

export function InvitationsPanel({ isAdmin, onInvite }: { isAdmin: boolean; onInvite: () => void }) {
  const trpc = useTRPC();
  const isPhone = useMediaQuery('(max-width: 48em)');
  // Others change these (an invitee accepts or declines): fetch afresh whenever the tab opens.
  const invitations = useQuery({
    ...trpc.team.listInvitations.queryOptions(),
    staleTime: 0,
    refetchInterval: 30_000,
  });
  const invalidate = useInvalidateTeam();
  const [cancelling, setCancelling] = useState<Invitation | null>(null);
  const [resent, setResent] = useState<InviteResult | null>(null);
  const cancel = useMutation(
    trpc.team.cancelInvitation.mutationOptions({
      onSuccess: () => {
        notifySuccess('Invitation cancelled. Its link no longer works.');
        setCancelling(null);
        void invalidate();
      },
      onError: (error) => notifyError(error, 'Could not cancel the invitation'),
    }),
  );
  const resend = useMutation(
    trpc.team.resendInvitation.mutationOptions({
      onSuccess: (result) => {
        setResent(result);
        notifySuccess(
          `${result.invitation.email}: ${deliverySentence(result).title.toLowerCase()}.`,
          'Invitation',
        );
        void invalidate();
      },
      onError: (error) => notifyError(error, 'Could not resend the invitation'),
    }),
  );

  if (!invitations.isSuccess) return <QueryFallback query={invitations} noun="invitations" />;
  if (invitations.data.invitations.length === 0) {
    return (
      <EmptyState
        title="No invitations yet"
        action={
          isAdmin && (
            <Button variant="light" onClick={onInvite}>
              Invite someone
            </Button>
          )
        }
      >
        Invite people by email. They get a link, and nothing is granted until they sign in with that address
        and accept.
      </EmptyState>
    );
  }
  const rows = [...invitations.data.invitations].sort(
    (a, b) => order[a.status] - order[b.status] || b.createdAt.localeCompare(a.createdAt),
  );
  const canAct = (i: Invitation) => isAdmin && (i.status === 'pending' || i.status === 'expired');
  const actions = (invitation: Invitation) =>
    canAct(invitation) && (
      <Group gap={4} wrap="nowrap">
        <Button
          size="xs"
          variant="subtle"
          loading={resend.isPending && resend.variables?.invitationId === invitation.id}
          onClick={() => resend.mutate({ invitationId: invitation.id })}
          aria-label={`Resend the invitation of ${invitation.email}`}
        >
          Resend
        </Button>
        {invitation.status === 'pending' && (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => setCancelling(invitation)}
            aria-label={`Cancel the invitation of ${invitation.email}`}
          >
            Cancel
          </Button>
        )}
      </Group>
    );
  const email = (invitation: Invitation) => (
    <Tooltip label={invitation.email} openDelay={400} multiline maw={360} style={{ wordBreak: 'break-all' }}>
      <Text size="sm" truncate="end">
        {invitation.email}
      </Text>
    </Tooltip>
  );
  const status = (invitation: Invitation) => (
    <Badge variant="light" color={statusLabels[invitation.status].color}>
      {statusLabels[invitation.status].label}
    </Badge>
  );

  return (
    <>
      {isPhone ? (
        <Stack gap="xs" role="list" aria-label="Invitations">
          {rows.map((invitation) => (
            <Card key={invitation.id} withBorder padding="sm" role="listitem">
              <Stack gap={6}>
                {email(invitation)}
                <Group gap="xs">
                  <PortalBadge portal={invitation.portal} />
                  <Text size="sm">{roleLabel(invitation.role)}</Text>
                  {status(invitation)}
                </Group>
                {invitation.status === 'pending' && (
                  <Text size="xs" c="dimmed">
                    Expires {formatDate(invitation.expiresAt)}
                  </Text>
                )}
                {actions(invitation)}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table
          verticalSpacing="sm"
          highlightOnHover
          aria-label="Invitations"
          style={{ tableLayout: 'fixed' }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ width: '36%' }}>Email</Table.Th>
              <Table.Th style={{ width: 130 }}>Portal</Table.Th>
              <Table.Th style={{ width: 120 }}>Role</Table.Th>
              <Table.Th style={{ width: 120 }}>Status</Table.Th>
              <Table.Th visibleFrom="md" style={{ width: 130 }}>
                Expires
              </Table.Th>
              {isAdmin && (
                <Table.Th style={{ width: 190 }}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((invitation) => (
              <Table.Tr key={invitation.id}>
                <Table.Td>{email(invitation)}</Table.Td>
                <Table.Td>
                  <PortalBadge portal={invitation.portal} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{roleLabel(invitation.role)}</Text>
                </Table.Td>
                <Table.Td>{status(invitation)}</Table.Td>
                <Table.Td visibleFrom="md">
                  <Text size="sm">
                    {invitation.status === 'pending' ? formatDate(invitation.expiresAt) : '—'}
                  </Text>
                </Table.Td>
                {isAdmin && <Table.Td>{actions(invitation)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmModal
        opened={cancelling !== null}
        title="Cancel the invitation?"
        confirmLabel="Cancel invitation"
        loading={cancel.isPending}
        onClose={() => setCancelling(null)}
        onConfirm={() => cancelling && cancel.mutate({ invitationId: cancelling.id })}
      >
        {cancelling && (
          <>
            <strong style={{ wordBreak: 'break-all' }}>{cancelling.email}</strong> will not get access through
            this invitation, and its link stops working. You can invite them again later.
          </>
        )}
      </ConfirmModal>
      <Modal opened={resent !== null} onClose={() => setResent(null)} title="Invitation" centered>
        {resent && (
          <Stack gap="md">
            <InviteLinkResult result={resent} />
            <Group justify="flex-end">
              <Button onClick={() => setResent(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
