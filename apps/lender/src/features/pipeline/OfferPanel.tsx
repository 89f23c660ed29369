import { issueOfferInput, OFFER_NOTES_MAX_LENGTH, previewOfferInput } from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import { AMORTIZATIONS } from '@lending/loan-math';
import {
  applyFieldErrors,
  formatDateTime,
  formatError,
  formatMoney,
  formatPercent,
  humanize,
  normalizeAmount,
  notifySuccess,
  useTRPC,
} from '@lending/ui';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import type { Workspace } from './workspace-types.ts';

type Offer = RouterOutputs['offers']['list']['offers'][number];

const OFFER_STATUS = {
  pending: { label: 'Pending', color: 'blue' },
  accepted: { label: 'Accepted', color: 'teal' },
  declined: { label: 'Declined', color: 'red' },
  superseded: { label: 'Superseded', color: 'gray' },
  expired: { label: 'Expired', color: 'orange' },
} as const;

type OfferForm = {
  applicationId: string;
  amount: string;
  annualRatePercent: string;
  termPayments: number | string;
  originationPoints: string;
  originationFee: string;
  amortization: string;
  amortizationPayments: number | string;
  validForDays: number | string;
  notes: string;
};

function toInput(v: OfferForm) {
  return {
    applicationId: v.applicationId,
    amount: normalizeAmount(v.amount),
    annualRatePercent: v.annualRatePercent.trim(),
    termPayments: v.termPayments === '' ? (undefined as unknown as number) : Number(v.termPayments),
    originationPoints: v.originationPoints.trim() || undefined,
    originationFee: normalizeAmount(v.originationFee) || undefined,
    amortization: (v.amortization || undefined) as (typeof AMORTIZATIONS)[number] | undefined,
    amortizationPayments: v.amortizationPayments === '' ? null : Number(v.amortizationPayments),
    validForDays: v.validForDays === '' ? (undefined as unknown as number) : Number(v.validForDays),
    notes: v.notes.trim() || null,
  };
}

const validateIssue = zod4Resolver(issueOfferInput);

export function OfferDetails({ offer }: { offer: Offer }) {
  const status = OFFER_STATUS[offer.status];
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600}>
          {formatMoney(offer.amount)} at {formatPercent(offer.annualRatePercent)}
        </Text>
        <Badge color={status.color} variant="light" style={{ flexShrink: 0 }}>
          {status.label}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing={4}>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Term{' '}
          </Text>
          {offer.termPayments} {offer.frequency} payments
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Payment{' '}
          </Text>
          {formatMoney(offer.paymentAmount)}
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            APR{' '}
          </Text>
          {formatPercent(offer.aprPercent)}
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Points{' '}
          </Text>
          {formatPercent(offer.originationPoints)}
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Fees{' '}
          </Text>
          {formatMoney(offer.originationFee)}
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Repayment{' '}
          </Text>
          {humanize(offer.amortization)}
        </Text>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Issued {formatDateTime(offer.issuedAt)} · {offer.status === 'pending' ? 'expires' : 'expiry'}{' '}
        {formatDateTime(offer.expiresAt)}
        {offer.acceptedAt && ` · signed “${offer.signatureName}” ${formatDateTime(offer.acceptedAt)}`}
        {offer.declinedAt && ` · declined ${formatDateTime(offer.declinedAt)}`}
        {offer.declineReason && `: ${offer.declineReason}`}
      </Text>
      {offer.notes && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {offer.notes}
        </Text>
      )}
    </Stack>
  );
}

/** Offers (term sheets): the current one, the history, and the form to issue or supersede. */
export function OfferPanel({ workspace, canIssue }: { workspace: Workspace; canIssue: boolean }) {
  const offers = [...workspace.offers].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  const current = offers.find((o) => o.status === 'pending' || o.status === 'accepted');
  const [formOpen, setFormOpen] = useState(false);
  const mayIssue = canIssue && workspace.availableActions.includes('issue_offer');
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="offer-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="offer-title">
          Offer
        </Title>
        {mayIssue && !formOpen && (
          <Button size="xs" onClick={() => setFormOpen(true)}>
            {current?.status === 'pending' ? 'Make a new offer' : 'Make an offer'}
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        {offers.length === 0 && !formOpen && (
          <Text size="sm" c="dimmed">
            No offer yet.
            {mayIssue ? '' : ' An offer can be made once the application is in review.'}
          </Text>
        )}
        {formOpen && (
          <OfferForm
            workspace={workspace}
            supersedes={current?.status === 'pending'}
            onDone={() => setFormOpen(false)}
          />
        )}
        {offers.map((offer) => (
          <Card
            key={offer.id}
            withBorder
            padding="sm"
            radius="sm"
            aria-label={`Offer of ${formatMoney(offer.amount)}, ${OFFER_STATUS[offer.status].label}`}
          >
            <OfferDetails offer={offer} />
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function OfferForm({
  workspace,
  supersedes,
  onDone,
}: {
  workspace: Workspace;
  supersedes: boolean;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const issue = useMutation(trpc.offers.issue.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const product = workspace.product;
  const form = useForm<OfferForm>({
    mode: 'controlled',
    initialValues: {
      applicationId: workspace.id,
      amount: workspace.requestedAmount ?? '',
      annualRatePercent: product?.baseRatePercent ?? '',
      termPayments: workspace.requestedTermPayments ?? '',
      originationPoints: product?.originationPoints ?? '',
      originationFee: product?.originationFee ?? '',
      amortization: '',
      amortizationPayments: '',
      validForDays: 14,
      notes: '',
    },
    validate: (values) => validateIssue(toInput(values) as never),
    validateInputOnBlur: true,
  });
  const [debounced] = useDebouncedValue(form.values, 400);
  const parsed = previewOfferInput.safeParse(toInput(debounced));
  const preview = useQuery({
    ...trpc.offers.preview.queryOptions(parsed.success ? parsed.data : (undefined as never)),
    enabled: parsed.success,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await issue.mutateAsync({
        ...issueOfferInput.parse(toInput(values)),
        expectedVersion: workspace.version,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
      notifySuccess(
        supersedes
          ? 'New offer issued: it replaces the previous one.'
          : 'Offer issued. The borrower can accept it in their portal.',
      );
      onDone();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="New offer">
      <Stack gap="sm">
        {supersedes && (
          <Alert color="yellow" variant="light">
            Issuing this offer supersedes the pending one.
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput label="Amount ($)" inputMode="decimal" required {...form.getInputProps('amount')} />
          <TextInput
            label="Rate (% a year)"
            inputMode="decimal"
            required
            description={
              product
                ? `Product: ${formatPercent(product.minRatePercent)}–${formatPercent(product.maxRatePercent)}`
                : undefined
            }
            {...form.getInputProps('annualRatePercent')}
          />
          <NumberInput
            label="Term (installments)"
            allowDecimal={false}
            min={1}
            required
            {...form.getInputProps('termPayments')}
          />
          <TextInput
            label="Origination points (%)"
            inputMode="decimal"
            {...form.getInputProps('originationPoints')}
          />
          <TextInput
            label="Origination fees ($)"
            inputMode="decimal"
            {...form.getInputProps('originationFee')}
          />
          <Select
            label="Repayment"
            placeholder="As the product"
            clearable
            data={AMORTIZATIONS.map((a) => ({ value: a, label: humanize(a) }))}
            {...form.getInputProps('amortization')}
            value={form.values.amortization || null}
            onChange={(v) => form.setFieldValue('amortization', v ?? '')}
          />
          <NumberInput
            label="Amortize over (installments)"
            description="Empty: the term"
            allowDecimal={false}
            min={1}
            {...form.getInputProps('amortizationPayments')}
          />
          <NumberInput
            label="Open for (days)"
            allowDecimal={false}
            min={1}
            max={90}
            required
            {...form.getInputProps('validForDays')}
          />
        </SimpleGrid>
        <Textarea
          label="Notes for the borrower"
          autosize
          minRows={2}
          maxLength={OFFER_NOTES_MAX_LENGTH}
          {...form.getInputProps('notes')}
        />
        <Card
          component="section"
          withBorder
          padding="sm"
          bg="var(--mantine-color-default-hover)"
          aria-label="Offer estimate"
          aria-live="polite"
        >
          {!parsed.success ? (
            <Text size="sm" c="dimmed">
              Fill in the amount, rate and term to see the payment and APR.
            </Text>
          ) : preview.isError ? (
            <Text size="sm" c="red">
              {formatError(preview.error)}
            </Text>
          ) : !preview.data ? (
            <Text size="sm" c="dimmed">
              Calculating…
            </Text>
          ) : (
            <SimpleGrid
              cols={{ base: 2, sm: 4 }}
              spacing={4}
              style={{ opacity: preview.isPlaceholderData ? 0.6 : 1 }}
            >
              <Estimate label="Payment" value={formatMoney(preview.data.paymentAmount)} />
              <Estimate label="APR" value={formatPercent(preview.data.aprPercent)} />
              <Estimate label="Final payment" value={formatMoney(preview.data.finalPaymentAmount)} />
              <Estimate label="Finance charge" value={formatMoney(preview.data.financeCharge)} />
            </SimpleGrid>
          )}
        </Card>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={issue.isPending}>
            Issue offer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Estimate({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
}
