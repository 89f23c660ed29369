/**
 * A searchable, filterable, server-paged list of the organization's people in one portal — staff on
 * the Team page, borrowers on the Borrowers page. One row per person. A table on wide screens (long
 * names and emails cut with a tooltip), cards on phones.
 */
import type { LenderRole, Portal, Role } from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import {
  ConfirmModal,
  displayName,
  EmptyState,
  formatDate,
  notifyError,
  notifySuccess,
  Person,
  QueryFallback,
  roleLabel,
  useOrganizations,
  useTRPC,
} from '@lending/ui';
import {
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { lenderRoleOptions } from './roles.ts';
import { useInvalidateTeam } from './use-invalidate-team.ts';

type PersonRow = RouterOutputs['team']['listMembers']['members'][number];

const PAGE_SIZE = 25;

export function PeopleDirectory({
  portal,
  isAdmin,
  noun,
  emptyState,
}: {
  portal: Portal;
  isAdmin: boolean;
  /** "staff member" / "borrower": for labels and messages. */
  noun: string;
  emptyState: ReactNode;
}) {
  const trpc = useTRPC();
  const { me } = useOrganizations();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<'active' | 'deactivated' | null>(null);
  const [role, setRole] = useState<LenderRole | null>(null);
  const [page, setPage] = useState(1);
  const input = {
    page,
    pageSize: PAGE_SIZE as 25,
    ...(debouncedSearch ? { search: debouncedSearch.slice(0, 100) } : {}),
    ...(status ? { status } : {}),
  };
  const people = useQuery({
    ...(portal === 'lender'
      ? trpc.team.listMembers.queryOptions({ ...input, ...(role ? { role } : {}) })
      : trpc.team.listBorrowers.queryOptions(input)),
    placeholderData: keepPreviousData,
    // People join by accepting invitations: fetch afresh whenever the list is shown.
    staleTime: 0,
  });
  const invalidate = useInvalidateTeam();
  const [deactivating, setDeactivating] = useState<PersonRow | null>(null);

  const changeRole = useMutation(
    trpc.team.changeRole.mutationOptions({
      onSuccess: (_data, vars) => {
        notifySuccess(`Role changed to ${roleLabel(vars.role)}.`);
        void invalidate();
      },
      onError: (error) => notifyError(error, 'Could not change the role'),
    }),
  );
  const setActive = useMutation(
    trpc.team.setAccessActive.mutationOptions({
      onSuccess: (_data, vars) => {
        notifySuccess(vars.isActive ? 'Access reactivated.' : 'Access deactivated.');
        setDeactivating(null);
        void invalidate();
      },
      onError: (error) => notifyError(error, 'Could not change the access'),
    }),
  );

  const filtered = Boolean(debouncedSearch || status || role);
  const filters = (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label={`Search ${noun}s`}
        placeholder="Name or email"
        value={search}
        maxLength={100}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          setPage(1);
        }}
        style={{ flex: '1 1 220px' }}
      />
      {portal === 'lender' && (
        <Select
          label="Role"
          placeholder="Any role"
          data={lenderRoleOptions}
          value={role}
          clearable
          onChange={(value) => {
            setRole(value as LenderRole | null);
            setPage(1);
          }}
          w={{ base: '100%', xs: 170 }}
        />
      )}
      <Select
        label="Status"
        placeholder="Any status"
        data={[
          { value: 'active', label: 'Active' },
          { value: 'deactivated', label: 'Deactivated' },
        ]}
        value={status}
        clearable
        onChange={(value) => {
          setStatus(value as 'active' | 'deactivated' | null);
          setPage(1);
        }}
        w={{ base: '100%', xs: 170 }}
      />
    </Group>
  );

  if (!people.data) {
    return (
      <Stack gap="md">
        {filters}
        <QueryFallback query={people} noun={`${noun}s`} />
      </Stack>
    );
  }
  const { members, total } = people.data;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const roleCell = (person: PersonRow, canEdit: boolean) =>
    canEdit && person.portal === 'lender' ? (
      <Select
        aria-label={`Role of ${displayName(person)}`}
        data={lenderRoleOptions}
        value={person.role}
        allowDeselect={false}
        size="xs"
        w={150}
        disabled={changeRole.isPending && changeRole.variables?.userId === person.userId}
        onChange={(value) => {
          if (!value || value === person.role) return;
          changeRole.mutate({ userId: person.userId, portal: person.portal, role: value as Role });
        }}
        comboboxProps={{ withinPortal: true }}
      />
    ) : (
      <Text size="sm">{roleLabel(person.role)}</Text>
    );

  const statusBadge = (person: PersonRow) => (
    <Badge variant="dot" color={person.isActive ? 'teal' : 'gray'}>
      {person.isActive ? 'Active' : 'Deactivated'}
    </Badge>
  );

  const actionButton = (person: PersonRow, isSelf: boolean) => {
    const name = displayName(person);
    if (isSelf)
      return (
        <Text size="xs" c="dimmed">
          —
        </Text>
      );
    return person.isActive ? (
      <Button
        size="xs"
        variant="subtle"
        color="red"
        onClick={() => setDeactivating(person)}
        aria-label={`Deactivate ${name}'s ${person.portal} access`}
      >
        Deactivate
      </Button>
    ) : (
      <Button
        size="xs"
        variant="subtle"
        loading={setActive.isPending && setActive.variables?.userId === person.userId}
        onClick={() => setActive.mutate({ userId: person.userId, portal: person.portal, isActive: true })}
        aria-label={`Reactivate ${name}'s ${person.portal} access`}
      >
        Reactivate
      </Button>
    );
  };

  const youBadge = (
    <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
      You
    </Badge>
  );

  const list =
    members.length === 0 ? (
      filtered ? (
        <EmptyState title={`No ${noun}s match`}>Change the search or the filters.</EmptyState>
      ) : (
        emptyState
      )
    ) : isPhone ? (
      <Stack gap="xs" aria-label={portal === 'lender' ? 'Staff' : 'Borrowers'} role="list">
        {members.map((person) => {
          const isSelf = person.userId === me?.user.id;
          return (
            <Card key={person.userId} withBorder padding="sm" role="listitem">
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Person person={person} maxWidth="100%" />
                  {isSelf && youBadge}
                </Group>
                <Group justify="space-between" gap="xs">
                  {roleCell(person, isAdmin && !isSelf)}
                  {statusBadge(person)}
                </Group>
                {isAdmin && !isSelf && <Group justify="flex-end">{actionButton(person, isSelf)}</Group>}
              </Stack>
            </Card>
          );
        })}
      </Stack>
    ) : (
      <Table
        verticalSpacing="sm"
        highlightOnHover
        aria-label={portal === 'lender' ? 'Staff' : 'Borrowers'}
        style={{ tableLayout: 'fixed' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ width: '40%' }}>{portal === 'lender' ? 'Staff member' : 'Borrower'}</Table.Th>
            <Table.Th style={{ width: 170 }}>Role</Table.Th>
            <Table.Th style={{ width: 130 }}>Status</Table.Th>
            <Table.Th visibleFrom="md" style={{ width: 130 }}>
              Since
            </Table.Th>
            {isAdmin && (
              <Table.Th style={{ width: 130 }}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((person) => {
            const isSelf = person.userId === me?.user.id;
            return (
              <Table.Tr key={person.userId}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                    <Person person={person} maxWidth="100%" />
                    {isSelf && youBadge}
                  </Group>
                </Table.Td>
                <Table.Td>{roleCell(person, isAdmin && !isSelf)}</Table.Td>
                <Table.Td>{statusBadge(person)}</Table.Td>
                <Table.Td visibleFrom="md">
                  <Text size="sm">{formatDate(person.grantedAt)}</Text>
                </Table.Td>
                {isAdmin && <Table.Td>{actionButton(person, isSelf)}</Table.Td>}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    );

  return (
    <Stack gap="md">
      {filters}
      {list}
      {total > 0 && (
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite">
            {total === 1 ? `1 ${noun}` : `${total} ${noun}s`}
            {pages > 1 ? ` · page ${Math.min(page, pages)} of ${pages}` : ''}
          </Text>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={setPage}
              size="sm"
              getControlProps={(control) => ({ 'aria-label': `${control} page` })}
            />
          )}
        </Group>
      )}
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
            this organization at once, and their sessions no longer show here. You can reactivate it later.
          </>
        )}
      </ConfirmModal>
    </Stack>
  );
}
