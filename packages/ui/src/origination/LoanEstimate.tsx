/**
 * A live estimate of a loan's payment and APR, computed in the browser by the loan engine as the
 * terms are typed. Its own entry (`@lending/ui/estimate`), imported lazily: the engine brings a
 * Temporal polyfill and decimal.js that the first page does not need.
 */
import { type LoanEstimate as Estimate, estimateLoan, type LoanTermsInput } from '@lending/loan-math';
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { formatMoney, formatPercent } from '../money.ts';
import { formatPlainDate } from '../people.ts';

/** Today's calendar date where the person is, as `YYYY-MM-DD` (the loan is taken as funded today). */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function mostCommonPayment(estimate: Estimate): string | null {
  if (estimate.installmentAmount) return estimate.installmentAmount;
  const counts = new Map<string, number>();
  for (const i of estimate.installments.slice(0, -1)) counts.set(i.total, (counts.get(i.total) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [total, count] of counts)
    if (count > bestCount) {
      best = total;
      bestCount = count;
    }
  return best ?? estimate.installments[0]?.total ?? null;
}

type Result = { ok: true; estimate: Estimate } | { ok: false; message: string };

function run(terms: LoanTermsInput | null): Result | null {
  if (!terms) return null;
  try {
    return { ok: true, estimate: estimateLoan(terms) };
  } catch (error) {
    return {
      ok: false,
      message: error instanceof Error ? error.message : 'These terms cannot be estimated.',
    };
  }
}

/** The estimate of these terms (null: not enough to estimate yet). */
export default function LoanEstimate({
  terms,
  title = 'Estimate',
  emptyText = 'Fill in the amount, rate and term to see the payment and APR.',
}: {
  terms: LoanTermsInput | null;
  title?: string;
  emptyText?: string;
}) {
  const result = useMemo(() => run(terms), [terms]);
  const regular = result?.ok ? mostCommonPayment(result.estimate) : null;
  const last = result?.ok ? result.estimate.installments.at(-1) : undefined;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-label={title}
      bg="var(--mantine-color-default-hover)"
    >
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <div aria-live="polite">
        {!result ? (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        ) : !result.ok ? (
          <Text size="sm" c="dimmed">
            No estimate yet: {result.message}
          </Text>
        ) : (
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
              <Figure label="Payment" value={formatMoney(regular)} />
              <Figure label="APR" value={formatPercent(result.estimate.apr.apr)} />
              <Figure label="Charges at funding" value={formatMoney(result.estimate.prepaidFinanceCharges)} />
              <Figure label="Total interest" value={formatMoney(result.estimate.totals.interest)} />
            </SimpleGrid>
            {last && regular && last.total !== regular && (
              <Text size="xs" c="dimmed">
                Last payment {formatMoney(last.total)} on {formatPlainDate(last.dueDate)} (balloon).
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {result.estimate.installments.length} payments, maturity{' '}
              {formatPlainDate(result.estimate.maturityDate)}. An estimate: the offer states the terms.
            </Text>
          </Stack>
        )}
      </div>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Group gap={0} style={{ flexDirection: 'column', alignItems: 'flex-start' }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </Group>
  );
}
