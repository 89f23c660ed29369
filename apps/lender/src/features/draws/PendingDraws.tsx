/**
 * The servicing queue's "Pending draws": the organization's draws a servicer still has to act on
 * (`draws.pending`: requested, inspection scheduled, inspected, approved), oldest first, each with
 * its next step and a link to the loan's workspace where the step is taken.
 */
import {
  EmptyState,
  formatDateTime,
  formatMoney,
  formatPlainDate,
  QueryFallback,
  useTRPC,
} from '@lending/ui';
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { DRAW_STATUS } from './LoanDraws.tsx';

const NEXT_STEP: Record<string, string> = {
  requested: 'Schedule the inspection',
  inspection_scheduled: 'Record the inspection',
  inspected: 'Approve or reject',
  approved: 'Disburse',
};

export function PendingDraws() {
  const trpc = useTRPC();
  const pending = useQuery(trpc.draws.pending.queryOptions());
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pending-draws-title">
      <Title order={2} size="h4" id="pending-draws-title" mb="sm">
        Pending draws
      </Title>
      {!pending.data ? (
        <QueryFallback query={pending} noun="pending draws" />
      ) : pending.data.draws.length === 0 ? (
        <EmptyState title="No draws waiting">Construction draws borrowers request appear here.</EmptyState>
      ) : (
        <Stack gap="xs">
          {pending.data.draws.map((d) => {
            const status = DRAW_STATUS[d.status];
            const label = `Draw ${d.number} of ${d.loanReference}`;
            return (
              <Card key={d.id} withBorder padding="sm" component="article" aria-label={label}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/loans/${d.loanId}`} fw={600}>
                      {label}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {d.borrower} · {formatMoney(d.amountApproved ?? d.amountRequested)}
                      {d.amountApproved ? ' approved' : ' requested'} · {formatDateTime(d.createdAt)}
                      {d.inspection && d.status === 'inspection_scheduled'
                        ? ` · inspection ${formatPlainDate(d.inspection.scheduledFor)} (${d.inspection.inspector})`
                        : ''}
                    </Text>
                    <Text size="sm">Next: {NEXT_STEP[d.status]}</Text>
                  </Stack>
                  <Badge color={status.color} variant="light">
                    {status.label}
                  </Badge>
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
