import { markPayoffRequestSentInput } from '@lending/core/inputs';
import {
  downloadWithAuth,
  EmptyState,
  formatDateTime,
  formatPlainDate,
  notifyError,
  notifySuccess,
  QueryFallback,
  useActiveOrganization,
  useApiHeaders,
  useTRPC,
} from '@lending/ui';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { Link } from 'react-router';

/** Downloads the payoff letter of a loan for a date (the API renders it; the token goes in a header). */
export function PayoffLetterButton({
  loanId,
  asOf,
  label = 'Download payoff letter',
  size = 'sm',
}: {
  loanId: string;
  asOf: string;
  label?: string;
  size?: 'sm' | 'compact-sm';
}) {
  const headers = useApiHeaders();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      size={size}
      loading={busy}
      disabled={!asOf}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadWithAuth(
            `/api/loans/${loanId}/payoff-letter.pdf?asOf=${encodeURIComponent(asOf)}`,
            await headers(),
            `payoff-letter-${asOf}.pdf`,
          );
        } catch (error) {
          notifyError(error, 'The payoff letter could not be downloaded');
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}

function MarkSentModal({ requestId, onClose }: { requestId: string | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mark = useMutation(trpc.servicing.markPayoffRequestSent.mutationOptions());
  const form = useForm({
    initialValues: { payoffRequestId: requestId ?? '', note: '' },
    validate: (v) => zod4Resolver(markPayoffRequestSentInput)({ ...v, note: v.note || undefined }),
  });
  return (
    <Modal opened={requestId !== null} onClose={onClose} title="Mark the payoff letter sent" centered>
      <form
        onSubmit={form.onSubmit(async (values) => {
          try {
            await mark.mutateAsync({
              payoffRequestId: requestId ?? '',
              note: values.note.trim() || undefined,
            });
            notifySuccess('Marked sent; the borrower is told.');
            await queryClient.invalidateQueries({ queryKey: trpc.servicing.payoffRequests.pathKey() });
            onClose();
          } catch (error) {
            notifyError(error, 'The request could not be marked sent');
          }
        })}
      >
        <TextInput
          label="Note to the borrower (optional)"
          placeholder="Emailed to the title company"
          data-autofocus
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={mark.isPending}>
            Mark sent
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

/**
 * Borrowers' payoff requests — all of the organization's (the servicing queue) or one loan's (its
 * workspace): the letter for each good-through date, and "Mark sent" for servicers and admins.
 */
export function PayoffRequestsList({ loanId }: { loanId?: string }) {
  const trpc = useTRPC();
  const active = useActiveOrganization();
  const canAnswer = active.role === 'admin' || active.role === 'servicer';
  const [status, setStatus] = useState<'open' | 'sent'>('open');
  const [marking, setMarking] = useState<string | null>(null);
  const query = useQuery(trpc.servicing.payoffRequests.queryOptions({ status, loanId }));
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Show payoff requests"
        value={status}
        onChange={(v) => setStatus(v as 'open' | 'sent')}
        data={[
          { value: 'open', label: 'Open' },
          { value: 'sent', label: 'Sent' },
        ]}
        w="fit-content"
        size="xs"
      />
      {!query.data ? (
        <QueryFallback query={query} noun="payoff requests" />
      ) : query.data.requests.length === 0 ? (
        <EmptyState title={status === 'open' ? 'No open payoff requests' : 'No payoff letters sent yet'}>
          Borrowers ask for a payoff letter from their loan's page.
        </EmptyState>
      ) : (
        query.data.requests.map((r) => {
          const label = `Payoff letter for ${r.loanReference}, good through ${formatPlainDate(r.goodThrough)}`;
          return (
            <Card key={r.id} withBorder padding="sm" component="article" aria-label={label}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={600}>
                    {loanId ? (
                      r.loanReference
                    ) : (
                      <Anchor component={Link} to={`/loans/${r.loanId}`}>
                        {r.loanReference}
                      </Anchor>
                    )}{' '}
                    · good through {formatPlainDate(r.goodThrough)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {r.borrowerName} · asked {formatDateTime(r.createdAt)}
                    {r.answeredAt ? ` · sent ${formatDateTime(r.answeredAt)}` : ''}
                  </Text>
                  {r.note ? <Text size="sm">“{r.note}”</Text> : null}
                  {r.answerNote ? <Text size="sm">Answer: {r.answerNote}</Text> : null}
                </Stack>
                <Group gap="xs">
                  <PayoffLetterButton
                    loanId={r.loanId}
                    asOf={r.goodThrough}
                    label="Letter"
                    size="compact-sm"
                  />
                  {r.status === 'open' && canAnswer ? (
                    <Button size="compact-sm" onClick={() => setMarking(r.id)}>
                      Mark sent
                    </Button>
                  ) : (
                    <Badge color={r.status === 'sent' ? 'teal' : 'yellow'}>{r.status}</Badge>
                  )}
                </Group>
              </Group>
            </Card>
          );
        })
      )}
      <MarkSentModal key={marking ?? 'none'} requestId={marking} onClose={() => setMarking(null)} />
    </Stack>
  );
}
