import { APPLICATION_STATUSES, PIPELINE_SORTS } from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import {
  APPLICATION_STATUS_LABELS,
  ApplicationStatusBadge,
  EmptyState,
  formatDate,
  formatMoneyShort,
  PageHeader,
  QueryFallback,
  TruncatedText,
  useIsPhone,
  useTRPC,
} from '@lending/ui';
import {
  Badge,
  Box,
  Card,
  Group,
  MultiSelect,
  Pagination,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useStaffOptions } from './staff.ts';

type PipelineCard = RouterOutputs['applications']['board']['columns'][number]['applications'][number];
type Sort = (typeof PIPELINE_SORTS)[number];

const SORT_LABELS: Record<Sort, string> = {
  number: 'Number',
  created_at: 'Created',
  status_changed_at: 'Last status change',
  requested_amount: 'Amount',
  borrower: 'Borrower',
};

function ageLabel(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

function propertyLine(a: PipelineCard): string {
  return (
    [a.propertyAddressLine1, a.propertyCity, a.propertyRegion].filter(Boolean).join(', ') || 'No property yet'
  );
}

/** `/pipeline`: applications as a board (columns by status) or a table (filters, search, sort, paging). */
export default function PipelinePage() {
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'table' ? 'table' : 'board';
  const assignee = params.get('assignee') ?? '';
  const productId = params.get('product') ?? '';
  const search = params.get('q') ?? '';
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const trpc = useTRPC();
  const staff = useStaffOptions();
  const products = useQuery(trpc.products.list.queryOptions({}));

  const set = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const filters = {
    ...(assignee ? { assignee } : {}),
    ...(productId ? { productId } : {}),
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
  };

  return (
    <Stack gap="lg">
      <PageHeader title="Pipeline" description="Applications from submission to funding." />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label="View"
          value={view}
          onChange={(v) => set({ view: v === 'table' ? 'table' : null })}
          data={[
            { value: 'board', label: 'Board' },
            { value: 'table', label: 'Table' },
          ]}
        />
        <TextInput
          label="Search"
          placeholder="Borrower, property or number"
          value={search}
          onChange={(e) => set({ q: e.currentTarget.value || null })}
          style={{ flex: '1 1 220px' }}
          maxLength={100}
        />
        <Select
          label="Assignee"
          placeholder="Anyone"
          clearable
          data={[{ value: 'unassigned', label: 'Unassigned' }, ...staff.options]}
          value={assignee || null}
          onChange={(v) => set({ assignee: v })}
          style={{ flex: '1 1 180px' }}
        />
        <Select
          label="Product"
          placeholder="Any product"
          clearable
          data={(products.data?.products ?? []).map((p) => ({ value: p.id, label: p.settings.name }))}
          value={productId || null}
          onChange={(v) => set({ product: v })}
          style={{ flex: '1 1 180px' }}
        />
      </Group>
      {view === 'board' ? (
        <Board filters={filters} />
      ) : (
        <PipelineTable filters={filters} params={params} set={set} />
      )}
    </Stack>
  );
}

function Board({ filters }: { filters: { assignee?: string; productId?: string; search?: string } }) {
  const trpc = useTRPC();
  const board = useQuery({
    ...trpc.applications.board.queryOptions({ ...filters, perColumn: 20 }),
    placeholderData: keepPreviousData,
  });
  if (!board.data) return <QueryFallback query={board} noun="pipeline" />;
  const total = board.data.columns.reduce((n, c) => n + c.count, 0);
  if (total === 0)
    return (
      <EmptyState title={Object.keys(filters).length ? 'No applications match' : 'No applications yet'}>
        {Object.keys(filters).length
          ? 'Try another search or filter.'
          : 'Applications appear here when borrowers start them through your apply link.'}
      </EmptyState>
    );
  return (
    <ScrollArea
      type="auto"
      offsetScrollbars
      aria-label="Pipeline board"
      style={{ opacity: board.isPlaceholderData ? 0.6 : 1 }}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
        {board.data.columns.map((column) => (
          <Box
            key={column.status}
            component="section"
            aria-label={`${APPLICATION_STATUS_LABELS[column.status]}: ${column.count}`}
            w={260}
            style={{ flex: '0 0 260px' }}
            bg="var(--mantine-color-default-hover)"
            p="xs"
          >
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Title order={2} size="h6">
                {APPLICATION_STATUS_LABELS[column.status]}
              </Title>
              <Badge variant="white" color="gray" aria-label={`${column.count} applications`}>
                {column.count}
              </Badge>
            </Group>
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {column.applications.map((a) => (
                <li key={a.id}>
                  <BoardCard application={a} />
                </li>
              ))}
              {column.applications.length === 0 && (
                <Text size="xs" c="dimmed" ta="center" py="sm">
                  None
                </Text>
              )}
              {column.count > column.applications.length && (
                <Text size="xs" c="dimmed" ta="center">
                  and {column.count - column.applications.length} more — see the table
                </Text>
              )}
            </Stack>
          </Box>
        ))}
      </Group>
    </ScrollArea>
  );
}

function BoardCard({ application: a }: { application: PipelineCard }) {
  const name = a.applicantName || a.borrowerEmail || 'Unnamed borrower';
  return (
    <UnstyledButton
      component={Link}
      to={`/pipeline/${a.id}`}
      aria-label={`${a.reference}, ${name}, ${formatMoneyShort(a.requestedAmount)}`}
      style={{ display: 'block', width: '100%' }}
    >
      <Card withBorder padding="sm" radius="sm">
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text size="xs" c="dimmed">
            {a.reference}
          </Text>
          <Text size="xs" c={a.daysInStage >= 7 ? 'orange' : 'dimmed'}>
            {ageLabel(a.daysInStage)} in stage
          </Text>
        </Group>
        <TruncatedText fw={600} size="sm">
          {name}
        </TruncatedText>
        <TruncatedText size="xs" c="dimmed">
          {propertyLine(a)}
        </TruncatedText>
        <Group justify="space-between" wrap="nowrap" mt={4} gap={4}>
          <Text size="sm" fw={500}>
            {formatMoneyShort(a.requestedAmount)}
          </Text>
          <TruncatedText size="xs" c="dimmed" style={{ minWidth: 0 }}>
            {a.assigneeName ?? 'Unassigned'}
          </TruncatedText>
        </Group>
      </Card>
    </UnstyledButton>
  );
}

function PipelineTable({
  filters,
  params,
  set,
}: {
  filters: { assignee?: string; productId?: string; search?: string };
  params: URLSearchParams;
  set: (changes: Record<string, string | null>) => void;
}) {
  const trpc = useTRPC();
  const isPhone = useIsPhone();
  const statuses = (params.get('status') ?? '')
    .split(',')
    .filter((s) =>
      (APPLICATION_STATUSES as readonly string[]).includes(s),
    ) as (typeof APPLICATION_STATUSES)[number][];
  const sort = (
    (PIPELINE_SORTS as readonly string[]).includes(params.get('sort') ?? '')
      ? params.get('sort')
      : 'status_changed_at'
  ) as Sort;
  const direction = params.get('dir') === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 25;
  const list = useQuery({
    ...trpc.applications.pipeline.queryOptions({
      ...filters,
      ...(statuses.length ? { statuses } : {}),
      sort,
      direction,
      page,
      pageSize,
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <MultiSelect
          label="Status"
          placeholder={statuses.length ? undefined : 'Any status'}
          data={APPLICATION_STATUSES.map((s) => ({
            value: s,
            label: `${APPLICATION_STATUS_LABELS[s]}${list.data ? ` (${list.data.countsByStatus[s]})` : ''}`,
          }))}
          value={statuses}
          onChange={(v) => set({ status: v.join(',') || null })}
          clearable
        />
        <Select
          label="Sort by"
          allowDeselect={false}
          data={PIPELINE_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
          value={sort}
          onChange={(v) => set({ sort: v === 'status_changed_at' ? null : v })}
        />
        <Select
          label="Order"
          allowDeselect={false}
          data={[
            { value: 'desc', label: 'Descending' },
            { value: 'asc', label: 'Ascending' },
          ]}
          value={direction}
          onChange={(v) => set({ dir: v === 'asc' ? 'asc' : null })}
        />
      </SimpleGrid>
      {!list.data ? (
        <QueryFallback query={list} noun="applications" />
      ) : list.data.applications.length === 0 ? (
        <EmptyState title="No applications match">Try another search, status or filter.</EmptyState>
      ) : (
        <Box style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }} aria-busy={list.isFetching}>
          {isPhone ? (
            <Stack
              gap="xs"
              component="ul"
              aria-label="Applications"
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {list.data.applications.map((a) => (
                <li key={a.id}>
                  <Card withBorder padding="sm">
                    <Group justify="space-between" wrap="nowrap">
                      <Text
                        component={Link}
                        to={`/pipeline/${a.id}`}
                        fw={600}
                        size="sm"
                        c="var(--mantine-primary-color-filled)"
                      >
                        {a.reference}
                      </Text>
                      <ApplicationStatusBadge status={a.status} />
                    </Group>
                    <TruncatedText size="sm">
                      {a.applicantName || a.borrowerEmail || 'Unnamed borrower'}
                    </TruncatedText>
                    <TruncatedText size="xs" c="dimmed">
                      {propertyLine(a)}
                    </TruncatedText>
                    <Text size="xs" c="dimmed">
                      {formatMoneyShort(a.requestedAmount)} · {a.assigneeName ?? 'Unassigned'} ·{' '}
                      {ageLabel(a.daysInStage)} in stage
                    </Text>
                  </Card>
                </li>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table aria-label="Applications" layout="fixed" highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={100}>Number</Table.Th>
                    <Table.Th>Borrower</Table.Th>
                    <Table.Th>Property</Table.Th>
                    <Table.Th w={120}>Amount</Table.Th>
                    <Table.Th w={110}>Status</Table.Th>
                    <Table.Th w={150}>Assignee</Table.Th>
                    <Table.Th w={140}>Product</Table.Th>
                    <Table.Th w={110}>In stage</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.applications.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Link
                          to={`/pipeline/${a.id}`}
                          style={{ color: 'var(--mantine-primary-color-filled)' }}
                        >
                          {a.reference}
                        </Link>
                      </Table.Td>
                      <Table.Td>
                        <TruncatedText size="sm">
                          {a.applicantName || a.borrowerEmail || 'Unnamed borrower'}
                        </TruncatedText>
                      </Table.Td>
                      <Table.Td>
                        <TruncatedText size="sm">{propertyLine(a)}</TruncatedText>
                      </Table.Td>
                      <Table.Td>{formatMoneyShort(a.requestedAmount)}</Table.Td>
                      <Table.Td>
                        <ApplicationStatusBadge status={a.status} />
                      </Table.Td>
                      <Table.Td>
                        <TruncatedText size="sm">{a.assigneeName ?? 'Unassigned'}</TruncatedText>
                      </Table.Td>
                      <Table.Td>
                        <TruncatedText size="sm">{a.productName ?? '—'}</TruncatedText>
                      </Table.Td>
                      <Table.Td title={`Since ${formatDate(a.statusChangedAt)}`}>
                        {ageLabel(a.daysInStage)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed">
              {list.data.total} {list.data.total === 1 ? 'application' : 'applications'}
            </Text>
            {list.data.total > pageSize && (
              <Pagination
                total={Math.ceil(list.data.total / pageSize)}
                value={page}
                onChange={(p) => set({ page: p > 1 ? String(p) : null })}
                getControlProps={(control) => ({ 'aria-label': `${control} page` })}
                getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
              />
            )}
          </Group>
        </Box>
      )}
    </Stack>
  );
}
