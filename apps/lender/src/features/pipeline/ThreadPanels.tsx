import { addNoteInput, MESSAGE_MAX_LENGTH, postMessageInput } from '@lending/core/inputs';
import { applyFieldErrors, formatDateTime, formatError, notifySuccess, useTRPC } from '@lending/ui';
import { Alert, Button, Card, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import type { Workspace } from './workspace-types.ts';

type BodyForm = { applicationId: string; body: string };

function useBodyForm(applicationId: string, schema: typeof addNoteInput | typeof postMessageInput) {
  return useForm<BodyForm>({
    mode: 'controlled',
    initialValues: { applicationId, body: '' },
    validate: zod4Resolver(schema),
  });
}

/** Internal notes (staff only). */
export function NotesPanel({ workspace, canWrite }: { workspace: Workspace; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const add = useMutation(trpc.applications.addNote.mutationOptions());
  const form = useBodyForm(workspace.id, addNoteInput);
  const [error, setError] = useState<string | null>(null);
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await add.mutateAsync(values);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: trpc.applications.workspace.pathKey() });
      notifySuccess('Note added.');
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="notes-title">
      <Title order={2} size="h4" id="notes-title" mb="xs">
        Notes
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        Visible to your team only.
      </Text>
      <Stack gap="xs">
        {workspace.notes.length === 0 && (
          <Text size="sm" c="dimmed">
            No notes yet.
          </Text>
        )}
        {workspace.notes.map((n) => (
          <Paper key={n.id} withBorder p="xs" radius="sm">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {n.body}
            </Text>
            <Text size="xs" c="dimmed">
              {n.authorName ?? 'Staff'} · {formatDateTime(n.createdAt)}
            </Text>
          </Paper>
        ))}
        {canWrite && (
          <form onSubmit={submit} noValidate aria-label="Add a note">
            <Stack gap="xs">
              <Textarea
                label="New note"
                autosize
                minRows={2}
                maxLength={MESSAGE_MAX_LENGTH}
                {...form.getInputProps('body')}
              />
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Group>
                <Button type="submit" size="xs" variant="light" loading={add.isPending}>
                  Add note
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

/** The message thread with the borrower. */
export function MessagesPanel({ workspace, canWrite }: { workspace: Workspace; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const post = useMutation(trpc.applications.postMessage.mutationOptions());
  const form = useBodyForm(workspace.id, postMessageInput);
  const [error, setError] = useState<string | null>(null);
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await post.mutateAsync(values);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: trpc.applications.workspace.pathKey() });
      notifySuccess('Message sent to the borrower.');
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="messages-title">
      <Title order={2} size="h4" id="messages-title" mb="xs">
        Messages with the borrower
      </Title>
      <Stack gap="xs">
        {workspace.messages.length === 0 && (
          <Text size="sm" c="dimmed">
            No messages yet.
          </Text>
        )}
        <Stack
          gap="xs"
          component="ol"
          aria-label="Messages"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {workspace.messages.map((m) => (
            <Paper
              component="li"
              key={m.id}
              p="xs"
              radius="md"
              maw="85%"
              bg={
                m.side === 'lender'
                  ? 'var(--mantine-primary-color-light)'
                  : 'var(--mantine-color-default-hover)'
              }
              style={{ alignSelf: m.side === 'lender' ? 'flex-end' : 'flex-start' }}
            >
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {m.body}
              </Text>
              <Text size="xs" c="dimmed">
                {m.mine ? 'You' : (m.authorName ?? (m.side === 'lender' ? 'Staff' : 'Borrower'))} ·{' '}
                {formatDateTime(m.createdAt)}
              </Text>
            </Paper>
          ))}
        </Stack>
        {canWrite && (
          <form onSubmit={submit} noValidate aria-label="Write to the borrower">
            <Stack gap="xs">
              <Textarea
                label="Message"
                autosize
                minRows={2}
                maxLength={MESSAGE_MAX_LENGTH}
                {...form.getInputProps('body')}
              />
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Group>
                <Button type="submit" size="xs" loading={post.isPending}>
                  Send
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
