import type { RouterOutputs } from '@lending/core/router';
import {
  downloadWithAuth,
  formatDateTime,
  formatError,
  notifyError,
  notifySuccess,
  QueryFallback,
  TruncatedText,
  uploadWithProgress,
  useApiHeaders,
  useTRPC,
} from '@lending/ui';
import { Alert, Badge, Button, Card, FileButton, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

type ChecklistItem = RouterOutputs['borrowerDocuments']['checklist']['items'][number];
type DocumentRow = RouterOutputs['borrowerDocuments']['list']['documents'][number];

const ITEM_STATUS: Record<ChecklistItem['status'], { label: string; color: string }> = {
  missing: { label: 'Missing', color: 'orange' },
  pending_review: { label: 'In review', color: 'blue' },
  accepted: { label: 'Accepted', color: 'teal' },
  rejected: { label: 'Rejected', color: 'red' },
};

/** The application's document checklist: what is missing, uploads with a progress bar, downloads. */
export function DocumentChecklist({
  applicationId,
  canUpload,
}: {
  applicationId: string;
  canUpload: boolean;
}) {
  const trpc = useTRPC();
  const checklist = useQuery(trpc.borrowerDocuments.checklist.queryOptions({ applicationId }));
  const list = useQuery(trpc.borrowerDocuments.list.queryOptions({ applicationId }));

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="documents-title">
      <Title order={2} size="h4" id="documents-title" mb="xs">
        Documents
      </Title>
      {!checklist.data ? (
        <QueryFallback query={checklist} noun="document checklist" />
      ) : (
        <Stack gap="sm">
          {checklist.data.complete ? (
            <Text size="sm" c="teal">
              Every required document is in. Thank you!
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              Still missing: {checklist.data.missing.length}{' '}
              {checklist.data.missing.length === 1 ? 'document' : 'documents'}.
            </Text>
          )}
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {checklist.data.items.map((item) => (
              <ChecklistRow
                key={item.key}
                applicationId={applicationId}
                item={item}
                documents={(list.data?.documents ?? []).filter((d) => d.checklistKey === item.key)}
                canUpload={canUpload}
              />
            ))}
          </Stack>
        </Stack>
      )}
    </Card>
  );
}

function ChecklistRow({
  applicationId,
  item,
  documents,
  canUpload,
}: {
  applicationId: string;
  item: ChecklistItem;
  documents: DocumentRow[];
  canUpload: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headers = useApiHeaders();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const status = ITEM_STATUS[item.status];
  const needsUpload = item.status === 'missing' || item.status === 'rejected';

  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const params = new URLSearchParams({ applicationId, checklistKey: item.key, fileName: file.name });
      await uploadWithProgress({
        url: `/api/documents/upload?${params}`,
        file,
        headers: await headers(),
        onProgress: setProgress,
      });
      notifySuccess(`${file.name} uploaded for “${item.label}”.`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.borrowerDocuments.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.borrower.pathKey() }),
      ]);
    } catch (e) {
      setError(formatError(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Card component="li" withBorder padding="sm" radius="sm" aria-label={item.label}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <TruncatedText fw={500}>{item.label}</TruncatedText>
          {item.status === 'rejected' && item.reason && (
            <Text size="sm" c="red">
              Rejected: {item.reason}
            </Text>
          )}
        </Stack>
        <Badge color={status.color} variant="light" style={{ flexShrink: 0 }}>
          {status.label}
        </Badge>
      </Group>
      {documents.length > 0 && (
        <Stack gap={2} mt="xs">
          {documents.map((doc) => (
            <Group key={doc.id} gap="xs" wrap="nowrap" justify="space-between">
              <TruncatedText size="sm" c="dimmed" style={{ minWidth: 0 }}>
                {`${doc.fileName} · ${formatDateTime(doc.uploadedAt)}`}
              </TruncatedText>
              <Button
                size="compact-xs"
                variant="subtle"
                style={{ flexShrink: 0 }}
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
            </Group>
          ))}
        </Stack>
      )}
      {progress !== null && (
        <Stack gap={2} mt="xs">
          <Progress
            value={progress}
            animated
            aria-label={`Uploading for ${item.label}`}
            aria-valuenow={progress}
            aria-valuemin={0}
            aria-valuemax={100}
          />
          <Text size="xs" c="dimmed" role="status">
            Uploading… {progress}%
          </Text>
        </Stack>
      )}
      {error && (
        <Alert color="red" mt="xs" role="alert" p="xs">
          {error}
        </Alert>
      )}
      {canUpload && (needsUpload || documents.length === 0 || item.key === 'other') && progress === null && (
        <Group mt="xs">
          <FileButton onChange={(file) => void upload(file)}>
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant={needsUpload ? 'filled' : 'light'}
                aria-label={`Upload ${item.label}`}
              >
                {item.status === 'rejected' ? 'Upload again' : 'Upload'}
              </Button>
            )}
          </FileButton>
        </Group>
      )}
    </Card>
  );
}
