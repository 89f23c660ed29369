import '@mantine/charts/styles.css';
import { formatMoneyShort } from '@lending/ui';
import { AreaChart, BarChart, DonutChart } from '@mantine/charts';
import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import type { Dashboard } from './PortfolioPage.tsx';

// Chart values are numbers for drawing only; every figure a person reads is formatted from the
// API's decimal strings (tooltips use the same formatter).
const toNumber = (amount: string) => Number(amount);
const money = (value: number) => formatMoneyShort(String(Math.round(value)));

const BUCKET_COLORS: Record<string, string> = {
  current: 'teal.6',
  '1-29': 'yellow.5',
  '30-59': 'orange.5',
  '60-89': 'orange.8',
  '90+': 'red.7',
};

const STAGE_LABELS: Record<string, string> = {
  submitted: 'Submitted',
  in_review: 'In review',
  offered: 'Offered',
  accepted: 'Accepted',
  approved: 'Approved',
  funded: 'Funded',
};

function ChartCard({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint: string;
  children: React.ReactNode;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id} data-testid={`chart-${id}`}>
      <Title order={2} size="h5" id={id}>
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {hint}
      </Text>
      {children}
    </Card>
  );
}

export default function PortfolioCharts({ dashboard: d }: { dashboard: Dashboard }) {
  const delinquency = d.delinquency.map((b) => ({
    name: b.bucket === 'current' ? 'Current' : `${b.bucket} days`,
    value: toNumber(b.unpaidPrincipal),
    color: BUCKET_COLORS[b.bucket] ?? 'gray.5',
    loans: b.loans,
  }));
  const ladder = d.maturityLadder.map((r) => ({
    period: r.period === 'matured' ? 'Matured' : r.period === 'later' ? 'Later' : r.period,
    principal: toNumber(r.unpaidPrincipal),
  }));
  const months = d.expectedVsCollected.map((m) => ({
    month: m.month,
    expected: toNumber(m.expected),
    collected: toNumber(m.collected),
  }));
  const funnel = d.pipeline.map((s) => ({
    stage: STAGE_LABELS[s.stage] ?? s.stage,
    applications: s.applications,
  }));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <ChartCard id="delinquency" title="Delinquency by bucket" hint="Unpaid principal by days past due">
        <DonutChart
          data={delinquency.filter((s) => s.value > 0)}
          withLabelsLine
          withLabels
          labelsType="percent"
          valueFormatter={money}
          size={180}
          thickness={28}
          mx="auto"
        />
        <SimpleGrid cols={{ base: 2, xs: 3 }} spacing={4} mt="sm">
          {delinquency.map((b) => (
            <Text key={b.name} size="xs">
              {b.name}: <b>{b.loans}</b> {b.loans === 1 ? 'loan' : 'loans'}, {money(b.value)}
            </Text>
          ))}
        </SimpleGrid>
      </ChartCard>
      <ChartCard
        id="maturity"
        title="Maturity ladder"
        hint="Unpaid principal by maturity month (next 12 months)"
      >
        <BarChart
          h={240}
          data={ladder}
          dataKey="period"
          series={[{ name: 'principal', label: 'Unpaid principal', color: 'indigo.6' }]}
          valueFormatter={money}
          tickLine="none"
          xAxisProps={{ interval: 'preserveStartEnd' }}
        />
      </ChartCard>
      <ChartCard
        id="collections"
        title="Expected vs collected"
        hint="Installments due and money received per month"
      >
        <AreaChart
          h={240}
          data={months}
          dataKey="month"
          withLegend
          curveType="monotone"
          valueFormatter={money}
          series={[
            { name: 'expected', label: 'Expected', color: 'gray.6' },
            { name: 'collected', label: 'Collected', color: 'teal.6' },
          ]}
        />
      </ChartCard>
      <ChartCard id="pipeline" title="Pipeline funnel" hint="Applications by current stage">
        <BarChart
          h={240}
          data={funnel}
          dataKey="stage"
          orientation="vertical"
          yAxisProps={{ width: 80 }}
          series={[{ name: 'applications', label: 'Applications', color: 'blue.6' }]}
        />
      </ChartCard>
    </SimpleGrid>
  );
}
