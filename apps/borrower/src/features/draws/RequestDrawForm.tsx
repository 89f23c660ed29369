/**
 * "Request a draw": an amount per budget line (checked here against the line's remaining budget so
 * a typo is caught at once; the server checks again under the loan's lock and is the authority),
 * photos uploaded as documents of the loan's application (checklist key `draw_photo`) with a
 * progress bar, and a note. The idempotency key is made once for the form's life and renewed only
 * after a success, so a double click or a retry after a network error makes one request.
 */
import {
  DRAW_MAX_PHOTOS,
  DRAW_NOTE_MAX,
  DRAW_PHOTO_CHECKLIST_KEY,
  requestDrawInput,
} from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import {
  centsToAmount,
  formatError,
  formatMoney,
  normalizeAmount,
  notifySuccess,
  toCents,
  uploadWithProgress,
  useApiHeaders,
  useTRPC,
} from '@lending/ui';
import {
  Alert,
  Button,
  CloseButton,
  FileButton,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

type BudgetLine = RouterOutputs['draws']['mine']['budget']['lines'][number];
type Photo = { documentId: string; fileName: string };

const amountSchema = requestDrawInput.shape.lines.element.shape.amount;
const newKey = () => `draw-${crypto.randomUUID()}`;

/** The message for one line's typed amount, or null when it is empty or fine. */
function lineProblem(typed: string, line: BudgetLine): string | null {
  const value = normalizeAmount(typed);
  if (value === '') return null;
  const parsed = amountSchema.safeParse(value);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Give an amount such as 5000.00.';
  const cents = toCents(value);
  const left = toCents(line.remaining);
  if (cents !== null && left !== null && cents > left)
    return `At most ${formatMoney(line.remaining)} is left of this line.`;
  return null;
}

export function RequestDrawForm({
  loanId,
  applicationId,
  lines,
}: {
  loanId: string;
  applicationId: string;
  lines: BudgetLine[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headers = useApiHeaders();
  const request = useMutation(trpc.draws.request.mutationOptions());
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [upload, setUpload] = useState<{ fileName: string; percent: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);

  const open = lines.filter((l) => toCents(l.remaining) !== 0n);
  const problems = Object.fromEntries(open.map((l) => [l.id, lineProblem(amounts[l.id] ?? '', l)]));
  const asked = open
    .map((l) => ({ budgetLineId: l.id, amount: normalizeAmount(amounts[l.id] ?? '') }))
    .filter((l) => l.amount !== '' && toCents(l.amount) !== 0n);
  // Exact: whole cents as BigInt, only to show the total asked for.
  const total = asked.reduce((sum, l) => sum + (toCents(l.amount) ?? 0n), 0n);
  const noteProblem = note.length > DRAW_NOTE_MAX ? `A note has at most ${DRAW_NOTE_MAX} characters.` : null;
  const invalid = Object.values(problems).some(Boolean) || asked.length === 0 || noteProblem !== null;

  const addPhotos = async (files: File[]) => {
    setUploadError(null);
    for (const file of files) {
      if (photos.length >= DRAW_MAX_PHOTOS) {
        setUploadError(`A draw has at most ${DRAW_MAX_PHOTOS} photos.`);
        return;
      }
      setUpload({ fileName: file.name, percent: 0 });
      try {
        const params = new URLSearchParams({
          applicationId,
          checklistKey: DRAW_PHOTO_CHECKLIST_KEY,
          fileName: file.name,
        });
        const answer = await uploadWithProgress<{ document: { id: string; fileName: string } }>({
          url: `/api/documents/upload?${params}`,
          file,
          headers: await headers(),
          onProgress: (percent) => setUpload({ fileName: file.name, percent }),
        });
        setPhotos((list) => [
          ...list,
          { documentId: answer.document.id, fileName: answer.document.fileName },
        ]);
      } catch (e) {
        setUploadError(`${file.name}: ${formatError(e)}`);
      } finally {
        setUpload(null);
      }
    }
  };

  const submit = async () => {
    setTouched(true);
    setServerError(null);
    if (invalid || upload) return;
    try {
      const answer = await request.mutateAsync({
        loanId,
        idempotencyKey,
        lines: asked,
        photoDocumentIds: photos.map((p) => p.documentId),
        note: note.trim() || undefined,
      });
      notifySuccess(
        `Draw ${answer.draw.number} requested: ${formatMoney(answer.draw.amountRequested)}. Your lender will schedule an inspection.`,
      );
      setAmounts({});
      setNote('');
      setPhotos([]);
      setTouched(false);
      setIdempotencyKey(newKey());
      await queryClient.invalidateQueries({ queryKey: trpc.draws.pathKey() });
    } catch (e) {
      // The key is kept: sending again after an error is the same request.
      setServerError(formatError(e));
    }
  };

  return (
    <form
      aria-label="Request a draw"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Title order={3} size="h5" mb="xs">
        Request a draw
      </Title>
      {open.length === 0 ? (
        <Text size="sm">Every line of the budget is used: there is nothing left to draw.</Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {open.map((l) => (
              <TextInput
                key={l.id}
                label={l.name}
                description={`${formatMoney(l.remaining)} left`}
                placeholder="0.00"
                inputMode="decimal"
                value={amounts[l.id] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setAmounts((a) => ({ ...a, [l.id]: value }));
                }}
                error={problems[l.id] ?? null}
              />
            ))}
          </SimpleGrid>
          <Text size="sm" aria-live="polite">
            Total asked for: <b>{formatMoney(centsToAmount(total))}</b>
          </Text>
          {touched && asked.length === 0 ? (
            <Text size="sm" c="red">
              Ask for an amount on at least one budget line.
            </Text>
          ) : null}
          <Stack gap={4}>
            <Group gap="xs">
              <FileButton
                onChange={(files) => void addPhotos(files)}
                accept="image/png,image/jpeg,image/webp,application/pdf"
                multiple
              >
                {(props) => (
                  <Button {...props} variant="light" size="sm" disabled={upload !== null}>
                    Add photos
                  </Button>
                )}
              </FileButton>
              <Text size="xs" c="dimmed">
                Photos of the work (JPEG, PNG or PDF), up to {DRAW_MAX_PHOTOS}.
              </Text>
            </Group>
            {upload ? (
              <Stack gap={2}>
                <Text size="xs">Uploading {upload.fileName}…</Text>
                <Progress value={upload.percent} aria-label={`Uploading ${upload.fileName}`} />
              </Stack>
            ) : null}
            {uploadError ? (
              <Text size="sm" c="red" role="alert">
                {uploadError}
              </Text>
            ) : null}
            {photos.length > 0 ? (
              <Stack
                gap={2}
                component="ul"
                aria-label="Photos to send"
                style={{ listStyle: 'none', margin: 0, padding: 0 }}
              >
                {photos.map((p) => (
                  <Group key={p.documentId} component="li" gap={4} wrap="nowrap">
                    <Text size="sm" truncate style={{ minWidth: 0 }}>
                      {p.fileName}
                    </Text>
                    <CloseButton
                      size="sm"
                      aria-label={`Remove ${p.fileName}`}
                      onClick={() => setPhotos((list) => list.filter((x) => x.documentId !== p.documentId))}
                    />
                  </Group>
                ))}
              </Stack>
            ) : null}
          </Stack>
          <Textarea
            label="Note (optional)"
            placeholder="What was done since the last draw"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteProblem}
          />
          {serverError ? (
            <Alert color="red" title="The draw was not requested" role="alert">
              {serverError}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={request.isPending} disabled={upload !== null}>
              Request draw
            </Button>
          </Group>
        </Stack>
      )}
    </form>
  );
}
