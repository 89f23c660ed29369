import { EmptyState, formatMoney, formatPlainDate, PageHeader, QueryFallback, useTRPC } from '@lending/ui';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

/** The borrower's loans, each with what is due next and a way into its servicing page. */
export default function PaymentsPage() {
  const trpc = useTRPC();
  const query = useQuery(trpc.borrowerLoans.list.queryOptions());
  return (
    <Stack gap="lg">
      <PageHeader
        title="Payments"
        description="Your loans: what is due next, payments, payoff and statements."
      />
      {!query.data ? (
        <QueryFallback query={query} noun="loans" />
      ) : query.data.loans.length === 0 ? (
        <EmptyState title="No loans yet">Once a loan is funded, its payments are managed here.</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {query.data.loans.map((loan) => (
            <Card
              key={loan.id}
              withBorder
              padding="md"
              component="section"
              aria-label={`Loan ${loan.reference}`}
            >
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4">
                  {loan.reference}
                </Title>
                <Badge variant="light">{loan.status.replace('_', ' ')}</Badge>
              </Group>
              <Text size="sm">
                {formatMoney(loan.principal)} at {loan.annualRatePercent}% · matures{' '}
                {formatPlainDate(loan.maturityDate)}
              </Text>
              <Text size="sm" c="dimmed">
                {loan.nextPayment
                  ? `Next payment ${formatMoney(loan.nextPayment.amount)} due ${formatPlainDate(loan.nextPayment.dueDate)}`
                  : 'No payment scheduled'}
              </Text>
              <Button component={Link} to={`/payments/${loan.id}`} mt="sm" variant="light">
                Open {loan.reference}
              </Button>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
