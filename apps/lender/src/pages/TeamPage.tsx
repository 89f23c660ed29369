import {
  type InviteMemberInput,
  inviteMemberInput,
  LENDER_ROLES,
  type Portal,
  type Role,
} from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import {
  applyFieldErrors,
  ConfirmModal,
  displayName,
  EmptyState,
  ErrorState,
  formatDate,
  formatDateTime,
  formatError,
  initials,
  notifyError,
  notifySuccess,
  PageHeader,
  roleLabel,
  useActiveOrganization,
  useAuth,
  useOrganizations,
  useTRPC,
} from '@lending/ui';
import {
  Alert,
  Avatar,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { type UseQueryResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';

type Member = RouterOutputs['team']['listMembers']['members'][number];
type Invitation = RouterOutputs['team']['listInvitations']['invitations'][number];
type Session = RouterOutputs['team']['listSessions']['sessions'][number];

const roleDescriptions: Record<Role, string> = {
  admin: 'Everything, including team, products, settings and funding approval.',
  underwriter: 'Pipeline, underwriting, conditions, offers, approve and decline.',
  servicer: 'Payments, reversals, draws, inspections and payoffs.',
  viewer: 'Reads everything in the organization, changes nothing.',
  borrower: 'Their own applications and loans with this organization.',
};

const lenderRoleOptions = LENDER_ROLES.map((role) => ({ value: role, label: roleLabel(role) }));
const portalOptions = [
  { value: 'lender', label: 'Lender portal (staff)' },
  { value: 'borrower', label: 'Borrower portal' },
];

function useInvalidateTeam() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() });
}

function PortalBadge({ portal }: { portal: Portal }) {
  return (
    <Badge variant="light" color={portal === 'lender' ? 'brand' : 'grape'}>
      {portal === 'lender' ? 'Lender' : 'Borrower'}
    </Badge>
  );
}

function Person({
  person,
}: {
  person: {
    email: string | null;
    firstName: string | null;
    lastName: string | null;
    imageUrl?: string | null;
  };
}) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar src={person.imageUrl || null} radius="xl" size="sm" color="brand" alt="">
        {initials(person)}
      </Avatar>
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} truncate>
          {displayName(person)}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {person.email}
        </Text>
      </div>
    </Group>
  );
}

function TableSkeleton({ label }: { label: string }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label={label}>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} height={44} />
      ))}
    </Stack>
  );
}

/** What a panel shows until its list has loaded: a skeleton, or the error with a retry. */
function QueryFallback({ query, noun }: { query: UseQueryResult<unknown, unknown>; noun: string }) {
  if (query.isError) {
    return (
      <ErrorState error={query.error} title={`Could not load the ${noun}`} onRetry={() => query.refetch()} />
    );
  }
  return <TableSkeleton label={`Loading ${noun}`} />;
}

export default function TeamPage() {
  const active = useActiveOrganization();
  const isAdmin = active.role === 'admin';
  const [inviteOpened, invite] = useDisclosure(false);
  const [tab, setTab] = useState<string | null>('members');

  return (
    <Stack gap="lg">
      <PageHeader
        title="Team"
        description={`The people with access to ${active.organizationName}.`}
        actions={isAdmin && <Button onClick={invite.open}>Invite member</Button>}
      />
      {!isAdmin && (
        <Alert color="blue" variant="light" title="Read only">
          You are {active.role === 'admin' ? 'an' : 'a'} {roleLabel(active.role).toLowerCase()} here. Only
          admins can invite people, change roles, deactivate access and revoke sessions.
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">Members</Tabs.Tab>
          <Tabs.Tab value="invitations">Invitations</Tabs.Tab>
          {isAdmin && <Tabs.Tab value="sessions">Sessions</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="members" pt="md">
          <MembersPanel isAdmin={isAdmin} />
        </Tabs.Panel>
        <Tabs.Panel value="invitations" pt="md">
          <InvitationsPanel isAdmin={isAdmin} onInvite={invite.open} />
        </Tabs.Panel>
        {isAdmin && (
          <Tabs.Panel value="sessions" pt="md">
            <SessionsPanel />
          </Tabs.Panel>
        )}
      </Tabs>
      {isAdmin && (
        <InviteModal
          opened={inviteOpened}
          onClose={invite.close}
          onInvited={(redeemed) => {
            if (!redeemed) setTab('invitations');
          }}
        />
      )}
    </Stack>
  );
}

/* ───────────────────────── Members ───────────────────────── */

function MembersPanel({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const { me } = useOrganizations();
  const members = useQuery(trpc.team.listMembers.queryOptions());
  const [deactivating, setDeactivating] = useState<Member | null>(null);
  const invalidate = useInvalidateTeam();

  const changeRole = useMutation(
    trpc.team.changeRole.mutationOptions({
      onSuccess: (_data, input) => {
        notifySuccess(`Role changed to ${roleLabel(input.role)}.`);
        void invalidate();
      },
      onError: (error) => notifyError(error, 'Could not change the role'),
    }),
  );
  const setActive = useMutation(
    trpc.team.setAccessActive.mutationOptions({
      onSuccess: (_data, input) => {
        notifySuccess(input.isActive ? 'Access reactivated.' : 'Access deactivated.');
        setDeactivating(null);
        void invalidate();
      },
      onError: (error) => notifyError(error, 'Could not change the access'),
    }),
  );

  if (!members.isSuccess) return <QueryFallback query={members} noun="members" />;
  if (members.data.members.length === 0) return <EmptyState title="No members yet" />;

  const rows = [...members.data.members].sort(
    (a, b) =>
      a.portal.localeCompare(b.portal) * -1 ||
      Number(b.isActive) - Number(a.isActive) ||
      displayName(a).localeCompare(displayName(b)),
  );

  return (
    <>
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th>Portal</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th visibleFrom="md">Since</Table.Th>
              {isAdmin && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((member) => {
              const isSelf = member.userId === me?.user.id;
              const name = displayName(member);
              const canEdit = isAdmin && !isSelf;
              return (
                <Table.Tr key={`${member.userId}:${member.portal}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Person person={member} />
                      {isSelf && (
                        <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                          You
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <PortalBadge portal={member.portal} />
                  </Table.Td>
                  <Table.Td>
                    {canEdit && member.portal === 'lender' ? (
                      <Select
                        aria-label={`Role of ${name}`}
                        data={lenderRoleOptions}
                        value={member.role}
                        allowDeselect={false}
                        size="xs"
                        w={150}
                        disabled={changeRole.isPending && changeRole.variables?.userId === member.userId}
                        onChange={(role) => {
                          if (!role || role === member.role) return;
                          changeRole.mutate({
                            userId: member.userId,
                            portal: member.portal,
                            role: role as Role,
                          });
                        }}
                        comboboxProps={{ withinPortal: true }}
                      />
                    ) : (
                      <Text size="sm">{roleLabel(member.role)}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="dot" color={member.isActive ? 'teal' : 'gray'}>
                      {member.isActive ? 'Active' : 'Deactivated'}
                    </Badge>
                  </Table.Td>
                  <Table.Td visibleFrom="md">
                    <Text size="sm">{formatDate(member.grantedAt)}</Text>
                  </Table.Td>
                  {isAdmin && (
                    <Table.Td>
                      {isSelf ? (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      ) : member.isActive ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setDeactivating(member)}
                          aria-label={`Deactivate ${name}'s ${member.portal} access`}
                        >
                          Deactivate
                        </Button>
                      ) : (
                        <Button
                          size="xs"
                          variant="subtle"
                          loading={setActive.isPending && setActive.variables?.userId === member.userId}
                          onClick={() =>
                            setActive.mutate({ userId: member.userId, portal: member.portal, isActive: true })
                          }
                          aria-label={`Reactivate ${name}'s ${member.portal} access`}
                        >
                          Reactivate
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={deactivating !== null}
        title="Deactivate access?"
        confirmLabel="Deactivate"
        loading={setActive.isPending}
        onClose={() => setDeactivating(null)}
        onConfirm={() =>
          deactivating &&
          setActive.mutate({ userId: deactivating.userId, portal: deactivating.portal, isActive: false })
        }
      >
        {deactivating && (
          <>
            <strong>{displayName(deactivating)}</strong> loses access to the {deactivating.portal} portal of
            this organization at once. You can reactivate it later.
          </>
        )}
      </ConfirmModal>
    </>
  );
}

/* ───────────────────────── Invitations ───────────────────────── */

const statusColors: Record<Invitation['status'], string> = {
  pending: 'yellow',
  redeemed: 'teal',
  cancelled: 'gray',
  expired: 'gray',
};

function InvitationsPanel({ isAdmin, onInvite }: { isAdmin: boolean; onInvite: () => void }) {
  const trpc = useTRPC();
  const invitations = useQuery(trpc.team.listInvitations.queryOptions());
  const invalidate = useInvalidateTeam();
  const [cancelling, setCancelling] = useState<Invitation | null>(null);
  const cancel = useMutation(
    trpc.team.cancelInvitation.mutationOptions({
      onSuccess: () => {
        notifySuccess('Invitation cancelled.');
        setCancelling(null);
        void invalidate();
      },
      onError: (error) => notifyError(error, 'Could not cancel the invitation'),
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
              Invite member
            </Button>
          )
        }
      >
        Invite people by email. Someone who already has an account gets access at once; others get it when
        they sign up with that email.
      </EmptyState>
    );
  }
  const order = { pending: 0, redeemed: 1, expired: 2, cancelled: 3 } as const;
  const rows = [...invitations.data.invitations].sort(
    (a, b) => order[a.status] - order[b.status] || b.createdAt.localeCompare(a.createdAt),
  );

  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Invitations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Portal</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th visibleFrom="sm">Expires</Table.Th>
              {isAdmin && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((invitation) => (
              <Table.Tr key={invitation.id}>
                <Table.Td>
                  <Text size="sm">{invitation.email}</Text>
                </Table.Td>
                <Table.Td>
                  <PortalBadge portal={invitation.portal} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{roleLabel(invitation.role)}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={statusColors[invitation.status]}>
                    {invitation.status}
                  </Badge>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">
                    {invitation.status === 'pending' ? formatDate(invitation.expiresAt) : '—'}
                  </Text>
                </Table.Td>
                {isAdmin && (
                  <Table.Td>
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
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
            <strong>{cancelling.email}</strong> will not get access through this invitation. You can invite
            them again later.
          </>
        )}
      </ConfirmModal>
    </>
  );
}

/* ───────────────────────── Sessions ───────────────────────── */

function SessionsPanel() {
  const trpc = useTRPC();
  const { sessionId: currentSessionId } = useAuth();
  const sessions = useQuery(trpc.team.listSessions.queryOptions());
  const invalidate = useInvalidateTeam();
  const [revoking, setRevoking] = useState<Session | null>(null);
  const revoke = useMutation(
    trpc.team.revokeSession.mutationOptions({
      onSuccess: () => {
        notifySuccess('Session revoked. That device is signed out.');
        setRevoking(null);
        void invalidate();
      },
      onError: (error) => notifyError(error, 'Could not revoke the session'),
    }),
  );

  if (!sessions.isSuccess) return <QueryFallback query={sessions} noun="sessions" />;
  if (sessions.data.sessions.length === 0) {
    return <EmptyState title="No active sessions">Nobody on the team is signed in right now.</EmptyState>;
  }
  const rows = [...sessions.data.sessions].sort((a, b) =>
    (b.lastActiveAt ?? '').localeCompare(a.lastActiveAt ?? ''),
  );

  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        Signed-in sessions of this organization&apos;s members. Revoking one signs that device out at once.
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th>Signed in</Table.Th>
              <Table.Th>Last active</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((session) => {
              const isCurrent = session.id === currentSessionId;
              return (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Person person={session} />
                      {isCurrent && (
                        <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                          This session
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(session.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(session.lastActiveAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setRevoking(session)}
                      aria-label={`Revoke the session of ${displayName(session)} started ${formatDateTime(session.createdAt)}`}
                    >
                      Revoke
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke this session?"
        confirmLabel="Revoke session"
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate({ sessionId: revoking.id })}
      >
        {revoking && (
          <>
            <strong>{displayName(revoking)}</strong> is signed out of the session started{' '}
            {formatDateTime(revoking.createdAt)}.
            {revoking.id === currentSessionId &&
              ' This is the session you are using now: you will be signed out.'}
          </>
        )}
      </ConfirmModal>
    </>
  );
}

/* ───────────────────────── Invite ───────────────────────── */

function InviteModal({
  opened,
  onClose,
  onInvited,
}: {
  opened: boolean;
  onClose: () => void;
  onInvited: (redeemedImmediately: boolean) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateTeam();
  const invite = useMutation(trpc.team.invite.mutationOptions());
  const form = useForm<InviteMemberInput>({
    initialValues: { email: '', portal: 'lender', role: 'viewer' },
    validate: zod4Resolver(inviteMemberInput),
    validateInputOnBlur: ['email'],
    onValuesChange: (values, previous) => {
      if (values.portal !== previous.portal) {
        form.setFieldValue('role', values.portal === 'borrower' ? 'borrower' : 'viewer');
      }
    },
  });
  const close = () => {
    form.reset();
    invite.reset();
    onClose();
  };
  const roleOptions =
    form.values.portal === 'borrower' ? [{ value: 'borrower', label: 'Borrower' }] : lenderRoleOptions;

  return (
    <Modal opened={opened} onClose={close} title="Invite a member" centered size="md">
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          try {
            const result = await invite.mutateAsync(inviteMemberInput.parse(values));
            notifySuccess(
              result.redeemedImmediately
                ? `${values.email} already has an account and now has access.`
                : `Invitation sent to ${values.email}. It is pending until they sign up.`,
              result.redeemedImmediately ? 'Access granted' : 'Invitation sent',
            );
            void invalidate();
            onInvited(result.redeemedImmediately);
            close();
          } catch (error) {
            applyFieldErrors(form, error);
          }
        })}
      >
        <Stack gap="md">
          <TextInput
            label="Email"
            type="email"
            placeholder="name@company.com"
            required
            data-autofocus
            {...form.getInputProps('email')}
          />
          <Select
            label="Portal"
            data={portalOptions}
            allowDeselect={false}
            required
            {...form.getInputProps('portal')}
          />
          <Select
            label="Role"
            data={roleOptions}
            allowDeselect={false}
            required
            description={roleDescriptions[form.values.role as Role]}
            {...form.getInputProps('role')}
          />
          {invite.isError && Object.keys(form.errors).length === 0 && (
            <Alert color="red" title="Could not invite" role="alert">
              {formatError(invite.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={invite.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
