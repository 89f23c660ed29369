import { addConditionInput, CONDITION_TITLE_MAX_LENGTH } from '@lending/core/inputs';
import {
  applyFieldErrors,
  formatDateTime,
  formatError,
  notifyError,
  notifySuccess,
  useTRPC,
} from '@lending/ui';
import { Alert, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import type { Workspace } from './workspace-types.ts';

const COLORS = { open: 'orange', satisfied: 'teal', waived: 'gray' } as const;
const LABELS = { open: 'Open', satisfied: 'Satisfied', waived: 'Waived' } as const;

type ConditionForm = { applicationId: string; title: string; description: string };

export function ConditionsPanel({ workspace, canEdit }: { workspace: Workspace; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const add = useMutation(trpc.underwriting.addCondition.mutationOptions());
  const setStatus = useMutation(trpc.underwriting.setConditionStatus.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ConditionForm>({
    mode: 'controlled',
    initialValues: { applicationId: workspace.id, title: '', description: '' },
    validate: zod4Resolver(addConditionInput),
    validateInputOnBlur: false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.applications.workspace.pathKey() });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await add.mutateAsync(values);
      form.reset();
      await refresh();
      notifySuccess('Condition added.');
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  });
  const open = workspace.conditions.filter((c) => c.status === 'open').length;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="conditions-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="conditions-title">
          Conditions
        </Title>
        {workspace.conditions.length > 0 && (
          <Badge variant="light" color={open ? 'orange' : 'teal'}>
            {open ? `${open} open` : 'All cleared'}
          </Badge>
        )}
      </Group>
      <Stack gap="xs">
        {workspace.conditions.length === 0 && (
          <Text size="sm" c="dimmed">
            No conditions. Add what must be cleared before approval.
          </Text>
        )}
        {workspace.conditions.map((c) => (
          <Group key={c.id} justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {c.title}
              </Text>
              {c.description && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {c.description}
                </Text>
              )}
              {c.resolvedAt && (
                <Text size="xs" c="dimmed">
                  {LABELS[c.status]} by {c.resolvedByName ?? 'staff'}, {formatDateTime(c.resolvedAt)}
                </Text>
              )}
            </Stack>
            {canEdit ? (
              <Select
                aria-label={`Status of ${c.title}`}
                size="xs"
                w={120}
                style={{ flexShrink: 0 }}
                allowDeselect={false}
                data={(['open', 'satisfied', 'waived'] as const).map((s) => ({ value: s, label: LABELS[s] }))}
                value={c.status}
                onChange={async (value) => {
                  if (!value || value === c.status) return;
                  try {
                    await setStatus.mutateAsync({
                      conditionId: c.id,
                      status: value as 'open' | 'satisfied' | 'waived',
                    });
                    await refresh();
                    notifySuccess(`“${c.title}” is ${LABELS[value as 'open'].toLowerCase()}.`);
                  } catch (e) {
                    notifyError(e);
                  }
                }}
              />
            ) : (
              <Badge color={COLORS[c.status]} variant="light" style={{ flexShrink: 0 }}>
                {LABELS[c.status]}
              </Badge>
            )}
          </Group>
        ))}
        {canEdit && (
          <form onSubmit={submit} noValidate aria-label="Add a condition">
            <Stack gap="xs" mt="xs">
              <TextInput
                label="New condition"
                placeholder="e.g. Proof of insurance"
                maxLength={CONDITION_TITLE_MAX_LENGTH}
                {...form.getInputProps('title')}
              />
              <TextInput label="Details (optional)" {...form.getInputProps('description')} />
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Group>
                <Button type="submit" size="xs" variant="light" loading={add.isPending}>
                  Add condition
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
