import {
  type ChargeFeeInput,
  chargeFeeInput,
  type RecordPaymentInput,
  recordPaymentInput,
} from '@lending/core/inputs';
import {
  formatMoney,
  formatPlainDate,
  normalizeAmount,
  notifyError,
  notifySuccess,
  PageHeader,
  QueryFallback,
  useIsPhone,
  useTRPC,
} from '@lending/ui';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import { LoanDraws } from '../draws/LoanDraws.tsx';
import { BUCKET_COLORS } from './LoansPage.tsx';
import { PayoffLetterButton, PayoffRequestsList } from './PayoffRequests.tsx';

const todayIso = () => new Date().toISOString().slice(0, 10);
const key = (what: string) => `${what}-${crypto.randomUUID()}`;
const STATUS_COLORS = { paid: 'teal', late: 'red', due: 'yellow', upcoming: 'gray' } as const;
const validatePayment = zod4Resolver(recordPaymentInput);
const validateFee = zod4Resolver(chargeFeeInput);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.servicing.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.portfolio.pathKey() }),
    ]);
}

function RecordPaymentForm({ loanId }: { loanId: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const record = useMutation(trpc.servicing.recordPayment.mutationOptions());
  const form = useForm<RecordPaymentInput>({
    initialValues: {
      loanId,
      idempotencyKey: key('pay'),
      amount: '',
      effectiveDate: todayIso(),
      method: 'ach',
      reference: '',
    },
    validate: (v) => validatePayment({ ...v, amount: normalizeAmount(v.amount) }),
    transformValues: (v) => ({
      ...v,
      amount: normalizeAmount(v.amount),
      reference: v.reference || undefined,
    }),
  });
  return (
    <form
      aria-label="Record a payment"
      onSubmit={form.onSubmit(async (values) => {
        try {
          await record.mutateAsync(values);
          notifySuccess(`Payment of ${formatMoney(values.amount)} recorded.`);
          form.setValues({ amount: '', reference: '', idempotencyKey: key('pay') });
          await refresh();
        } catch (error) {
          notifyError(error, 'The payment could not be recorded');
        }
      })}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <TextInput label="Amount" inputMode="decimal" {...form.getInputProps('amount')} />
        <TextInput label="Received on" type="date" {...form.getInputProps('effectiveDate')} />
        <Select
          label="Method"
          data={['ach', 'wire', 'check', 'cash', 'card', 'other']}
          allowDeselect={false}
          {...form.getInputProps('method')}
        />
        <TextInput label="Reference" {...form.getInputProps('reference')} />
      </SimpleGrid>
      <Button type="submit" mt="sm" loading={record.isPending}>
        Record payment
      </Button>
    </form>
  );
}

function FeeForm({ loanId }: { loanId: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const charge = useMutation(trpc.servicing.chargeFee.mutationOptions());
  const form = useForm<ChargeFeeInput>({
    initialValues: {
      loanId,
      idempotencyKey: key('fee'),
      amount: '',
      effectiveDate: todayIso(),
      description: '',
    },
    validate: (v) => validateFee({ ...v, amount: normalizeAmount(v.amount) }),
    transformValues: (v) => ({ ...v, amount: normalizeAmount(v.amount) }),
  });
  return (
    <form
      aria-label="Charge a fee"
      onSubmit={form.onSubmit(async (values) => {
        try {
          await charge.mutateAsync(values);
          notifySuccess(`Fee of ${formatMoney(values.amount)} charged.`);
          form.setValues({ amount: '', description: '', idempotencyKey: key('fee') });
          await refresh();
        } catch (error) {
          notifyError(error, 'The fee could not be charged');
        }
      })}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <TextInput label="Fee" inputMode="decimal" {...form.getInputProps('amount')} />
        <TextInput label="Charged on" type="date" {...form.getInputProps('effectiveDate')} />
        <TextInput label="Description" placeholder="Inspection fee" {...form.getInputProps('description')} />
      </SimpleGrid>
      <Button type="submit" mt="sm" variant="light" loading={charge.isPending}>
        Charge fee
      </Button>
    </form>
  );
}

/** A reason, then the action (reverse a payment, default, charge off). */
function ReasonModal({
  title,
  action,
  onClose,
  onConfirm,
}: {
  title: string | null;
  action: string;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const error = reason.trim().length === 0 ? 'Give a reason.' : null;
  const [touched, setTouched] = useState(false);
  return (
    <Modal opened={title !== null} onClose={onClose} title={title} centered>
      <TextInput
        label="Reason"
        value={reason}
        data-autofocus
        onChange={(e) => setReason(e.currentTarget.value)}
        error={touched ? error : null}
      />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          color="red"
          loading={busy}
          onClick={async () => {
            setTouched(true);
            if (error) return;
            setBusy(true);
            try {
              await onConfirm(reason.trim());
              onClose();
            } finally {
              setBusy(false);
            }
          }}
        >
          {action}
        </Button>
      </Group>
    </Modal>
  );
}

export default function LoanWorkspacePage() {
  const { loanId = '' } = useParams();
  const trpc = useTRPC();
  const isPhone = useIsPhone();
  const refresh = useRefresh();
  const loan = useQuery(trpc.loans.get.queryOptions({ loanId }));
  const balances = useQuery(trpc.servicing.loan.queryOptions({ loanId }));
  const ledger = useQuery(trpc.servicing.ledger.queryOptions({ loanId }));
  const [payoffDate, setPayoffDate] = useState(todayIso());
  const quote = useQuery({
    ...trpc.servicing.payoffQuote.queryOptions({ loanId, asOf: payoffDate }),
    enabled: false,
  });
  const reverse = useMutation(trpc.servicing.reversePayment.mutationOptions());
  const postPayoff = useMutation(trpc.servicing.postPayoff.mutationOptions());
  const markDefault = useMutation(trpc.servicing.markDefault.mutationOptions());
  const chargeOff = useMutation(trpc.servicing.chargeOff.mutationOptions());
  const [asking, setAsking] = useState<{
    title: string;
    action: string;
    run: (reason: string) => Promise<void>;
  } | null>(null);

  if (!balances.data) return <QueryFallback query={balances} noun="loan" />;
  const b = balances.data;
  const reference = loan.data?.reference ?? 'Loan';
  const open = b.status === 'active' || b.status === 'defaulted';
  const act = (label: string, fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
      notifySuccess(label);
      await refresh();
    } catch (error) {
      notifyError(error, 'That did not work');
      throw error;
    }
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title={`Servicing ${reference}`}
        description={`${b.status.replace('_', ' ')} · as of ${formatPlainDate(b.asOf)}`}
      />
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {[
          ['Principal', formatMoney(b.principalOutstanding)],
          ['Past due', formatMoney(b.pastDue)],
          ['Days past due', String(b.daysPastDue)],
          [
            'Next due',
            b.nextDue ? `${formatMoney(b.nextDue.amount)} · ${formatPlainDate(b.nextDue.dueDate)}` : '—',
          ],
          ['Accrued interest', formatMoney(b.accruedInterest)],
          ['Interest paid ahead', formatMoney(b.interestPaidAhead)],
          ['Fees owed', formatMoney(b.feesOutstanding)],
          ['Total paid', formatMoney(b.totalPaid)],
        ].map(([label, value]) => (
          <Card key={label} withBorder padding="sm" component="section" aria-label={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={700}>{value}</Text>
          </Card>
        ))}
        <Card withBorder padding="sm">
          <Text size="xs" c="dimmed">
            Bucket
          </Text>
          <Badge color={BUCKET_COLORS[b.bucket]}>{b.bucket}</Badge>
        </Card>
      </SimpleGrid>

      {open ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Section id="record-payment" title="Record a payment">
            <RecordPaymentForm loanId={loanId} />
          </Section>
          <Section id="fees" title="Fees">
            <FeeForm loanId={loanId} />
          </Section>
          <Section id="payoff" title="Payoff">
            <Group align="flex-end" gap="xs">
              <TextInput
                label="Payoff date"
                type="date"
                value={payoffDate}
                onChange={(e) => setPayoffDate(e.currentTarget.value)}
              />
              <Button variant="light" onClick={() => quote.refetch()} loading={quote.isFetching}>
                Quote
              </Button>
              <PayoffLetterButton loanId={loanId} asOf={payoffDate} />
            </Group>
            {quote.data ? (
              <Stack gap={2} mt="sm" aria-label="Payoff quote">
                <Text size="sm">
                  Principal {formatMoney(quote.data.principal)} · interest {formatMoney(quote.data.interest)}{' '}
                  · fees {formatMoney(quote.data.fees)}
                </Text>
                <Text fw={700}>Total {formatMoney(quote.data.total)}</Text>
                {quote.data.undrawnCommitmentCancelled !== '0.00' ? (
                  <Text size="xs">
                    Undrawn commitment of {formatMoney(quote.data.undrawnCommitmentCancelled)} cancelled at
                    payoff (not in the total).
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed">
                  Per diem {formatMoney(quote.data.perDiem)}, good through{' '}
                  {formatPlainDate(quote.data.goodThrough)}
                </Text>
                <Button
                  mt="xs"
                  color="teal"
                  loading={postPayoff.isPending}
                  onClick={() =>
                    act('Payoff posted: the loan is paid off.', () =>
                      postPayoff.mutateAsync({
                        loanId,
                        idempotencyKey: key('payoff'),
                        amount: quote.data.total,
                        effectiveDate: quote.data.asOf,
                        method: 'wire',
                      }),
                    )().catch(() => {})
                  }
                >
                  Post payoff of {formatMoney(quote.data.total)}
                </Button>
              </Stack>
            ) : quote.isError ? (
              <Text c="red" size="sm" mt="xs">
                {quote.error.message}
              </Text>
            ) : null}
          </Section>
          <Section id="default" title="Default and charge-off">
            <Group gap="xs">
              {b.status === 'active' ? (
                <Button
                  color="orange"
                  variant="light"
                  onClick={() =>
                    setAsking({
                      title: `Mark ${reference} in default`,
                      action: 'Mark default',
                      run: (reason) =>
                        act('Loan marked in default.', () =>
                          markDefault.mutateAsync({ loanId, effectiveDate: todayIso(), reason }),
                        )(),
                    })
                  }
                >
                  Mark default
                </Button>
              ) : null}
              {b.status === 'defaulted' ? (
                <Button
                  color="red"
                  variant="light"
                  onClick={() =>
                    setAsking({
                      title: `Charge off ${reference}`,
                      action: 'Charge off',
                      run: (reason) =>
                        act('Loan charged off.', () =>
                          chargeOff.mutateAsync({ loanId, effectiveDate: todayIso(), reason }),
                        )(),
                    })
                  }
                >
                  Charge off
                </Button>
              ) : null}
            </Group>
          </Section>
        </SimpleGrid>
      ) : null}

      <Section id="payoff-requests" title="Payoff requests">
        <PayoffRequestsList loanId={loanId} />
      </Section>
      <LoanDraws loanId={loanId} loanStatus={b.status} />

      <Section id="ledger" title="Ledger">
        {!ledger.data ? (
          <QueryFallback query={ledger} noun="ledger" />
        ) : (
          <Stack gap={4}>
            {ledger.data.entries.map((e) => (
              <Group key={e.id} justify="space-between" wrap={isPhone ? 'wrap' : 'nowrap'} gap="xs">
                <Text size="sm" style={{ minWidth: 0 }}>
                  {formatPlainDate(e.effectiveDate)} · <b>{e.kind.replace('_', ' ')}</b> {e.description ?? ''}
                </Text>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {formatMoney(e.amount)}
                  </Text>
                  {(e.kind === 'payment' || e.kind === 'payoff') &&
                  !ledger.data.entries.some((r) => r.reversesEntryId === e.id) &&
                  (e.principal !== '0.00' || e.interest !== '0.00') ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        setAsking({
                          title: `Reverse the payment of ${formatMoney(e.amount)}`,
                          action: 'Reverse',
                          run: (reason) =>
                            act('Payment reversed; later payments re-applied.', () =>
                              reverse.mutateAsync({ entryId: e.id, idempotencyKey: key('rev'), reason }),
                            )(),
                        })
                      }
                    >
                      Reverse
                    </Button>
                  ) : null}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Section>

      <Section id="schedule" title="Schedule">
        <Table striped aria-label="Schedule">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Due</Table.Th>
              {isPhone ? null : <Table.Th ta="right">Paid</Table.Th>}
              <Table.Th ta="right">Outstanding</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {b.installments.map((i) => (
              <Table.Tr key={i.number}>
                <Table.Td>{i.number}</Table.Td>
                <Table.Td>{formatPlainDate(i.dueDate)}</Table.Td>
                {isPhone ? null : <Table.Td ta="right">{formatMoney(i.paid)}</Table.Td>}
                <Table.Td ta="right">{formatMoney(i.outstanding)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" color={STATUS_COLORS[i.status]}>
                    {i.status}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <ReasonModal
        key={asking?.title ?? 'none'}
        title={asking?.title ?? null}
        action={asking?.action ?? ''}
        onClose={() => setAsking(null)}
        onConfirm={async (reason) => asking?.run(reason)}
      />
    </Stack>
  );
}
