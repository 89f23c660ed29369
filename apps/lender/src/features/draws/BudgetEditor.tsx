/**
 * Set or edit the loan's draw budget (servicers and admins): the whole set of lines is sent
 * (`draws.setBudget`, matched by name). The API refuses lines that add up to more than what was held
 * back, a line below what it has approved, or removing a line that draws use — its sentence is shown
 * in the form.
 */
import { setDrawBudgetInput } from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import { formatError, formatMoney, normalizeAmount, notifySuccess, useTRPC } from '@lending/ui';
import { ActionIcon, Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

type Budget = RouterOutputs['draws']['list']['budget'];
type Row = { key: number; name: string; budget: string };

export function BudgetEditor({
  loanId,
  budget,
  onClose,
}: {
  loanId: string;
  budget: Budget;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.draws.setBudget.mutationOptions());
  const [rows, setRows] = useState<Row[]>(() =>
    budget.lines.length > 0
      ? budget.lines.map((l, key) => ({ key, name: l.name, budget: l.budget }))
      : [{ key: 0, name: '', budget: budget.holdback }],
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const approvedOf = new Map(budget.lines.map((l) => [l.name.toLowerCase(), l.approved]));

  const submit = async () => {
    setServerError(null);
    const input = {
      loanId,
      lines: rows.map((r) => ({ name: r.name.trim(), budget: normalizeAmount(r.budget) })),
    };
    const parsed = setDrawBudgetInput.safeParse(input);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.join('.')] ??= issue.message;
      setProblems(found);
      return;
    }
    setProblems({});
    try {
      await save.mutateAsync(parsed.data);
      notifySuccess('Draw budget saved.');
      await queryClient.invalidateQueries({ queryKey: trpc.draws.pathKey() });
      onClose();
    } catch (error) {
      setServerError(formatError(error));
    }
  };

  return (
    <Modal opened onClose={onClose} title="Draw budget" centered size="lg">
      <form
        noValidate
        aria-label="Draw budget"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {formatMoney(budget.holdback)} was held back at funding for draws. The lines may add up to at most
            that.
          </Text>
          {rows.map((row, index) => {
            const approved = approvedOf.get(row.name.trim().toLowerCase());
            return (
              <Group key={row.key} align="flex-start" gap="xs" wrap="nowrap">
                <TextInput
                  label={`Line ${index + 1}`}
                  placeholder="Foundation"
                  style={{ flex: 2, minWidth: 0 }}
                  value={row.name}
                  onChange={(e) => {
                    const name = e.currentTarget.value;
                    setRows((list) => list.map((r) => (r.key === row.key ? { ...r, name } : r)));
                  }}
                  error={problems[`lines.${index}.name`]}
                />
                <TextInput
                  label="Budget"
                  inputMode="decimal"
                  style={{ flex: 1, minWidth: 0 }}
                  description={
                    approved && approved !== '0.00' ? `${formatMoney(approved)} approved` : undefined
                  }
                  value={row.budget}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setRows((list) => list.map((r) => (r.key === row.key ? { ...r, budget: value } : r)));
                  }}
                  error={problems[`lines.${index}.budget`]}
                />
                <ActionIcon
                  mt={26}
                  variant="subtle"
                  color="red"
                  aria-label={`Remove line ${index + 1}`}
                  disabled={rows.length === 1}
                  onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}
                >
                  ×
                </ActionIcon>
              </Group>
            );
          })}
          {problems.lines ? (
            <Text size="sm" c="red">
              {problems.lines}
            </Text>
          ) : null}
          <Group>
            <Button
              variant="subtle"
              size="xs"
              onClick={() =>
                setRows((list) => [
                  ...list,
                  { key: Math.max(-1, ...list.map((r) => r.key)) + 1, name: '', budget: '' },
                ])
              }
            >
              Add a line
            </Button>
          </Group>
          {serverError ? (
            <Alert color="red" role="alert">
              {serverError}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save budget
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
