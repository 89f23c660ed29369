/**
 * One modal for each servicer step on a draw: schedule (or reschedule) the inspection, complete
 * it, approve (per line, defaulting to what was asked, capped at what is left of the line), reject
 * with a reason, disburse. Each validates with the API's own zod schema before sending and shows
 * the API's message inline when it refuses.
 */
import {
  approveDrawInput,
  completeInspectionInput,
  disburseDrawInput,
  rejectDrawInput,
  scheduleInspectionInput,
} from '@lending/core/inputs';
import { formatError, formatMoney, normalizeAmount, notifySuccess, toCents, useTRPC } from '@lending/ui';
import { Alert, Button, Group, Modal, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import type { BudgetLine, Draw } from './LoanDraws.tsx';

export type DrawAction = 'schedule' | 'complete' | 'approve' | 'reject' | 'disburse';

const todayIso = () => new Date().toISOString().slice(0, 10);

/** The schema's first message per top-level field (and per `lines.N`), for inline errors. */
function problemsOf(result: z.ZodSafeParseResult<unknown>): Record<string, string> {
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.slice(0, issue.path[0] === 'lines' ? 2 : 1).join('.');
    out[key] ??= issue.message;
  }
  return out;
}

const TITLES: Record<DrawAction, string> = {
  schedule: 'Schedule the inspection',
  complete: 'Complete the inspection',
  approve: 'Approve the draw',
  reject: 'Reject the draw',
  disburse: 'Disburse the draw',
};

export function DrawActionModal({
  action,
  draw,
  lines,
  onClose,
}: {
  action: DrawAction;
  draw: Draw;
  lines: BudgetLine[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [serverError, setServerError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const schedule = useMutation(trpc.draws.scheduleInspection.mutationOptions());
  const complete = useMutation(trpc.draws.completeInspection.mutationOptions());
  const approve = useMutation(trpc.draws.approve.mutationOptions());
  const reject = useMutation(trpc.draws.reject.mutationOptions());
  const disburse = useMutation(trpc.draws.disburse.mutationOptions());
  const busy = [schedule, complete, approve, reject, disburse].some((m) => m.isPending);

  const [scheduledFor, setScheduledFor] = useState(draw.inspection?.scheduledFor ?? todayIso());
  const [inspector, setInspector] = useState(draw.inspection?.inspector ?? '');
  const [percent, setPercent] = useState<string | number>('');
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  const [disbursedOn, setDisbursedOn] = useState(todayIso());
  const remainingOf = new Map(lines.map((l) => [l.id, l.remaining]));
  /** Approval cap per line: what was asked, and no more than what is left of the line. */
  const capOf = (l: Draw['lines'][number]) => {
    const left = remainingOf.get(l.budgetLineId) ?? '0.00';
    return (toCents(left) ?? 0n) < (toCents(l.amountRequested) ?? 0n) ? left : l.amountRequested;
  };
  const [approved, setApproved] = useState<Record<string, string>>(() =>
    Object.fromEntries(draw.lines.map((l) => [l.budgetLineId, capOf(l)])),
  );

  const run = async (
    input: unknown,
    schema: z.ZodType,
    send: (value: never) => Promise<unknown>,
    done: string,
    extra: Record<string, string> = {},
  ) => {
    setServerError(null);
    const parsed = schema.safeParse(input);
    const found = { ...problemsOf(parsed), ...extra };
    setProblems(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    try {
      await send(parsed.data as never);
      notifySuccess(done);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.draws.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.servicing.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.portfolio.pathKey() }),
      ]);
      onClose();
    } catch (error) {
      setServerError(formatError(error));
    }
  };

  const submit = () => {
    const drawRequestId = draw.id;
    switch (action) {
      case 'schedule':
        return run(
          { drawRequestId, scheduledFor, inspector: inspector.trim() },
          scheduleInspectionInput,
          schedule.mutateAsync,
          `Inspection of draw ${draw.number} scheduled for ${scheduledFor}.`,
        );
      case 'complete':
        return run(
          {
            drawRequestId,
            percentComplete: percent === '' ? undefined : Number(percent),
            notes: notes.trim() || undefined,
          },
          completeInspectionInput,
          complete.mutateAsync,
          `Inspection of draw ${draw.number} recorded.`,
        );
      case 'approve': {
        const capped: Record<string, string> = {};
        const input = draw.lines.map((l, index) => {
          const amount = normalizeAmount(approved[l.budgetLineId] ?? '');
          const cents = toCents(amount);
          const cap = capOf(l);
          if (cents !== null && cents > (toCents(cap) ?? 0n))
            capped[`lines.${index}`] = `At most ${formatMoney(cap)} for ${l.name}.`;
          return { budgetLineId: l.budgetLineId, amount };
        });
        return run(
          { drawRequestId, lines: input, note: notes.trim() || undefined },
          approveDrawInput,
          approve.mutateAsync,
          `Draw ${draw.number} approved.`,
          capped,
        );
      }
      case 'reject':
        return run(
          { drawRequestId, reason: reason.trim() },
          rejectDrawInput,
          reject.mutateAsync,
          `Draw ${draw.number} rejected; the borrower sees why.`,
        );
      case 'disburse':
        return run(
          { drawRequestId, disbursedOn },
          disburseDrawInput,
          disburse.mutateAsync,
          `Draw ${draw.number} disbursed: ${formatMoney(draw.amountApproved)}.`,
        );
    }
  };

  let fields: ReactNode;
  switch (action) {
    case 'schedule':
      fields = (
        <>
          <TextInput
            label="Inspection date"
            type="date"
            value={scheduledFor}
            onChange={(e) => setScheduledFor(e.currentTarget.value)}
            error={problems.scheduledFor}
          />
          <TextInput
            label="Inspector"
            data-autofocus
            value={inspector}
            onChange={(e) => setInspector(e.currentTarget.value)}
            error={problems.inspector}
          />
        </>
      );
      break;
    case 'complete':
      fields = (
        <>
          <NumberInput
            label="Percent complete"
            data-autofocus
            min={0}
            max={100}
            allowDecimal={false}
            suffix="%"
            value={percent}
            onChange={setPercent}
            error={problems.percentComplete}
          />
          <Textarea
            label="Inspection notes (optional)"
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            error={problems.notes}
          />
        </>
      );
      break;
    case 'approve':
      fields = (
        <>
          <Text size="sm">Approve each line up to what was asked and what is left of its budget.</Text>
          {draw.lines.map((l, index) => (
            <TextInput
              key={l.budgetLineId}
              label={`${l.name} (asked ${formatMoney(l.amountRequested)})`}
              description={`At most ${formatMoney(capOf(l))}`}
              inputMode="decimal"
              value={approved[l.budgetLineId] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setApproved((a) => ({ ...a, [l.budgetLineId]: value }));
              }}
              error={problems[`lines.${index}`]}
            />
          ))}
          <Textarea
            label="Note to the borrower (optional)"
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            error={problems.note}
          />
        </>
      );
      break;
    case 'reject':
      fields = (
        <Textarea
          label="Reason"
          description="The borrower sees it."
          data-autofocus
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problems.reason}
        />
      );
      break;
    case 'disburse':
      fields = (
        <>
          <Text size="sm">
            Pays out {formatMoney(draw.amountApproved)} to the borrower: a draw disbursement in the ledger.
          </Text>
          <TextInput
            label="Disbursed on"
            type="date"
            value={disbursedOn}
            onChange={(e) => setDisbursedOn(e.currentTarget.value)}
            error={problems.disbursedOn}
          />
        </>
      );
      break;
  }

  return (
    <Modal opened onClose={onClose} title={`${TITLES[action]} — draw ${draw.number}`} centered>
      <form
        noValidate
        aria-label={TITLES[action]}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {fields}
          {problems.lines ? (
            <Text size="sm" c="red">
              {problems.lines}
            </Text>
          ) : null}
          {serverError ? (
            <Alert color="red" role="alert">
              {serverError}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} color={action === 'reject' ? 'red' : undefined}>
              {
                {
                  schedule: 'Schedule',
                  complete: 'Record inspection',
                  approve: 'Approve',
                  reject: 'Reject draw',
                  disburse: 'Disburse',
                }[action]
              }
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
