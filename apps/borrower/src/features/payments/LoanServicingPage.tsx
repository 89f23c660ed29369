import { PAYMENT_METHODS, type SubmitPaymentInput, submitPaymentInput } from '@lending/core/inputs';
import {
  downloadWithAuth,
  formatMoney,
  formatPlainDate,
  normalizeAmount,
  notifyError,
  notifySuccess,
  PageHeader,
  QueryFallback,
  useApiHeaders,
  useIsPhone,
  useTRPC,
} from '@lending/ui';
import {
  Badge,
  Button,
  Card,
  Group,
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
import { useState } from 'react';
import { useParams } from 'react-router';
import { ConstructionDraws } from '../draws/ConstructionDraws.tsx';
import { PayoffSection } from './PayoffSection.tsx';

const STATUS_COLORS = { paid: 'teal', late: 'red', due: 'yellow', upcoming: 'gray' } as const;
const METHOD_LABELS: Record<string, string> = {
  ach: 'ACH transfer',
  wire: 'Wire',
  check: 'Check',
  cash: 'Cash',
  card: 'Card',
  other: 'Other',
};

const validatePayment = zod4Resolver(submitPaymentInput);
const todayIso = () => new Date().toISOString().slice(0, 10);
const newKey = () => `sub-${crypto.randomUUID()}`;

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="sm" component="section" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="lg">
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

/** Months from the funding month to this month, newest first ('YYYY-MM'). */
function statementMonths(fundedOn: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(fundedOn.slice(0, 4)), Number(fundedOn.slice(5, 7))];
  const end = todayIso().slice(0, 7);
  for (let guard = 0; guard < 480; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) break;
    months.unshift(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

function PaymentForm({ loanId }: { loanId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const submit = useMutation(trpc.borrowerLoans.submitPayment.mutationOptions());
  const form = useForm<SubmitPaymentInput>({
    initialValues: {
      loanId,
      idempotencyKey: newKey(),
      amount: '',
      paymentDate: todayIso(),
      method: 'ach',
      reference: '',
    },
    // "1,234.56" and "$1234.56" are what people type: validated as the API will read them.
    validate: (values) => validatePayment({ ...values, amount: normalizeAmount(values.amount) }),
    transformValues: (v) => ({
      ...v,
      amount: normalizeAmount(v.amount),
      reference: v.reference || undefined,
    }),
  });
  return (
    <form
      aria-label="Make a payment"
      onSubmit={form.onSubmit(async (values) => {
        try {
          await submit.mutateAsync(values);
          notifySuccess('Payment submitted. Your lender confirms it when the money arrives.');
          form.setValues({ amount: '', reference: '', idempotencyKey: newKey() });
          await queryClient.invalidateQueries({ queryKey: trpc.borrowerLoans.pathKey() });
        } catch (error) {
          notifyError(error, 'The payment could not be submitted');
        }
      })}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Amount"
          placeholder="2500.00"
          inputMode="decimal"
          {...form.getInputProps('amount')}
        />
        <TextInput label="Payment date" type="date" {...form.getInputProps('paymentDate')} />
        <Select
          label="Method"
          data={PAYMENT_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] ?? m }))}
          allowDeselect={false}
          {...form.getInputProps('method')}
        />
        <TextInput
          label="Reference (optional)"
          placeholder="Bank transfer 12"
          {...form.getInputProps('reference')}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button type="submit" loading={submit.isPending}>
          Submit payment
        </Button>
      </Group>
    </form>
  );
}

export default function LoanServicingPage() {
  const { loanId = '' } = useParams();
  const trpc = useTRPC();
  const isPhone = useIsPhone();
  const headers = useApiHeaders();
  const detail = useQuery(trpc.borrowerLoans.detail.queryOptions({ loanId }));
  const loans = useQuery(trpc.borrowerLoans.list.queryOptions());
  const loan = loans.data?.loans.find((l) => l.id === loanId);
  const months = loan ? statementMonths(loan.fundedOn) : [];
  const [month, setMonth] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  if (!detail.data) return <QueryFallback query={detail} noun="loan" />;
  const { balances: b, ledger, submissions } = detail.data;
  const title = loan ? `Loan ${loan.reference}` : 'Loan';

  return (
    <Stack gap="lg">
      <PageHeader title={title} description={`Balances and schedule as of ${formatPlainDate(b.asOf)}.`} />
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Figure
          label="Next payment"
          value={b.nextDue ? formatMoney(b.nextDue.amount) : '—'}
          hint={b.nextDue ? `due ${formatPlainDate(b.nextDue.dueDate)}` : 'nothing scheduled'}
        />
        <Figure label="Amount past due" value={formatMoney(b.pastDue)} />
        <Figure
          label="Days past due"
          value={String(b.daysPastDue)}
          hint={b.bucket === 'current' ? 'current' : `${b.bucket} days`}
        />
        <Figure label="Principal outstanding" value={formatMoney(b.principalOutstanding)} />
      </SimpleGrid>

      <Card withBorder padding="md" component="section" aria-labelledby="pay-title">
        <Title order={2} size="h4" id="pay-title" mb="sm">
          Make a payment
        </Title>
        {b.status === 'active' || b.status === 'defaulted' ? (
          <PaymentForm loanId={loanId} />
        ) : (
          <Text size="sm">This loan is {b.status.replace('_', ' ')}: no payments are due.</Text>
        )}
        {submissions.length > 0 ? (
          <Stack gap={4} mt="md" aria-label="Submitted payments">
            {submissions.map((s) => (
              <Group key={s.id} gap="xs" wrap="wrap">
                <Text size="sm">
                  {formatMoney(s.amount)} sent {formatPlainDate(s.paymentDate)}
                </Text>
                <Badge
                  size="sm"
                  color={s.status === 'confirmed' ? 'teal' : s.status === 'rejected' ? 'red' : 'yellow'}
                >
                  {s.status}
                </Badge>
                {s.rejectionReason ? (
                  <Text size="xs" c="dimmed">
                    {s.rejectionReason}
                  </Text>
                ) : null}
              </Group>
            ))}
          </Stack>
        ) : null}
      </Card>

      <ConstructionDraws loanId={loanId} loanStatus={b.status} />

      <Card withBorder padding="md" component="section" aria-labelledby="schedule-title">
        <Title order={2} size="h4" id="schedule-title" mb="sm">
          Schedule
        </Title>
        {isPhone ? (
          <Stack gap="xs">
            {b.installments.map((i) => (
              <Card key={i.number} withBorder padding="xs" aria-label={`Installment ${i.number}`}>
                <Group justify="space-between">
                  <Text size="sm" fw={600}>
                    #{i.number} · {formatPlainDate(i.dueDate)}
                  </Text>
                  <Badge size="sm" color={STATUS_COLORS[i.status]}>
                    {i.status}
                  </Badge>
                </Group>
                <Text size="sm">
                  {formatMoney(i.outstanding)} outstanding · {formatMoney(i.paid)} paid
                </Text>
              </Card>
            ))}
          </Stack>
        ) : (
          <Table striped aria-label="Schedule">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th ta="right">Principal</Table.Th>
                <Table.Th ta="right">Interest</Table.Th>
                <Table.Th ta="right">Paid</Table.Th>
                <Table.Th ta="right">Outstanding</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.installments.map((i) => (
                <Table.Tr key={i.number}>
                  <Table.Td>{i.number}</Table.Td>
                  <Table.Td>{formatPlainDate(i.dueDate)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(i.principal)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(i.interest)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(i.paid)}</Table.Td>
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
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <PayoffSection loanId={loanId} open={b.status === 'active' || b.status === 'defaulted'} />
        <Card withBorder padding="md" component="section" aria-labelledby="statements-title">
          <Title order={2} size="h4" id="statements-title" mb="sm">
            Monthly statements
          </Title>
          <Group align="flex-end" gap="xs">
            <Select
              label="Month"
              data={months}
              value={month ?? months[0] ?? null}
              onChange={setMonth}
              allowDeselect={false}
              w={140}
            />
            <Button
              variant="light"
              loading={downloading}
              disabled={months.length === 0}
              onClick={async () => {
                const chosen = month ?? months[0];
                if (!chosen) return;
                setDownloading(true);
                try {
                  await downloadWithAuth(
                    `/api/loans/${loanId}/statements/${chosen}.pdf`,
                    await headers(),
                    `statement-${chosen}.pdf`,
                  );
                } catch (error) {
                  notifyError(error, 'The statement could not be downloaded');
                } finally {
                  setDownloading(false);
                }
              }}
            >
              Download PDF
            </Button>
          </Group>
        </Card>
      </SimpleGrid>

      <Card withBorder padding="md" component="section" aria-labelledby="history-title">
        <Title order={2} size="h4" id="history-title" mb="sm">
          History
        </Title>
        <Stack gap={4}>
          {ledger.map((e) => (
            <Group key={e.id} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" style={{ minWidth: 0 }}>
                {formatPlainDate(e.effectiveDate)} · {e.description ?? e.kind.replace('_', ' ')}
              </Text>
              <Text size="sm" fw={600}>
                {formatMoney(e.amount)}
              </Text>
            </Group>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}
