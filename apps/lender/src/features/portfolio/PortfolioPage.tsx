import type { RouterOutputs } from '@lending/core/router';
import {
  EmptyState,
  formatMoneyShort,
  formatPercent,
  PageHeader,
  QueryFallback,
  useActiveOrganization,
  useTRPC,
} from '@lending/ui';
import { Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';

export type Dashboard = RouterOutputs['portfolio']['dashboard'];

// The chart library (recharts, ~130 KB gzip) loads only with this page's charts.
const PortfolioCharts = lazy(() => import('./PortfolioCharts.tsx'));

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={{ base: 20, sm: 26 }} fw={700} lh={1.2}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}

export default function PortfolioPage() {
  const trpc = useTRPC();
  const active = useActiveOrganization();
  const query = useQuery(trpc.portfolio.dashboard.queryOptions({}));
  const d = query.data;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Portfolio"
        description={`Open loans of ${active.organizationName}: balances, delinquency, maturities and collections.`}
      />
      {!d ? (
        <QueryFallback query={query} noun="portfolio" />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
            <Figure
              label="Unpaid principal"
              value={formatMoneyShort(d.unpaidPrincipal)}
              hint={`${d.openLoans} open ${d.openLoans === 1 ? 'loan' : 'loans'}`}
            />
            <Figure
              label="Weighted average rate"
              value={formatPercent(d.weightedAverageRatePercent)}
              hint="weighted by unpaid principal"
            />
            <Figure
              label="Weighted LTV"
              value={formatPercent(d.weightedLtvPercent)}
              hint="unpaid principal / as-is value"
            />
            <Figure
              label="Past due"
              value={String(
                d.delinquency.filter((b) => b.bucket !== 'current').reduce((n, b) => n + b.loans, 0),
              )}
              hint={`loans 1+ days late, as of ${d.asOf}`}
            />
          </SimpleGrid>
          {d.openLoans === 0 && d.pipeline.every((s) => s.applications === 0) ? (
            <EmptyState title="No loans yet">
              Funded loans appear here with their balances, delinquency and maturities.
            </EmptyState>
          ) : (
            <Suspense
              fallback={
                <Group justify="center" p="xl" role="status" aria-label="Loading charts">
                  <Loader />
                </Group>
              }
            >
              <PortfolioCharts dashboard={d} />
            </Suspense>
          )}
          <Card withBorder padding="md" component="section" aria-labelledby="loans-by-status">
            <Title order={2} size="h5" id="loans-by-status" mb="xs">
              Loans by status
            </Title>
            <Group gap="xl">
              {d.loansByStatus.map((s) => (
                <Text key={s.status} size="sm">
                  {s.status.replace('_', ' ')}: <b>{s.loans}</b>
                </Text>
              ))}
              <Text size="sm">
                declined applications: <b>{d.closedApplications.declined}</b>
              </Text>
              <Text size="sm">
                withdrawn: <b>{d.closedApplications.withdrawn}</b>
              </Text>
            </Group>
          </Card>
        </>
      )}
    </Stack>
  );
}
