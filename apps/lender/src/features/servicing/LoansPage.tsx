type LoanStatus = 'active' | 'paid_off' | 'defaulted' | 'charged_off';

import {
  downloadWithAuth,
  EmptyState,
  formatMoney,
  formatPlainDate,
  notifyError,
  PageHeader,
  QueryFallback,
  useActiveOrganization,
  useApiHeaders,
  useIsPhone,
  useTRPC,
} from '@lending/ui';
import {
  Anchor,
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
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';

const PAGE_SIZE = 20;
export const BUCKET_COLORS: Record<string, string> = {
  current: 'teal',
  '1-29': 'yellow',
  '30-59': 'orange',
  '60-89': 'orange',
  '90+': 'red',
};

function CsvButton({ path, name }: { path: string; name: string }) {
  const headers = useApiHeaders();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      size="sm"
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadWithAuth(path, await headers(), name);
        } catch (error) {
          notifyError(error, 'The export could not be downloaded');
        } finally {
          setBusy(false);
        }
      }}
    >
      {name}
    </Button>
  );
}

/** Funded loans: filter by status and delinquency, search, page; CSV exports of loans and ledger. */
export default function LoansPage() {
  const trpc = useTRPC();
  const active = useActiveOrganization();
  const isPhone = useIsPhone();
  const [status, setStatus] = useState<LoanStatus>();
  const [params] = useSearchParams();
  // The servicing queue links here with ?bucket=due_today (or a delinquency bucket).
  const [bucket, setBucket] = useState<string | null>(params.get('bucket'));
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...trpc.portfolio.loans.queryOptions({
      status: status ?? undefined,
      bucket: (bucket ?? undefined) as never,
      search: debounced || undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Loans"
        description="Funded loans with their balance and delinquency. Open one for its servicing workspace."
        actions={
          <Group gap="xs">
            {active.role === 'admin' ? (
              <Button size="sm" component={Link} to="/loans/import">
                Import loans
              </Button>
            ) : null}
            <CsvButton path="/api/exports/loans.csv" name="loans.csv" />
            <CsvButton path="/api/exports/ledger.csv" name="ledger.csv" />
          </Group>
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="L-000012, name, email, address"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 280 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={[
            { value: 'active', label: 'Active' },
            { value: 'paid_off', label: 'Paid off' },
            { value: 'defaulted', label: 'Defaulted' },
            { value: 'charged_off', label: 'Charged off' },
          ]}
          value={status ?? null}
          onChange={(v) => {
            setStatus((v ?? undefined) as typeof status);
            setPage(1);
          }}
          w={{ base: '47%', sm: 160 }}
        />
        <Select
          label="Delinquency"
          placeholder="Any"
          clearable
          data={[
            { value: 'due_today', label: 'Due today' },
            ...['current', '1-29', '30-59', '60-89', '90+'].map((b) => ({
              value: b,
              label: b === 'current' ? 'Current' : `${b} days`,
            })),
          ]}
          value={bucket}
          onChange={(v) => {
            setBucket(v);
            setPage(1);
          }}
          w={{ base: '47%', sm: 160 }}
        />
      </Group>
      {!data ? (
        <QueryFallback query={query} noun="loans" />
      ) : data.loans.length === 0 ? (
        <EmptyState title="No loans match">Change the filters or the search.</EmptyState>
      ) : isPhone ? (
        <Stack gap="xs">
          {data.loans.map((l) => (
            <Card key={l.id} withBorder padding="sm" component="article" aria-label={`Loan ${l.reference}`}>
              <Group justify="space-between">
                <Anchor component={Link} to={`/loans/${l.id}`} fw={600}>
                  {l.reference}
                </Anchor>
                <Badge color={BUCKET_COLORS[l.bucket]}>
                  {l.bucket === 'current' ? 'current' : `${l.daysPastDue} dpd`}
                </Badge>
              </Group>
              <Text size="sm">{l.borrowerName}</Text>
              <Text size="sm" c="dimmed">
                {formatMoney(l.unpaidPrincipal)} unpaid · {l.status.replace('_', ' ')} · matures{' '}
                {formatPlainDate(l.maturityDate)}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table striped highlightOnHover aria-label="Loans">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Loan</Table.Th>
              <Table.Th>Borrower</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Unpaid principal</Table.Th>
              <Table.Th ta="right">Rate</Table.Th>
              <Table.Th>Matures</Table.Th>
              <Table.Th>Delinquency</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.loans.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/loans/${l.id}`}>
                    {l.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>{l.borrowerName}</Table.Td>
                <Table.Td>{l.status.replace('_', ' ')}</Table.Td>
                <Table.Td ta="right">{formatMoney(l.unpaidPrincipal)}</Table.Td>
                <Table.Td ta="right">{l.annualRatePercent.replace(/\.?0+$/, '')}%</Table.Td>
                <Table.Td>{formatPlainDate(l.maturityDate)}</Table.Td>
                <Table.Td>
                  <Badge color={BUCKET_COLORS[l.bucket]}>
                    {l.bucket === 'current' ? 'current' : `${l.daysPastDue} days`}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.total > PAGE_SIZE ? (
        <Pagination
          total={Math.ceil(data.total / PAGE_SIZE)}
          value={page}
          onChange={setPage}
          aria-label="Pages"
        />
      ) : null}
      {data ? (
        <Text size="xs" c="dimmed">
          {data.total} {data.total === 1 ? 'loan' : 'loans'}
        </Text>
      ) : null}
    </Stack>
  );
}
