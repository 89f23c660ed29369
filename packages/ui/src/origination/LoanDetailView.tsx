import type { RouterOutputs } from '@lending/core/router';
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIsPhone } from '../components/TruncatedText.tsx';
import { formatMoney, formatPercent } from '../money.ts';
import { formatPlainDate } from '../people.ts';
import { humanize } from './status.tsx';

export type LoanDetail = RouterOutputs['loans']['get'];

const LOAN_STATUS_COLORS: Record<string, string> = {
  active: 'green',
  paid_off: 'gray',
  defaulted: 'red',
  charged_off: 'dark',
};

export function LoanStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={LOAN_STATUS_COLORS[status] ?? 'gray'}>
      {humanize(status)}
    </Badge>
  );
}

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

/** A loan's terms, balances, next payment, schedule and ledger (both portals). */
export function LoanDetailView({ loan, extra }: { loan: LoanDetail; extra?: ReactNode }) {
  const isPhone = useIsPhone();
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="lg" component="section" aria-labelledby="next-due-title">
          <Title order={2} size="h4" id="next-due-title" mb="xs">
            Next payment
          </Title>
          {loan.nextPayment ? (
            <>
              <Text size="xl" fw={700}>
                {formatMoney(loan.nextPayment.amount)}
              </Text>
              <Text size="sm" c="dimmed">
                Due {formatPlainDate(loan.nextPayment.dueDate)} (payment {loan.nextPayment.number} of{' '}
                {loan.schedule.length})
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              Nothing due.
            </Text>
          )}
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="balance-title">
          <Title order={2} size="h4" id="balance-title" mb="xs">
            Balance
          </Title>
          <SimpleGrid cols={2} spacing="xs">
            <Figure label="Principal" value={formatMoney(loan.balances.principal)} />
            <Figure label="Interest" value={formatMoney(loan.balances.interest)} />
            <Figure label="Fees" value={formatMoney(loan.balances.fees)} />
            <Figure label="Penalties" value={formatMoney(loan.balances.penalties)} />
          </SimpleGrid>
        </Card>
      </SimpleGrid>
      <Card withBorder padding="lg" component="section" aria-labelledby="terms-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="terms-title">
            Terms
          </Title>
          <LoanStatusBadge status={loan.status} />
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Figure label="Amount" value={formatMoney(loan.principal)} />
          <Figure label="Rate" value={formatPercent(loan.annualRatePercent)} />
          <Figure label="APR" value={formatPercent(loan.aprPercent)} />
          <Figure label="Repayment" value={humanize(loan.amortization)} />
          <Figure label="Funded" value={formatPlainDate(loan.fundedOn)} />
          <Figure label="Maturity" value={formatPlainDate(loan.maturityDate)} />
          <Figure label="Payments" value={`${loan.termPayments} ${loan.frequency}`} />
        </SimpleGrid>
        {extra}
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="schedule-title">
        <Title order={2} size="h4" id="schedule-title" mb="xs">
          Schedule
        </Title>
        {isPhone ? (
          <Stack
            gap={0}
            component="ol"
            aria-label="Schedule"
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
          >
            {loan.schedule.map((row) => (
              <Group
                component="li"
                key={row.number}
                justify="space-between"
                wrap="nowrap"
                py={6}
                style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
              >
                <div>
                  <Text size="sm" fw={500}>
                    {row.number}. {formatPlainDate(row.dueDate)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Principal {formatMoney(row.principal)} · interest {formatMoney(row.interest)}
                  </Text>
                </div>
                <Text size="sm" fw={600} style={{ flexShrink: 0 }}>
                  {formatMoney(row.total)}
                </Text>
              </Group>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={600} mah={480}>
            <Table aria-label="Schedule" striped stickyHeader verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th ta="right">Principal</Table.Th>
                  <Table.Th ta="right">Interest</Table.Th>
                  <Table.Th ta="right">Payment</Table.Th>
                  <Table.Th ta="right">Balance after</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {loan.schedule.map((row) => (
                  <Table.Tr key={row.number}>
                    <Table.Td>{row.number}</Table.Td>
                    <Table.Td>{formatPlainDate(row.dueDate)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(row.principal)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(row.interest)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(row.total)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(row.balance)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="history-title">
        <Title order={2} size="h4" id="history-title" mb="xs">
          History
        </Title>
        <Stack
          gap={0}
          component="ul"
          aria-label="Ledger"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {loan.ledger.map((e) => (
            <Group
              component="li"
              key={e.id}
              justify="space-between"
              wrap="nowrap"
              py={6}
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              <div style={{ minWidth: 0 }}>
                <Text size="sm">{e.description ?? humanize(e.kind)}</Text>
                <Text size="xs" c="dimmed">
                  {formatPlainDate(e.effectiveDate)}
                </Text>
              </div>
              <Text size="sm" fw={500} style={{ flexShrink: 0 }}>
                {formatMoney(e.amount)}
              </Text>
            </Group>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}
