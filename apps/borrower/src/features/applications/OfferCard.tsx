import { acceptOfferInput, SIGNATURE_MAX_LENGTH } from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import {
  applyFieldErrors,
  formatDateTime,
  formatError,
  formatMoney,
  formatPercent,
  humanize,
  notifySuccess,
  useTRPC,
} from '@lending/ui';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';

type Offer = RouterOutputs['offers']['mine']['offers'][number];

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
}

/** The lender's offer: its terms, and accept (typed-name signature) or decline while it is open. */
export function OfferCard({ offer, signerName }: { offer: Offer; signerName: string }) {
  const [accepting, setAccepting] = useState(false);
  const [declining, setDeclining] = useState(false);
  const open = offer.status === 'pending';
  return (
    <Card
      withBorder
      padding="lg"
      component="section"
      aria-labelledby="offer-title"
      style={open ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}
    >
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="offer-title">
          {open ? 'Your offer' : 'The offer'}
        </Title>
        <Badge variant="light" color={open ? 'blue' : offer.status === 'accepted' ? 'teal' : 'gray'}>
          {offer.status === 'pending' ? 'Waiting for you' : humanize(offer.status)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label="Amount" value={formatMoney(offer.amount)} />
        <Figure label="Rate" value={formatPercent(offer.annualRatePercent)} />
        <Figure label="APR" value={formatPercent(offer.aprPercent)} />
        <Figure label="Payment" value={formatMoney(offer.paymentAmount)} />
        <Figure label="Term" value={`${offer.termPayments} ${offer.frequency}`} />
        <Figure label="Points" value={formatPercent(offer.originationPoints)} />
        <Figure label="Fees" value={formatMoney(offer.originationFee)} />
        <Figure label="Repayment" value={humanize(offer.amortization)} />
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="xs">
        Finance charge {formatMoney(offer.financeCharge)}; charged at funding{' '}
        {formatMoney(offer.prepaidFinanceCharges)}.{' '}
        {open ? `Open until ${formatDateTime(offer.expiresAt)}.` : ''}
        {offer.acceptedAt ? ` Signed “${offer.signatureName}” on ${formatDateTime(offer.acceptedAt)}.` : ''}
      </Text>
      {offer.notes && (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {offer.notes}
        </Text>
      )}
      {open && (
        <Group mt="md">
          <Button onClick={() => setAccepting(true)}>Accept and sign</Button>
          <Button variant="default" onClick={() => setDeclining(true)}>
            Decline
          </Button>
        </Group>
      )}
      {accepting && <AcceptModal offer={offer} signerName={signerName} onClose={() => setAccepting(false)} />}
      {declining && <DeclineModal offer={offer} onClose={() => setDeclining(false)} />}
    </Card>
  );
}

type AcceptForm = { offerId: string; signatureName: string };

function AcceptModal({
  offer,
  signerName,
  onClose,
}: {
  offer: Offer;
  signerName: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const accept = useMutation(trpc.offers.accept.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<AcceptForm>({
    mode: 'controlled',
    initialValues: { offerId: offer.id, signatureName: '' },
    validate: zod4Resolver(acceptOfferInput),
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await accept.mutateAsync({ ...values, signatureName: values.signatureName.trim() });
      await queryClient.invalidateQueries();
      notifySuccess('Offer accepted and signed. Your lender takes it from here.');
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  });
  return (
    <Modal opened onClose={onClose} title="Accept and sign the offer">
      <form onSubmit={submit} noValidate aria-label="Sign the offer">
        <Stack gap="sm">
          <Text size="sm">
            You accept {formatMoney(offer.amount)} at {formatPercent(offer.annualRatePercent)} (APR{' '}
            {formatPercent(offer.aprPercent)}) over {offer.termPayments} payments of{' '}
            {formatMoney(offer.paymentAmount)}. Typing your full name is your signature.
          </Text>
          <TextInput
            label="Your full name"
            description={signerName ? `As on your application: ${signerName}` : undefined}
            required
            autoComplete="name"
            maxLength={SIGNATURE_MAX_LENGTH}
            data-autofocus
            styles={{ input: { fontFamily: 'cursive, var(--mantine-font-family)', fontSize: 18 } }}
            {...form.getInputProps('signatureName')}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={accept.isPending}>
              Sign and accept
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeclineModal({ offer, onClose }: { offer: Offer; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const decline = useMutation(trpc.offers.decline.mutationOptions());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title="Decline the offer">
      <Stack gap="sm">
        <Text size="sm">The lender may make you another offer.</Text>
        <Textarea
          label="Why? (optional)"
          autosize
          minRows={2}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={decline.isPending}
            onClick={async () => {
              try {
                await decline.mutateAsync({ offerId: offer.id, reason: reason.trim() || null });
                await queryClient.invalidateQueries();
                notifySuccess('Offer declined. The lender has been told.');
                onClose();
              } catch (e) {
                setError(formatError(e));
              }
            }}
          >
            Decline offer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
