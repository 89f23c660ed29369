/**
 * "Construction draws" on the borrower's loan page: the budget (budget / approved / disbursed /
 * remaining per line), every draw request with its inspection and decision, and the form to ask for
 * a draw (an amount per line, photos, a note). Shown only for loans that have a draw budget.
 */
import type { RouterOutputs } from '@lending/core/router';
import { QueryFallback, useTRPC } from '@lending/ui';
import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { BudgetLines } from './BudgetLines.tsx';
import { DrawList } from './DrawList.tsx';
import { RequestDrawForm } from './RequestDrawForm.tsx';

export type MyDraws = RouterOutputs['draws']['mine'];

export function ConstructionDraws({ loanId, loanStatus }: { loanId: string; loanStatus: string }) {
  const trpc = useTRPC();
  const draws = useQuery(trpc.draws.mine.queryOptions({ loanId }));
  if (!draws.data) {
    // Loading or failed: say so only when it failed (most loans have no draws).
    return draws.isError ? <QueryFallback query={draws} noun="construction draws" /> : null;
  }
  const { budget, draws: requests, applicationId } = draws.data;
  if (budget.lines.length === 0 && requests.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="draws-title">
      <Title order={2} size="h4" id="draws-title" mb={4}>
        Construction draws
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Your rehab budget is paid out in draws: ask for what the work done so far has cost, and your lender
        inspects the work, approves and pays it out.
      </Text>
      <Stack gap="lg">
        <BudgetLines budget={budget} />
        {loanStatus === 'active' && budget.lines.length > 0 ? (
          <RequestDrawForm loanId={loanId} applicationId={applicationId} lines={budget.lines} />
        ) : null}
        <DrawList draws={requests} />
      </Stack>
    </Card>
  );
}
