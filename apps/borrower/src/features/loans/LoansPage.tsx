import {
  EmptyState,
  formatMoney,
  formatPercent,
  formatPlainDate,
  LoanStatusBadge,
  PageHeader,
  QueryFallback,
  useTRPC,
} from '@lending/ui';
import { Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

/** `/loans`: the person's loans with this lender and what is due next. */
export default function LoansPage() {
  const trpc = useTRPC();
  const loans = useQuery(trpc.loans.mine.queryOptions());
  return (
    <Stack gap="lg">
      <PageHeader title="Loans" description="Your loans with their schedule and what you owe next." />
      {!loans.data ? (
        <QueryFallback query={loans} noun="loans" />
      ) : loans.data.loans.length === 0 ? (
        <EmptyState title="No loans yet">When an application is funded, the loan shows here.</EmptyState>
      ) : (
        <Stack
          gap="sm"
          component="ul"
          aria-label="Your loans"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {loans.data.loans.map((l) => (
            <Card component="li" key={l.id} withBorder padding="md">
              <Group justify="space-between" wrap="nowrap">
                <Text component={Link} to={`/loans/${l.id}`} fw={600} c="var(--mantine-primary-color-filled)">
                  Loan {l.reference}
                </Text>
                <LoanStatusBadge status={l.status} />
              </Group>
              <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs" spacing="xs">
                <div>
                  <Text size="xs" c="dimmed">
                    Amount
                  </Text>
                  <Text fw={600}>{formatMoney(l.principal)}</Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    Rate
                  </Text>
                  <Text fw={600}>{formatPercent(l.annualRatePercent)}</Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    Next payment
                  </Text>
                  <Text fw={600}>{l.nextPayment ? formatMoney(l.nextPayment.amount) : '—'}</Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    Due
                  </Text>
                  <Text fw={600}>{l.nextPayment ? formatPlainDate(l.nextPayment.dueDate) : '—'}</Text>
                </div>
              </SimpleGrid>
              <Group justify="flex-end" mt="xs">
                <Button component={Link} to={`/loans/${l.id}`} size="compact-sm" variant="light">
                  Schedule and details
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
