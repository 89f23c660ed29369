import { PAYOFF_REQUEST_NOTE_MAX, type RequestPayoffInput, requestPayoffInput } from '@lending/core/inputs';
import {
  downloadWithAuth,
  formatDateTime,
  formatMoney,
  formatPlainDate,
  notifyError,
  notifySuccess,
  QueryFallback,
  useApiHeaders,
  useTRPC,
} from '@lending/ui';
import { Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';

const todayIso = () => new Date().toISOString().slice(0, 10);
const newKey = () => `payoff-${crypto.randomUUID()}`;
const validateRequest = zod4Resolver(requestPayoffInput);

/** Saves the payoff letter for a date (the API renders it; a plain link could not send the token). */
function useLetterDownload(loanId: string) {
  const headers = useApiHeaders();
  const [busyFor, setBusyFor] = useState<string | null>(null);
  const download = async (asOf: string) => {
    setBusyFor(asOf);
    try {
      await downloadWithAuth(
        `/api/loans/${loanId}/payoff-letter.pdf?asOf=${encodeURIComponent(asOf)}`,
        await headers(),
        `payoff-letter-${asOf}.pdf`,
      );
    } catch (error) {
      notifyError(error, 'The payoff letter could not be downloaded');
    } finally {
      setBusyFor(null);
    }
  };
  return { download, busyFor };
}

/**
 * The payoff card of the borrower's loan page: a quote and a letter for a good-through date, a
 * request to the lender for that date (with a note), and the requests made so far.
 */
export function PayoffSection({ loanId, open }: { loanId: string; open: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const letter = useLetterDownload(loanId);
  const requests = useQuery(trpc.borrowerLoans.payoffRequests.queryOptions({ loanId }));
  const request = useMutation(trpc.borrowerLoans.requestPayoff.mutationOptions());
  const form = useForm<RequestPayoffInput>({
    initialValues: { loanId, idempotencyKey: newKey(), goodThrough: todayIso(), note: '' },
    validate: (values) => validateRequest({ ...values, note: values.note || undefined }),
    transformValues: (values) => ({ ...values, note: values.note?.trim() || undefined }),
  });
  const goodThrough = form.values.goodThrough;
  const [quoteFor, setQuoteFor] = useState<string | null>(null);
  const quote = useQuery({
    ...trpc.borrowerLoans.payoffQuote.queryOptions({ loanId, asOf: quoteFor ?? todayIso() }),
    enabled: quoteFor !== null,
  });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="payoff-title">
      <Title order={2} size="h4" id="payoff-title" mb="sm">
        Payoff
      </Title>
      {open ? (
        <form
          aria-label="Payoff letter"
          onSubmit={form.onSubmit(async (values) => {
            try {
              const { replayed } = await request.mutateAsync(values);
              notifySuccess(
                replayed
                  ? 'That request was already sent.'
                  : 'Payoff letter requested. Your lender is told and answers here.',
              );
              form.setValues({ note: '', idempotencyKey: newKey() });
              await queryClient.invalidateQueries({ queryKey: trpc.borrowerLoans.payoffRequests.pathKey() });
            } catch (error) {
              notifyError(error, 'The payoff letter could not be requested');
            }
          })}
        >
          <Stack gap="xs">
            <TextInput
              label="Good through"
              description="The day you plan to pay the loan off, such as your closing date."
              type="date"
              w={{ base: '100%', xs: 220 }}
              {...form.getInputProps('goodThrough')}
            />
            <Group gap="xs" wrap="wrap">
              <Button variant="light" onClick={() => setQuoteFor(goodThrough)} disabled={!goodThrough}>
                Get a payoff quote
              </Button>
              <Button
                variant="default"
                loading={letter.busyFor === goodThrough}
                disabled={!goodThrough}
                onClick={() => letter.download(goodThrough)}
              >
                Download payoff letter
              </Button>
            </Group>
            {quoteFor === null ? null : !quote.data ? (
              <QueryFallback query={quote} noun="payoff quote" />
            ) : (
              <Stack gap={2} aria-label="Payoff quote figures">
                <Text size="sm">Principal {formatMoney(quote.data.principal)}</Text>
                <Text size="sm">Interest {formatMoney(quote.data.interest)}</Text>
                <Text size="sm">Fees {formatMoney(quote.data.fees)}</Text>
                <Text fw={700}>Total {formatMoney(quote.data.total)}</Text>
                {quote.data.undrawnCommitmentCancelled !== '0.00' ? (
                  <Text size="xs">
                    The {formatMoney(quote.data.undrawnCommitmentCancelled)} of your commitment not drawn yet
                    is cancelled at payoff: you repay only what was disbursed.
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed">
                  Good through {formatPlainDate(quote.data.goodThrough)}; {formatMoney(quote.data.perDiem)} a
                  day after.
                </Text>
              </Stack>
            )}
            <Textarea
              label="Note to your lender (optional)"
              placeholder="Closing with First Title; please send the letter to escrow@firsttitle.example"
              autosize
              minRows={2}
              maxRows={5}
              maxLength={PAYOFF_REQUEST_NOTE_MAX}
              {...form.getInputProps('note')}
            />
            <Group>
              <Button type="submit" loading={request.isPending}>
                Request payoff letter
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text size="sm">This loan is closed: there is nothing to pay off.</Text>
      )}
      {!requests.data ? (
        <QueryFallback query={requests} noun="payoff requests" />
      ) : requests.data.requests.length > 0 ? (
        <Stack
          gap={6}
          mt="md"
          component="ul"
          aria-label="Your payoff requests"
          p={0}
          style={{ listStyle: 'none' }}
        >
          {requests.data.requests.map((r) => (
            <Group key={r.id} component="li" gap="xs" wrap="wrap" justify="space-between">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Text size="sm">Good through {formatPlainDate(r.goodThrough)}</Text>
                  <Badge size="sm" color={r.status === 'sent' ? 'teal' : 'yellow'}>
                    {r.status === 'sent' ? 'sent' : 'waiting'}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  Asked {formatDateTime(r.createdAt)}
                  {r.answerNote ? ` · ${r.answerNote}` : ''}
                </Text>
              </Stack>
              <Button
                size="compact-sm"
                variant="subtle"
                loading={letter.busyFor === r.goodThrough}
                onClick={() => letter.download(r.goodThrough)}
                aria-label={`Download the payoff letter good through ${formatPlainDate(r.goodThrough)}`}
              >
                Download letter
              </Button>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Card>
  );
}
