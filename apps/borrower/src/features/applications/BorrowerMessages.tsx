import { MESSAGE_MAX_LENGTH, postMessageInput } from '@lending/core/inputs';
import {
  applyFieldErrors,
  formatDateTime,
  formatError,
  notifySuccess,
  QueryFallback,
  useTRPC,
} from '@lending/ui';
import { Alert, Button, Card, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';

type MessageForm = { applicationId: string; body: string };

/** The message thread with the lender. */
export function BorrowerMessages({ applicationId }: { applicationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const messages = useQuery(trpc.applications.myMessages.queryOptions({ applicationId }));
  const post = useMutation(trpc.applications.postMyMessage.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<MessageForm>({
    mode: 'controlled',
    initialValues: { applicationId, body: '' },
    validate: zod4Resolver(postMessageInput),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await post.mutateAsync(values);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: trpc.applications.myMessages.pathKey() });
      notifySuccess('Message sent to your lender.');
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="messages-title">
      <Title order={2} size="h4" id="messages-title" mb="xs">
        Messages with your lender
      </Title>
      {!messages.data ? (
        <QueryFallback query={messages} noun="messages" />
      ) : (
        <Stack gap="xs">
          {messages.data.messages.length === 0 && (
            <Text size="sm" c="dimmed">
              No messages yet. Ask your lender anything here.
            </Text>
          )}
          <Stack
            gap="xs"
            component="ol"
            aria-label="Messages"
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
          >
            {messages.data.messages.map((m) => (
              <Paper
                component="li"
                key={m.id}
                p="xs"
                radius="md"
                maw="85%"
                bg={m.mine ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default-hover)'}
                style={{ alignSelf: m.mine ? 'flex-end' : 'flex-start' }}
              >
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {m.body}
                </Text>
                <Text size="xs" c="dimmed">
                  {m.mine ? 'You' : (m.authorName ?? 'Your lender')} · {formatDateTime(m.createdAt)}
                </Text>
              </Paper>
            ))}
          </Stack>
          <form onSubmit={submit} noValidate aria-label="Write to your lender">
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
        </Stack>
      )}
    </Card>
  );
}
