import {
  EmptyState,
  formatMoney,
  formatPercent,
  formatPlainDate,
  LoanStatusBadge,
  PageHeader,
  QueryFallback,
  TruncatedText,
  useIsPhone,
  useTRPC,
} from '@lending/ui';
import { Card, Group, Pagination, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';

/** `/loans`: the organization's funded loans. Servicing (payments, payoffs, draws) comes later. */
export default function LoansPage() {
  const trpc = useTRPC();
  const isPhone = useIsPhone();
  const [page, setPage] = useState(1);
  const pageSize = 25;
  const loans = useQuery({
    ...trpc.loans.list.queryOptions({ page, pageSize }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="lg">
      <PageHeader title="Loans" description="Funded loans with their schedule and ledger." />
      {!loans.data ? (
        <QueryFallback query={loans} noun="loans" />
      ) : loans.data.loans.length === 0 ? (
        <EmptyState title="No loans yet">
          Loans appear here when an approved application is funded.
        </EmptyState>
      ) : (
        <>
          {isPhone ? (
            <Stack
              gap="xs"
              component="ul"
              aria-label="Loans"
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {loans.data.loans.map((l) => (
                <Card component="li" key={l.id} withBorder padding="sm">
                  <Group justify="space-between" wrap="nowrap">
                    <Text
                      component={Link}
                      to={`/loans/${l.id}`}
                      fw={600}
                      c="var(--mantine-primary-color-filled)"
                    >
                      {l.reference}
                    </Text>
                    <LoanStatusBadge status={l.status} />
                  </Group>
                  <TruncatedText size="sm">{l.borrowerName ?? '—'}</TruncatedText>
                  <Text size="xs" c="dimmed">
                    {formatMoney(l.principal)} at {formatPercent(l.annualRatePercent)} · matures{' '}
                    {formatPlainDate(l.maturityDate)}
                  </Text>
                </Card>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table aria-label="Loans" layout="fixed" highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={110}>Loan</Table.Th>
                    <Table.Th>Borrower</Table.Th>
                    <Table.Th>Amount</Table.Th>
                    <Table.Th>Rate</Table.Th>
                    <Table.Th>Funded</Table.Th>
                    <Table.Th>Maturity</Table.Th>
                    <Table.Th w={110}>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {loans.data.loans.map((l) => (
                    <Table.Tr key={l.id}>
                      <Table.Td>
                        <Link to={`/loans/${l.id}`} style={{ color: 'var(--mantine-primary-color-filled)' }}>
                          {l.reference}
                        </Link>
                      </Table.Td>
                      <Table.Td>
                        <TruncatedText size="sm">{l.borrowerName ?? '—'}</TruncatedText>
                      </Table.Td>
                      <Table.Td>{formatMoney(l.principal)}</Table.Td>
                      <Table.Td>{formatPercent(l.annualRatePercent)}</Table.Td>
                      <Table.Td>{formatPlainDate(l.fundedOn)}</Table.Td>
                      <Table.Td>{formatPlainDate(l.maturityDate)}</Table.Td>
                      <Table.Td>
                        <LoanStatusBadge status={l.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {loans.data.total > pageSize && (
            <Pagination total={Math.ceil(loans.data.total / pageSize)} value={page} onChange={setPage} />
          )}
        </>
      )}
    </Stack>
  );
}
