/**
 * "Draws" in the servicing workspace: the loan's draw budget (servicers and admins set or edit its
 * lines) and every draw request with its lines, photos, inspection and decision, and the next step
 * for servicers and admins — schedule or complete the inspection, approve (per line, capped),
 * reject with a reason, disburse. Viewers and underwriters read only (the API refuses them too).
 */
import type { RouterOutputs } from '@lending/core/router';
import {
  downloadWithAuth,
  formatDateTime,
  formatMoney,
  formatPlainDate,
  notifyError,
  useActiveOrganization,
  useApiHeaders,
  useIsPhone,
  useTRPC,
} from '@lending/ui';
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { BudgetEditor } from './BudgetEditor.tsx';
import { type DrawAction, DrawActionModal } from './DrawActionModal.tsx';

type DrawsList = RouterOutputs['draws']['list'];
export type Draw = DrawsList['draws'][number];
export type BudgetLine = DrawsList['budget']['lines'][number];

export const DRAW_STATUS: Record<Draw['status'], { label: string; color: string }> = {
  requested: { label: 'Requested', color: 'blue' },
  inspection_scheduled: { label: 'Inspection scheduled', color: 'cyan' },
  inspected: { label: 'Inspected', color: 'grape' },
  approved: { label: 'Approved', color: 'teal' },
  rejected: { label: 'Rejected', color: 'red' },
  disbursed: { label: 'Disbursed', color: 'green' },
};

/** Servicers and admins act on draws (`lenderProcedure('servicer')`); others read. */
export function useCanServiceDraws(): boolean {
  const active = useActiveOrganization();
  return active.role === 'admin' || active.role === 'servicer';
}

export function LoanDraws({ loanId, loanStatus }: { loanId: string; loanStatus: string }) {
  const trpc = useTRPC();
  const canAct = useCanServiceDraws();
  const draws = useQuery(trpc.draws.list.queryOptions({ loanId }));
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<{ kind: DrawAction; draw: Draw } | null>(null);
  if (!draws.data) return null;
  const { budget, draws: requests } = draws.data;
  // Only construction loans hold money back for draws; other loans show nothing here.
  if (budget.holdback === '0.00' && budget.lines.length === 0 && requests.length === 0) return null;
  const active = loanStatus === 'active';
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="draws-title">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id="draws-title">
          Draws
        </Title>
        {canAct && active ? (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            {budget.lines.length === 0 ? 'Set the budget' : 'Edit the budget'}
          </Button>
        ) : null}
      </Group>
      <Stack gap="md">
        <BudgetTable budget={budget} />
        {requests.length === 0 ? (
          <Text size="sm" c="dimmed">
            No draws requested yet.
          </Text>
        ) : (
          <Stack
            gap="xs"
            component="ul"
            aria-label="Draw requests"
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
          >
            {requests.map((d) => (
              <DrawCard
                key={d.id}
                draw={d}
                canAct={canAct && active}
                onAction={(kind) => setAction({ kind, draw: d })}
              />
            ))}
          </Stack>
        )}
      </Stack>
      {editing ? <BudgetEditor loanId={loanId} budget={budget} onClose={() => setEditing(false)} /> : null}
      {action ? (
        <DrawActionModal
          key={`${action.kind}-${action.draw.id}`}
          action={action.kind}
          draw={action.draw}
          lines={budget.lines}
          onClose={() => setAction(null)}
        />
      ) : null}
    </Card>
  );
}

function BudgetTable({ budget }: { budget: DrawsList['budget'] }) {
  const isPhone = useIsPhone();
  return (
    <Stack gap={4}>
      <Group gap="lg" wrap="wrap" aria-label="Draw budget totals">
        <Text size="sm">
          Held back <b>{formatMoney(budget.holdback)}</b>
        </Text>
        <Text size="sm">
          Allocated <b>{formatMoney(budget.allocated)}</b>
        </Text>
        <Text size="sm" c={budget.unallocated === '0.00' ? undefined : 'orange.8'}>
          Unallocated <b>{formatMoney(budget.unallocated)}</b>
        </Text>
        <Text size="sm">
          Disbursed <b>{formatMoney(budget.drawn)}</b>
        </Text>
      </Group>
      {budget.lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          No budget lines yet: the borrower cannot request a draw until the budget is set.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={isPhone ? 460 : 0}>
          <Table striped aria-label="Budget lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Line</Table.Th>
                <Table.Th ta="right">Budget</Table.Th>
                <Table.Th ta="right">Approved</Table.Th>
                <Table.Th ta="right">Disbursed</Table.Th>
                <Table.Th ta="right">Remaining</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {budget.lines.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td ta="right">{formatMoney(l.budget)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(l.approved)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(l.disbursed)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatMoney(l.remaining)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function DrawCard({
  draw: d,
  canAct,
  onAction,
}: {
  draw: Draw;
  canAct: boolean;
  onAction: (kind: DrawAction) => void;
}) {
  const headers = useApiHeaders();
  const status = DRAW_STATUS[d.status];
  const open = ['requested', 'inspection_scheduled', 'inspected'].includes(d.status);
  return (
    <Card component="li" withBorder padding="sm" aria-label={`Draw ${d.number}`}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600}>
          Draw {d.number} · {formatMoney(d.amountRequested)}
        </Text>
        <Badge color={status.color} variant="light">
          {status.label}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        Requested {formatDateTime(d.createdAt)}
      </Text>
      <Table mt={4} withRowBorders={false} verticalSpacing={2} aria-label={`Lines of draw ${d.number}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th ta="right">Requested</Table.Th>
            <Table.Th ta="right">Approved</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.lines.map((l) => (
            <Table.Tr key={l.budgetLineId}>
              <Table.Td>{l.name}</Table.Td>
              <Table.Td ta="right">{formatMoney(l.amountRequested)}</Table.Td>
              <Table.Td ta="right">{formatMoney(l.amountApproved)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {d.note ? <Text size="sm">Borrower's note: {d.note}</Text> : null}
      {d.photos.length > 0 ? (
        <Group gap={4} wrap="wrap" aria-label={`Photos of draw ${d.number}`}>
          <Text size="sm">Photos:</Text>
          {d.photos.map((p) => (
            <Button
              key={p.documentId}
              size="compact-xs"
              variant="subtle"
              aria-label={`Download ${p.fileName}`}
              onClick={async () => {
                try {
                  await downloadWithAuth(p.downloadPath, await headers(), p.fileName);
                } catch (e) {
                  notifyError(e, 'Could not download the photo');
                }
              }}
            >
              {p.fileName}
            </Button>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          No photos.
        </Text>
      )}
      {d.inspection ? (
        <Text size="sm">
          Inspection {formatPlainDate(d.inspection.scheduledFor)} by {d.inspection.inspector}
          {d.inspection.completedAt
            ? ` — done ${formatDateTime(d.inspection.completedAt)}: ${d.inspection.percentComplete ?? 0}% complete${d.inspection.notes ? `, ${d.inspection.notes}` : ''}`
            : ''}
        </Text>
      ) : null}
      {d.amountApproved ? <Text size="sm">Approved {formatMoney(d.amountApproved)}</Text> : null}
      {d.decisionNote ? (
        <Text size="sm" c={d.status === 'rejected' ? 'red' : undefined}>
          {d.status === 'rejected' ? 'Rejected' : 'Note'}: {d.decisionNote}
        </Text>
      ) : null}
      {d.disbursedOn ? <Text size="sm">Disbursed {formatPlainDate(d.disbursedOn)}</Text> : null}
      {canAct && (open || d.status === 'approved') ? (
        <Group gap="xs" mt="xs" wrap="wrap">
          {d.status === 'requested' || d.status === 'inspection_scheduled' ? (
            <Button
              size="xs"
              variant={d.status === 'requested' ? 'filled' : 'light'}
              onClick={() => onAction('schedule')}
            >
              {d.status === 'requested' ? 'Schedule inspection' : 'Reschedule'}
            </Button>
          ) : null}
          {d.status === 'inspection_scheduled' ? (
            <Button size="xs" onClick={() => onAction('complete')}>
              Complete inspection
            </Button>
          ) : null}
          {d.status === 'inspected' ? (
            <Button size="xs" color="teal" onClick={() => onAction('approve')}>
              Approve
            </Button>
          ) : null}
          {d.status === 'approved' ? (
            <Button size="xs" color="green" onClick={() => onAction('disburse')}>
              Disburse
            </Button>
          ) : null}
          {open ? (
            <Button size="xs" color="red" variant="subtle" onClick={() => onAction('reject')}>
              Reject
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Card>
  );
}
