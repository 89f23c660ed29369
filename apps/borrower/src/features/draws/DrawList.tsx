import type { RouterOutputs } from '@lending/core/router';
import {
  downloadWithAuth,
  formatDateTime,
  formatMoney,
  formatPlainDate,
  notifyError,
  useApiHeaders,
} from '@lending/ui';
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';

type Draw = RouterOutputs['draws']['mine']['draws'][number];

export const DRAW_STATUS: Record<Draw['status'], { label: string; color: string }> = {
  requested: { label: 'Requested', color: 'blue' },
  inspection_scheduled: { label: 'Inspection scheduled', color: 'cyan' },
  inspected: { label: 'Inspected', color: 'grape' },
  approved: { label: 'Approved', color: 'teal' },
  rejected: { label: 'Rejected', color: 'red' },
  disbursed: { label: 'Disbursed', color: 'green' },
};

/** The loan's draw requests, newest first: lines, inspection, decision, photos. */
export function DrawList({ draws }: { draws: Draw[] }) {
  const headers = useApiHeaders();
  if (draws.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No draws requested yet.
      </Text>
    );
  return (
    <Stack
      gap="xs"
      component="ul"
      aria-label="Draw requests"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {draws.map((d) => {
        const status = DRAW_STATUS[d.status];
        return (
          <Card key={d.id} component="li" withBorder padding="sm" aria-label={`Draw ${d.number}`}>
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
            <Stack gap={0} mt={4}>
              {d.lines.map((l) => (
                <Text size="sm" key={l.budgetLineId}>
                  {l.name}: {formatMoney(l.amountRequested)}
                  {l.amountApproved !== null && l.amountApproved !== l.amountRequested
                    ? ` (approved ${formatMoney(l.amountApproved)})`
                    : ''}
                </Text>
              ))}
            </Stack>
            {d.note ? (
              <Text size="sm" mt={4}>
                Your note: {d.note}
              </Text>
            ) : null}
            {d.inspection ? (
              <Text size="sm" mt={4}>
                {d.inspection.completedAt
                  ? `Inspected: ${d.inspection.percentComplete ?? 0}% complete${d.inspection.notes ? ` — ${d.inspection.notes}` : ''}`
                  : `Inspection on ${formatPlainDate(d.inspection.scheduledFor)} by ${d.inspection.inspector}`}
              </Text>
            ) : null}
            {d.status === 'approved' || d.status === 'disbursed' ? (
              <Text size="sm" mt={4} c="teal.8">
                Approved {formatMoney(d.amountApproved)}
                {d.disbursedOn
                  ? ` · disbursed ${formatPlainDate(d.disbursedOn)}`
                  : ' · waiting to be paid out'}
              </Text>
            ) : null}
            {d.decisionNote ? (
              <Text size="sm" mt={4} c={d.status === 'rejected' ? 'red' : undefined}>
                {d.status === 'rejected' ? 'Reason' : 'Lender note'}: {d.decisionNote}
              </Text>
            ) : null}
            {d.photos.length > 0 ? (
              <Group gap={4} mt={4} wrap="wrap">
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
            ) : null}
          </Card>
        );
      })}
    </Stack>
  );
}
