import type { RouterOutputs } from '@lending/core/router';
import {
  ConfirmModal,
  displayName,
  EmptyState,
  formatDateTime,
  notifyError,
  notifySuccess,
  Person,
  QueryFallback,
  useAuth,
  useTRPC,
} from '@lending/ui';
import { Accordion, Badge, Button, Card, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useInvalidateTeam } from './use-invalidate-team.ts';

type Session = RouterOutputs['team']['listSessions']['sessions'][number];
type RevokeOutcome = RouterOutputs['team']['revokeSession']['outcome'];

const revokedMessages: Record<RevokeOutcome, string> = {
  revoked: 'Session revoked. That device is signed out.',
  'ended-locally': 'Clerk no longer knew this session, so it is ended here: its tokens are refused.',
  'revoked-locally':
    'Revoked here only: this API has no Clerk secret key, so Clerk still lists the session, but this API refuses its tokens from now on.',
  'already-ended': 'That session had already ended.',
};

function device(session: Session): string {
  const parts = [session.browser, session.deviceType].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'Unknown device';
}

function place(session: Session): string {
  const parts = [session.city, session.country].filter(Boolean);
  const where = parts.join(', ');
  if (where && session.ipAddress) return `${where} (${session.ipAddress})`;
  return where || session.ipAddress || 'Unknown location';
}

const endedLabel: Record<Session['status'], string> = {
  active: 'Active',
  ended: 'Ended',
  revoked: 'Revoked',
  removed: 'Removed',
  expired: 'Expired',
  abandoned: 'Abandoned',
};

/** Sessions of this organization's staff (active lender access): the live ones, and the last that ended. */
export function SessionsPanel() {
  const trpc = useTRPC();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const { sessionId: currentSessionId } = useAuth();
  const sessions = useQuery({ ...trpc.team.listSessions.queryOptions(), staleTime: 0 });
  const invalidate = useInvalidateTeam();
  const [revoking, setRevoking] = useState<Session | null>(null);
  const revoke = useMutation(
    trpc.team.revokeSession.mutationOptions({
      onSuccess: (result) => {
        notifySuccess(revokedMessages[result.outcome]);
        setRevoking(null);
        void invalidate();
      },
      onError: (error) => notifyError(error, 'Could not revoke the session'),
    }),
  );

  if (!sessions.isSuccess) return <QueryFallback query={sessions} noun="sessions" />;
  const { sessions: active, endedSessions } = sessions.data;

  const revokeButton = (session: Session) => (
    <Button
      size="xs"
      variant="subtle"
      color="red"
      onClick={() => setRevoking(session)}
      aria-label={`Revoke the session of ${displayName(session)} started ${formatDateTime(session.createdAt)}`}
    >
      Revoke
    </Button>
  );
  const thisSession = (session: Session) =>
    session.id === currentSessionId && (
      <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
        This session
      </Badge>
    );

  const sessionTable = (rows: Session[], live: boolean, label: string) =>
    isPhone ? (
      <Stack gap="xs" role="list" aria-label={label}>
        {rows.map((session) => (
          <Card key={session.id} withBorder padding="sm" role="listitem">
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Person person={session} maxWidth="100%" />
                {thisSession(session)}
              </Group>
              <Text size="sm">{device(session)}</Text>
              <Text size="xs" c="dimmed">
                {place(session)}
              </Text>
              <Text size="xs" c="dimmed">
                {live
                  ? `Signed in ${formatDateTime(session.createdAt)} · last active ${formatDateTime(session.lastActiveAt)}`
                  : `${endedLabel[session.status]} ${formatDateTime(session.revokedAt ?? session.endedAt)}`}
              </Text>
              {live && <Group justify="flex-end">{revokeButton(session)}</Group>}
            </Stack>
          </Card>
        ))}
      </Stack>
    ) : (
      <Table verticalSpacing="sm" highlightOnHover aria-label={label} style={{ tableLayout: 'fixed' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ width: '30%' }}>Staff member</Table.Th>
            <Table.Th>Device</Table.Th>
            <Table.Th visibleFrom="md">Location</Table.Th>
            <Table.Th style={{ width: 170 }}>{live ? 'Last active' : 'Ended'}</Table.Th>
            {live && (
              <Table.Th style={{ width: 100 }}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((session) => (
            <Table.Tr key={session.id}>
              <Table.Td>
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Person person={session} maxWidth="100%" />
                  {thisSession(session)}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate="end">
                  {device(session)}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="md">
                <Text size="sm" truncate="end">
                  {place(session)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {live
                    ? formatDateTime(session.lastActiveAt ?? session.createdAt)
                    : `${endedLabel[session.status]} ${formatDateTime(session.revokedAt ?? session.endedAt)}`}
                </Text>
              </Table.Td>
              {live && <Table.Td>{revokeButton(session)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Signed-in sessions of this organization&apos;s staff (people with active lender access). Revoking one
        signs that device out everywhere at once. Borrowers&apos; sessions are not shown here.
      </Text>
      {active.length === 0 ? (
        <EmptyState title="No active sessions">Nobody on the staff is signed in right now.</EmptyState>
      ) : (
        sessionTable(active, true, 'Active sessions')
      )}
      {endedSessions.length > 0 && (
        <Accordion variant="contained">
          <Accordion.Item value="ended">
            <Accordion.Control>Recently ended sessions ({endedSessions.length})</Accordion.Control>
            <Accordion.Panel>{sessionTable(endedSessions, false, 'Recently ended sessions')}</Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
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
            <strong>{displayName(revoking)}</strong> is signed out of the session on {device(revoking)}{' '}
            started {formatDateTime(revoking.createdAt)}.
            {revoking.id === currentSessionId &&
              ' This is the session you are using now: you will be signed out.'}
          </>
        )}
      </ConfirmModal>
    </Stack>
  );
}
