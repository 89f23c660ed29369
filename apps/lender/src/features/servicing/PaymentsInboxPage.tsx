import { rejectSubmissionInput } from '@lending/core/inputs';
import {
  EmptyState,
  formatDateTime,
  formatMoney,
  formatPlainDate,
  notifyError,
  notifySuccess,
  PageHeader,
  QueryFallback,
  useTRPC,
} from '@lending/ui';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { Link } from 'react-router';
import { PendingDraws } from '../draws/PendingDraws.tsx';
import { PayoffRequestsList } from './PayoffRequests.tsx';

type Status = 'pending' | 'confirmed' | 'rejected';

function RejectModal({ submissionId, onClose }: { submissionId: string | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reject = useMutation(trpc.servicing.rejectSubmission.mutationOptions());
  const form = useForm({
    initialValues: { submissionId: submissionId ?? '', reason: '' },
    validate: zod4Resolver(rejectSubmissionInput),
  });
  return (
    <Modal opened={submissionId !== null} onClose={onClose} title="Reject the payment" centered>
      <form
        onSubmit={form.onSubmit(async (values) => {
          try {
            await reject.mutateAsync({ ...values, submissionId: submissionId ?? '' });
            notifySuccess('Payment rejected; the borrower sees why.');
            await queryClient.invalidateQueries({ queryKey: trpc.servicing.pathKey() });
            form.reset();
            onClose();
          } catch (error) {
            notifyError(error, 'The payment could not be rejected');
          }
        })}
      >
        <TextInput
          label="Reason"
          placeholder="Not received"
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={reject.isPending}>
            Reject
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

/** Payments borrowers say they sent: a servicer confirms (posts it to the ledger) or rejects each. */
export default function PaymentsInboxPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('pending');
  const [rejecting, setRejecting] = useState<string | null>(null);
  const query = useQuery(trpc.servicing.paymentSubmissions.queryOptions({ status }));
  const loans = useQuery(trpc.loans.list.queryOptions({ page: 1, pageSize: 100 }));
  const confirm = useMutation(trpc.servicing.confirmSubmission.mutationOptions());
  const loanOf = (id: string) => loans.data?.loans.find((l) => l.id === id);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Payments inbox"
        description="Payments borrowers submitted: confirm one when the money has arrived, or reject it with a reason. Below, the payoff letters borrowers asked for and the draws waiting for a servicer."
      />
      <Group gap="xs" aria-label="Loans to look at">
        <Button component={Link} to="/loans?bucket=due_today" variant="light" size="xs">
          Loans due today
        </Button>
        {(['1-29', '30-59', '60-89', '90+'] as const).map((b) => (
          <Button key={b} component={Link} to={`/loans?bucket=${b}`} variant="subtle" size="xs">
            {b} days past due
          </Button>
        ))}
      </Group>
      <SegmentedControl
        aria-label="Show submissions"
        value={status}
        onChange={(v) => setStatus(v as Status)}
        data={[
          { value: 'pending', label: 'Waiting' },
          { value: 'confirmed', label: 'Confirmed' },
          { value: 'rejected', label: 'Rejected' },
        ]}
        w="fit-content"
      />
      {!query.data ? (
        <QueryFallback query={query} noun="payments" />
      ) : query.data.submissions.length === 0 ? (
        <EmptyState title={status === 'pending' ? 'Nothing waiting' : `No ${status} payments`}>
          Payments borrowers submit in their portal appear here.
        </EmptyState>
      ) : (
        <Stack gap="sm">
          {query.data.submissions.map((s) => {
            const loan = loanOf(s.loanId);
            const label = `${formatMoney(s.amount)} for ${loan?.reference ?? 'a loan'}`;
            return (
              <Card key={s.id} withBorder padding="sm" component="article" aria-label={label}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Stack gap={0}>
                    <Text fw={600}>{label}</Text>
                    <Text size="sm" c="dimmed">
                      {loan?.borrowerName ? `${loan.borrowerName} · ` : ''}sent{' '}
                      {formatPlainDate(s.paymentDate)} by {s.method.toUpperCase()}
                      {s.reference ? ` · ${s.reference}` : ''} · submitted {formatDateTime(s.createdAt)}
                    </Text>
                    {s.rejectionReason ? <Text size="sm">Reason: {s.rejectionReason}</Text> : null}
                  </Stack>
                  {s.status === 'pending' ? (
                    <Group gap="xs">
                      <Button
                        size="sm"
                        loading={confirm.isPending && confirm.variables?.submissionId === s.id}
                        onClick={async () => {
                          try {
                            await confirm.mutateAsync({ submissionId: s.id });
                            notifySuccess(`${label} confirmed and posted to the ledger.`);
                            await queryClient.invalidateQueries({ queryKey: trpc.servicing.pathKey() });
                          } catch (error) {
                            notifyError(error, 'The payment could not be confirmed');
                          }
                        }}
                      >
                        Confirm
                      </Button>
                      <Button size="sm" variant="light" color="red" onClick={() => setRejecting(s.id)}>
                        Reject
                      </Button>
                    </Group>
                  ) : (
                    <Badge color={s.status === 'confirmed' ? 'teal' : 'red'}>{s.status}</Badge>
                  )}
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
      <Stack gap="sm" component="section" aria-labelledby="payoff-requests-title">
        <Title order={2} size="h3" id="payoff-requests-title">
          Payoff requests
        </Title>
        <Text size="sm" c="dimmed">
          Borrowers asking for a payoff letter: send the letter for the date asked, then mark it sent.
        </Text>
        <PayoffRequestsList />
      </Stack>
      <PendingDraws />
      <RejectModal key={rejecting ?? 'none'} submissionId={rejecting} onClose={() => setRejecting(null)} />
    </Stack>
  );
}
