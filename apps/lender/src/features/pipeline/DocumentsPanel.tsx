import { REVIEW_REASON_MAX_LENGTH, reviewDocumentInput } from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import {
  applyFieldErrors,
  downloadWithAuth,
  formatDateTime,
  formatError,
  notifyError,
  notifySuccess,
  QueryFallback,
  TruncatedText,
  useApiHeaders,
  useTRPC,
} from '@lending/ui';
import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';

type DocumentRow = RouterOutputs['documents']['list']['documents'][number];
type ChecklistItem = RouterOutputs['documents']['checklist']['items'][number];

const ITEM_STATUS: Record<ChecklistItem['status'], { label: string; color: string }> = {
  missing: { label: 'Missing', color: 'orange' },
  pending_review: { label: 'To review', color: 'blue' },
  accepted: { label: 'Accepted', color: 'teal' },
  rejected: { label: 'Rejected', color: 'red' },
};

const DOC_STATUS: Record<DocumentRow['status'], { label: string; color: string }> = {
  uploaded: { label: 'To review', color: 'blue' },
  accepted: { label: 'Accepted', color: 'teal' },
  rejected: { label: 'Rejected', color: 'red' },
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The application's checklist and its documents: download, accept, reject with a reason. */
export function DocumentsPanel({ applicationId, canReview }: { applicationId: string; canReview: boolean }) {
  const trpc = useTRPC();
  const checklist = useQuery(trpc.documents.checklist.queryOptions({ applicationId }));
  const list = useQuery(trpc.documents.list.queryOptions({ applicationId }));
  const [rejecting, setRejecting] = useState<DocumentRow | null>(null);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="documents-title">
      <Title order={2} size="h4" id="documents-title" mb="xs">
        Documents
      </Title>
      {!checklist.data || !list.data ? (
        <QueryFallback query={checklist.isError ? checklist : list} noun="documents" />
      ) : (
        <Stack gap="xs">
          <Text size="sm" c={checklist.data.complete ? 'teal' : 'dimmed'}>
            {checklist.data.complete
              ? 'Every required document is accepted.'
              : `${checklist.data.missing.length} of ${checklist.data.items.length} still missing or rejected.`}
          </Text>
          {checklist.data.items.map((item) => {
            const docs = list.data.documents.filter((d) => d.checklistKey === item.key);
            const status = ITEM_STATUS[item.status];
            return (
              <Card key={item.key} withBorder padding="sm" radius="sm" aria-label={item.label}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <TruncatedText fw={500}>{item.label}</TruncatedText>
                  <Badge color={status.color} variant="light" style={{ flexShrink: 0 }}>
                    {status.label}
                  </Badge>
                </Group>
                {docs.length === 0 && (
                  <Text size="sm" c="dimmed">
                    Nothing uploaded yet.
                  </Text>
                )}
                {docs.map((doc) => (
                  <DocumentLine
                    key={doc.id}
                    doc={doc}
                    canReview={canReview}
                    onReject={() => setRejecting(doc)}
                  />
                ))}
              </Card>
            );
          })}
          {list.data.documents
            .filter((d) => !checklist.data.items.some((i) => i.key === d.checklistKey))
            .map((doc) => (
              <DocumentLine key={doc.id} doc={doc} canReview={canReview} onReject={() => setRejecting(doc)} />
            ))}
        </Stack>
      )}
      <RejectModal applicationId={applicationId} doc={rejecting} onClose={() => setRejecting(null)} />
    </Card>
  );
}

function DocumentLine({
  doc,
  canReview,
  onReject,
}: {
  doc: DocumentRow;
  canReview: boolean;
  onReject: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headers = useApiHeaders();
  const review = useMutation(trpc.documents.review.mutationOptions());
  const status = DOC_STATUS[doc.status];
  const accept = async () => {
    try {
      await review.mutateAsync({ documentId: doc.id, decision: 'accepted' });
      await queryClient.invalidateQueries({ queryKey: trpc.documents.pathKey() });
      notifySuccess(`${doc.fileName} accepted.`);
    } catch (error) {
      notifyError(error, 'Could not accept the document');
    }
  };
  return (
    <Stack gap={4} mt="xs" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <TruncatedText size="sm">{doc.fileName}</TruncatedText>
          <Text size="xs" c="dimmed">
            {formatSize(doc.size)} · {doc.uploadedBySide === 'lender' ? 'from you' : 'from the borrower'} ·{' '}
            {formatDateTime(doc.uploadedAt)}
          </Text>
        </Stack>
        <Badge color={status.color} variant="dot" style={{ flexShrink: 0 }}>
          {status.label}
        </Badge>
      </Group>
      {doc.status === 'rejected' && doc.reviewReason && (
        <Text size="xs" c="red">
          Reason: {doc.reviewReason}
        </Text>
      )}
      <Group gap="xs">
        <Button
          size="compact-sm"
          variant="light"
          aria-label={`Download ${doc.fileName}`}
          onClick={async () => {
            try {
              await downloadWithAuth(doc.downloadPath, await headers(), doc.fileName);
            } catch (e) {
              notifyError(e, 'Could not download the file');
            }
          }}
        >
          Download
        </Button>
        {canReview && doc.kind === 'upload' && doc.status !== 'accepted' && (
          <Button
            size="compact-sm"
            color="teal"
            variant="light"
            loading={review.isPending}
            onClick={accept}
            aria-label={`Accept ${doc.fileName}`}
          >
            Accept
          </Button>
        )}
        {canReview && doc.kind === 'upload' && doc.status !== 'rejected' && (
          <Button
            size="compact-sm"
            color="red"
            variant="subtle"
            onClick={onReject}
            aria-label={`Reject ${doc.fileName}`}
          >
            Reject
          </Button>
        )}
      </Group>
    </Stack>
  );
}

type RejectForm = { documentId: string; decision: 'rejected'; reason: string };

function RejectModal({
  applicationId,
  doc,
  onClose,
}: {
  applicationId: string;
  doc: DocumentRow | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const review = useMutation(trpc.documents.review.mutationOptions());
  const form = useForm<RejectForm>({
    mode: 'controlled',
    initialValues: { documentId: doc?.id ?? '', decision: 'rejected', reason: '' },
    validate: zod4Resolver(reviewDocumentInput),
    validateInputOnBlur: true,
  });
  const [error, setError] = useState<string | null>(null);
  if (doc && form.values.documentId !== doc.id) {
    form.setValues({ documentId: doc.id, decision: 'rejected', reason: '' });
    form.resetDirty();
  }
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await review.mutateAsync({ ...values, reason: values.reason.trim() });
      await queryClient.invalidateQueries({ queryKey: trpc.documents.pathKey() });
      notifySuccess(`${doc?.fileName ?? 'The document'} rejected. The borrower sees why.`);
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  });
  return (
    <Modal opened={doc !== null} onClose={onClose} title={`Reject ${doc?.fileName ?? 'the document'}`}>
      <form onSubmit={submit} noValidate aria-label="Reject the document" data-application={applicationId}>
        <Stack gap="sm">
          <Textarea
            label="Reason"
            description="The borrower sees it next to the checklist item."
            required
            autosize
            minRows={2}
            maxLength={REVIEW_REASON_MAX_LENGTH}
            data-autofocus
            {...form.getInputProps('reason')}
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
            <Button type="submit" color="red" loading={review.isPending}>
              Reject
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
