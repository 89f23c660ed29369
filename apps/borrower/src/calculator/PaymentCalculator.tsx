/**
 * "What would my payment be?" — the loan math engine behind the public `calculator.schedule`
 * query. The form validates with the engine's own `loanTermsSchema`, so what it accepts is exactly
 * what the API accepts. Loaded lazily from the home page (the schema brings zod refinements and
 * a Temporal polyfill that the first page does not need).
 */
import {
  type Amortization,
  generateSchedule,
  loanTermsSchema,
  type OddFirstPeriod,
} from '@lending/loan-math';
import { applyFieldErrors, formatError, formatPlainDate, useTRPC } from '@lending/ui';
import {
  Alert,
  Box,
  Button,
  Card,
  Collapse,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useEffect, useId, useMemo, useState } from 'react';
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import { formatDollars, normalizeAmount } from './format.ts';

type TermsInput = z.input<typeof loanTermsSchema>;

interface CalculatorValues {
  /** As typed: "250,000" is fine, separators are dropped before validation. */
  principal: string;
  /** Percent per year, as typed. */
  annualRate: string;
  /** Number of monthly payments, as typed. */
  payments: string;
  amortization: Amortization;
  /** `YYYY-MM-DD` from the native date input. */
  firstDueDate: string;
  /** What happens to a first period longer or shorter than a month. */
  oddFirstPeriod: OddFirstPeriod;
  /** Origination points in percent of the amount, as typed ("" = none). */
  originationPoints: string;
  /** Fees charged at funding, as typed ("" = none). */
  originationFee: string;
}

const ODD_FIRST_PERIOD_OPTIONS: { value: OddFirstPeriod; label: string }[] = [
  { value: 'level', label: 'Spread over equal payments' },
  { value: 'accrue', label: 'Added to the last payment' },
  { value: 'prepaid', label: 'Paid when the loan is funded' },
];

const AMORTIZATION_OPTIONS: { value: Amortization; label: string }[] = [
  { value: 'equal_installments', label: 'Equal installments' },
  { value: 'interest_only', label: 'Interest only (balloon at the end)' },
  { value: 'equal_principal', label: 'Equal principal' },
];

const AMORTIZATION_LABEL: Record<Amortization, string> = {
  equal_installments: 'equal installments',
  interest_only: 'interest only',
  equal_principal: 'equal principal',
};

const orUndefined = (s: string) => (s === '' ? undefined : s);

/** The terms object the engine reads; the loan is assumed to be paid out today. */
function toTerms(values: CalculatorValues, start: Temporal.PlainDate): TermsInput {
  const startDate = start.toString();
  const typed = values.payments.trim();
  // A number goes to the schema as a number ("must be a whole number (got 1.5)"), anything else as typed.
  const payments: unknown =
    typed === '' ? undefined : /^[+-]?\d+(\.\d+)?$/.test(typed) ? Number(typed) : typed;
  return {
    // An empty field is left out, so the schema says what to give ("is required: give …").
    principal: orUndefined(normalizeAmount(values.principal)) as string,
    annualRate: orUndefined(values.annualRate.trim()) as string,
    startDate,
    // `undefined` keeps a cleared field "required" in the schema's own words.
    payments: payments as number,
    frequency: 'monthly',
    amortization: values.amortization,
    oddFirstPeriod: values.oddFirstPeriod,
    ...(values.firstDueDate ? { firstDueDate: values.firstDueDate } : {}),
    ...(values.originationPoints.trim() ? { originationPoints: values.originationPoints.trim() } : {}),
    ...(values.originationFee.trim() ? { originationFee: normalizeAmount(values.originationFee) } : {}),
  };
}

/**
 * The schema's messages follow the field's name ("principal: must not be negative …"); under a
 * labelled input they read as sentences: "Must not be negative …", "Give the loan amount …".
 */
function asSentences(errors: FormErrors): FormErrors {
  const out: FormErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (typeof message !== 'string') {
      out[path] = message;
      continue;
    }
    const text = message.replace(/^is required: /, '');
    out[path] = text.charAt(0).toUpperCase() + text.slice(1);
  }
  return out;
}

const resolveTerms = zod4Resolver(loanTermsSchema);

export default function PaymentCalculator() {
  const trpc = useTRPC();
  const titleId = useId();
  const scheduleId = useId();
  // Fixed for the life of the card: "today" does not move under a person's feet.
  // Today where the person is; due dates roll by calendar months (Jan 31 → Feb 28/29) as in the engine.
  const [today] = useState(() => Temporal.Now.plainDateISO());
  const [terms, setTerms] = useState<TermsInput | null>(null);
  const [showSchedule, setShowSchedule] = useState(false);

  const form = useForm<CalculatorValues>({
    mode: 'uncontrolled',
    // A typical bridge loan.
    initialValues: {
      principal: '250,000',
      annualRate: '10',
      payments: '12',
      amortization: 'interest_only',
      firstDueDate: today.add({ months: 1 }).toString(),
      oddFirstPeriod: 'level',
      originationPoints: '',
      originationFee: '',
    },
    validate: (values) => asSentences(resolveTerms(toTerms(values, today) as Record<string, unknown>)),
    validateInputOnBlur: true,
  });

  const schedule = useQuery({
    ...trpc.calculator.schedule.queryOptions(terms ?? skipToken),
    placeholderData: keepPreviousData,
  });

  // The terms of the numbers on screen (while new ones load, the previous result stays, dimmed).
  const [shownTerms, setShownTerms] = useState<TermsInput | null>(null);
  useEffect(() => {
    if (schedule.isSuccess && !schedule.isPlaceholderData) setShownTerms(terms);
  }, [schedule.isSuccess, schedule.isPlaceholderData, terms]);

  // A BAD_REQUEST from the API (it validates with the same schema) goes under the inputs too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per error (the form object is new on every render)
  useEffect(() => {
    if (schedule.error) applyFieldErrors(form, schedule.error);
  }, [schedule.error]);

  const onSubmit = form.onSubmit((values) => {
    setTerms(toTerms(values, today));
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId}>
        What would my payment be?
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        An estimate with monthly payments, as if the loan were paid out today. Your offer may differ.
      </Text>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <form onSubmit={onSubmit} noValidate aria-label="Loan terms">
          <Stack gap="sm">
            <TextInput
              label="Loan amount"
              leftSection={<span aria-hidden="true">$</span>}
              inputMode="decimal"
              autoComplete="off"
              required
              key={form.key('principal')}
              {...form.getInputProps('principal')}
            />
            <Group grow align="flex-start" gap="sm">
              <TextInput
                label="Annual rate"
                rightSection={<span aria-hidden="true">%</span>}
                inputMode="decimal"
                autoComplete="off"
                required
                key={form.key('annualRate')}
                {...form.getInputProps('annualRate')}
              />
              <TextInput
                label="Term in months"
                inputMode="numeric"
                autoComplete="off"
                required
                key={form.key('payments')}
                {...form.getInputProps('payments')}
              />
            </Group>
            <NativeSelect
              label="Repayment"
              data={AMORTIZATION_OPTIONS}
              key={form.key('amortization')}
              {...form.getInputProps('amortization')}
            />
            <TextInput
              type="date"
              label="First payment date"
              min={today.add({ days: 1 }).toString()}
              key={form.key('firstDueDate')}
              {...form.getInputProps('firstDueDate')}
            />
            <NativeSelect
              label="A first month longer or shorter than a month"
              description="Its extra (or missing) days of interest are…"
              data={ODD_FIRST_PERIOD_OPTIONS}
              key={form.key('oddFirstPeriod')}
              {...form.getInputProps('oddFirstPeriod')}
            />
            <Group grow align="flex-start" gap="sm">
              <TextInput
                label="Points"
                description="Percent of the amount"
                rightSection={<span aria-hidden="true">%</span>}
                inputMode="decimal"
                autoComplete="off"
                placeholder="0"
                key={form.key('originationPoints')}
                {...form.getInputProps('originationPoints')}
              />
              <TextInput
                label="Fees at funding"
                description="Origination and other fees"
                leftSection={<span aria-hidden="true">$</span>}
                inputMode="decimal"
                autoComplete="off"
                placeholder="0"
                key={form.key('originationFee')}
                {...form.getInputProps('originationFee')}
              />
            </Group>
            <Group justify="flex-end">
              <Button type="submit" loading={schedule.isFetching} w={{ base: '100%', xs: 'auto' }}>
                Calculate
              </Button>
            </Group>
          </Stack>
        </form>

        <Box aria-live="polite">
          {schedule.isError ? (
            <Alert color="red" title="Could not calculate" role="alert">
              {formatError(schedule.error)}
            </Alert>
          ) : terms === null ? (
            <Paper withBorder p="lg" radius="md" h="100%" style={{ borderStyle: 'dashed' }}>
              <Stack gap={4} justify="center" h="100%">
                <Text fw={600}>Your estimate will show here</Text>
                <Text size="sm" c="dimmed">
                  Enter an amount, a rate and a term, then press Calculate to see your monthly payment, the
                  last payment, the total interest and every payment date.
                </Text>
              </Stack>
            </Paper>
          ) : schedule.isPending || !shownTerms ? (
            <Stack gap="sm" role="status" aria-label="Calculating">
              <Skeleton height={56} />
              <Skeleton height={56} />
              <Skeleton height={56} />
            </Stack>
          ) : (
            <Summary schedule={schedule.data} terms={shownTerms} stale={schedule.isPlaceholderData} />
          )}
        </Box>
      </SimpleGrid>

      {schedule.data && !schedule.isError && (
        <Box mt="lg">
          <Button
            variant="subtle"
            px={0}
            onClick={() => setShowSchedule((open) => !open)}
            aria-expanded={showSchedule}
            aria-controls={scheduleId}
          >
            {showSchedule ? 'Hide schedule' : `Show schedule (${schedule.data.installments.length} payments)`}
          </Button>
          <Collapse expanded={showSchedule} keepMounted={false} id={scheduleId}>
            <ScheduleTable schedule={schedule.data} />
          </Collapse>
        </Box>
      )}
    </Card>
  );
}

interface ScheduleData {
  installments: {
    number: number;
    dueDate: string;
    principal: string;
    interest: string;
    total: string;
    balance: string;
  }[];
  totals: { principal: string; interest: string; total: string };
  installmentAmount: string | null;
  maturityDate: string;
  prepaidInterest: string;
  prepaidFinanceCharges: string;
  firstPeriod: { days: number; irregular: boolean; treatment: OddFirstPeriod };
  apr: { apr: string; financeCharge: string; amountFinanced: string };
}

/** The payment most installments have (all but the last), e.g. the monthly interest of an interest-only loan. */
function regularPayment(schedule: ScheduleData): string | null {
  if (schedule.installmentAmount) return schedule.installmentAmount;
  const regular = schedule.installments.slice(0, -1);
  const counts = new Map<string, number>();
  for (const i of regular) counts.set(i.total, (counts.get(i.total) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [total, n] of counts) {
    if (n > bestCount) {
      best = total;
      bestCount = n;
    }
  }
  return best;
}

function Summary({ schedule, terms, stale }: { schedule: ScheduleData; terms: TermsInput; stale: boolean }) {
  const amortization = (terms.amortization ?? 'equal_installments') as Amortization;
  const first = schedule.installments[0];
  const last = schedule.installments.at(-1);
  const count = schedule.installments.length;
  const regular = amortization === 'equal_principal' ? null : regularPayment(schedule);
  const firstDiffers = first && regular && count > 1 && first.total !== regular;

  const stats: { label: string; value: string; text?: string; note?: string; big?: boolean }[] = [];
  if (count === 1 && last) {
    stats.push({
      label: 'Single payment',
      value: last.total,
      note: `Due ${formatPlainDate(last.dueDate)}`,
      big: true,
    });
  } else {
    if (amortization === 'equal_principal' && first) {
      stats.push({
        label: 'First payment',
        value: first.total,
        note: 'Each payment repays the same principal, so payments go down over time.',
        big: true,
      });
    } else if (regular) {
      stats.push({
        label: amortization === 'interest_only' ? 'Monthly payment (interest only)' : 'Monthly payment',
        value: regular,
        note: firstDiffers
          ? `The first payment is ${formatDollars(first.total)} (a longer or shorter first month).`
          : undefined,
        big: true,
      });
    }
    if (last) {
      stats.push({
        label: amortization === 'interest_only' ? 'Last payment (balloon)' : 'Last payment',
        value: last.total,
        note:
          amortization === 'interest_only'
            ? `Repays the ${formatDollars(last.principal)} borrowed, due ${formatPlainDate(last.dueDate)}.`
            : `Due ${formatPlainDate(last.dueDate)}.`,
      });
    }
  }
  stats.push({ label: 'Total interest', value: schedule.totals.interest });
  stats.push({ label: 'Total of all payments', value: schedule.totals.total });
  const atFunding = schedule.prepaidFinanceCharges !== '0.00';
  stats.push({
    label: 'APR',
    value: schedule.apr.apr,
    text: `${formatPercent(schedule.apr.apr)}%`,
    note: atFunding
      ? `With ${formatDollars(schedule.prepaidFinanceCharges)} paid at funding (points, fees, prepaid interest).`
      : 'The yearly cost of the loan, interest and fees together.',
  });

  return (
    <Stack gap="sm" style={{ opacity: stale ? 0.6 : 1, transition: 'opacity 120ms' }} aria-busy={stale}>
      <Text size="sm" c="dimmed">
        {formatDollars(String(terms.principal))} at {String(terms.annualRate)}% for {count} month
        {count === 1 ? '' : 's'}, {AMORTIZATION_LABEL[amortization]}.
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" component="dl" m={0}>
        {stats.map((stat) => (
          <Paper key={stat.label} withBorder p="sm" radius="md">
            <Text component="dt" size="sm" c="dimmed">
              {stat.label}
            </Text>
            <Text component="dd" m={0} fw={700} size={stat.big ? 'xl' : 'lg'}>
              {stat.text ?? formatDollars(stat.value)}
            </Text>
            {stat.note && (
              <Text component="dd" m={0} size="xs" c="dimmed">
                {stat.note}
              </Text>
            )}
          </Paper>
        ))}
      </SimpleGrid>
      {schedule.firstPeriod.irregular && <FirstPeriod schedule={schedule} terms={terms} />}
    </Stack>
  );
}

/** "9.6857" → "9.69" (APRs are disclosed to two decimals). */
function formatPercent(apr: string): string {
  const [int = '0', frac = ''] = apr.split('.');
  const hundredths = BigInt(int + frac.padEnd(4, '0').slice(0, 4));
  const rounded = (hundredths + 50n) / 100n; // half up at the third decimal
  return `${rounded / 100n}.${String(rounded % 100n).padStart(2, '0')}`;
}

const TREATMENT_EFFECT: Record<OddFirstPeriod, string> = {
  level: 'its interest is spread so that every payment is the same',
  accrue: 'its extra interest makes the last payment different',
  prepaid: 'the interest before the first full month is paid when the loan is funded',
};

/**
 * An irregular first period, in one sentence, and what each way of handling it does to the
 * payments (computed here with the same engine: it is pure and runs in the browser).
 */
function FirstPeriod({ schedule, terms }: { schedule: ScheduleData; terms: TermsInput }) {
  const { days, treatment } = schedule.firstPeriod;
  const options = useMemo(
    () =>
      ODD_FIRST_PERIOD_OPTIONS.map((option) => {
        try {
          const s = generateSchedule({ ...terms, oddFirstPeriod: option.value } as Parameters<
            typeof generateSchedule
          >[0]);
          return {
            ...option,
            first: s.installments[0]?.total,
            last: s.installments.at(-1)?.total,
            upfront: s.prepaidInterest,
          };
        } catch {
          return { ...option, first: undefined, last: undefined, upfront: undefined };
        }
      }),
    [terms],
  );
  const longer = days > 31;
  return (
    <Stack gap={6}>
      <Text size="sm">
        Your first payment is {days} days after the loan is paid out, {longer ? 'longer' : 'shorter'} than a
        month: {TREATMENT_EFFECT[treatment]}.
      </Text>
      <Table.ScrollContainer minWidth={260}>
        <Table fz="xs" withTableBorder style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Caption>
            How the first period can be handled: paid at funding, first and last payments
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">The extra days’ interest</Table.Th>
              <Table.Th scope="col" ta="right">
                At funding
              </Table.Th>
              <Table.Th scope="col" ta="right">
                First
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Last
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {options.map((o) => (
              <Table.Tr
                key={o.value}
                fw={o.value === treatment ? 700 : undefined}
                aria-current={o.value === treatment}
              >
                <Table.Th scope="row" fw="inherit">
                  {o.label}
                </Table.Th>
                {o.last === undefined ? (
                  <Table.Td colSpan={3} ta="right" c="dimmed">
                    Only for a first period of a month or more
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td ta="right">{formatDollars(o.upfront ?? '0.00')}</Table.Td>
                    <Table.Td ta="right">{formatDollars(o.first ?? '0.00')}</Table.Td>
                    <Table.Td ta="right">{formatDollars(o.last)}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ScheduleTable({ schedule }: { schedule: ScheduleData }) {
  const rows = useMemo(
    () =>
      schedule.installments.map((i) => (
        <Table.Tr key={i.number}>
          <Table.Td>{i.number}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPlainDate(i.dueDate)}</Table.Td>
          <Table.Td ta="right">{formatDollars(i.principal)}</Table.Td>
          <Table.Td ta="right">{formatDollars(i.interest)}</Table.Td>
          <Table.Td ta="right" fw={600}>
            {formatDollars(i.total)}
          </Table.Td>
          <Table.Td ta="right">{formatDollars(i.balance)}</Table.Td>
        </Table.Tr>
      )),
    [schedule],
  );
  return (
    <Table.ScrollContainer minWidth={560} mt="xs">
      <Table striped highlightOnHover fz="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Table.Caption>Payment schedule: what each payment repays and the balance after it.</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">No.</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col" ta="right">
              Principal
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Interest
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Payment
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Balance after
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows}</Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" colSpan={2}>
              Total
            </Table.Th>
            <Table.Td ta="right" fw={600}>
              {formatDollars(schedule.totals.principal)}
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {formatDollars(schedule.totals.interest)}
            </Table.Td>
            <Table.Td ta="right" fw={600}>
              {formatDollars(schedule.totals.total)}
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
