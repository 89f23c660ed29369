import { formatMoney, formatPercent } from '@lending/ui';
import { Badge, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Workspace } from './workspace-types.ts';

type Figure = Workspace['underwriting']['ltv'];

function FigureCard({ label, figure, ratio }: { label: string; figure: Figure; ratio?: boolean }) {
  const show = (v: string | null) => (v == null ? '—' : ratio ? `${v}×` : formatPercent(v));
  return (
    <Card
      withBorder
      padding="sm"
      radius="sm"
      aria-label={`${label}: ${show(figure.value)}${figure.breached ? ', beyond the product limit' : ''}`}
      style={figure.breached ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={700} c={figure.breached ? 'red' : undefined}>
        {show(figure.value)}
      </Text>
      <Text size="xs" c="dimmed">
        {figure.limit == null ? 'No limit' : `${ratio ? 'Min' : 'Max'} ${show(figure.limit)}`}
      </Text>
      {figure.breached && (
        <Badge color="red" variant="light" size="sm" mt={4}>
          Beyond limit
        </Badge>
      )}
      {figure.note && (
        <Text size="xs" c="dimmed" mt={2}>
          {figure.note}
        </Text>
      )}
    </Card>
  );
}

/** LTV, LTC, ARV-LTV and DSCR against the product's limits, breaches flagged. */
export function UnderwritingPanel({ workspace }: { workspace: Workspace }) {
  const u = workspace.underwriting;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="underwriting-title">
      <Title order={2} size="h4" id="underwriting-title" mb="xs">
        Underwriting
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          On {formatMoney(u.loanAmount)} (
          {u.amountSource === 'offer' ? 'the current offer' : 'the requested amount'})
          {u.monthlyDebtService ? `, monthly debt service ${formatMoney(u.monthlyDebtService)}` : ''}.
          {u.amountWithinBounds === false && ' The amount is outside the product’s bounds.'}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <FigureCard label="LTV" figure={u.ltv} />
          <FigureCard label="LTC" figure={u.ltc} />
          <FigureCard label="ARV-LTV" figure={u.arvLtv} />
          <FigureCard label="DSCR" figure={u.dscr} ratio />
        </SimpleGrid>
        {u.breaches.length > 0 && (
          <Text size="sm" c="red" role="status">
            {u.breaches.length} {u.breaches.length === 1 ? 'figure is' : 'figures are'} beyond the product’s
            limits.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
