import { useTRPC } from '@lending/ui';
import { Alert, Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

/**
 * On the loan's detail page (where notifications lead): a pointer to the loan's servicing page,
 * where draws are shown and requested — only for loans with a draw budget.
 */
export function DrawsLink({ loanId }: { loanId: string }) {
  const trpc = useTRPC();
  const draws = useQuery(trpc.draws.mine.queryOptions({ loanId }));
  if (!draws.data || (draws.data.budget.lines.length === 0 && draws.data.draws.length === 0)) return null;
  const open = draws.data.draws.filter((d) => !['disbursed', 'rejected'].includes(d.status)).length;
  return (
    <Alert color="blue" variant="light" title="Construction draws">
      {open > 0 ? `${open} ${open === 1 ? 'draw is' : 'draws are'} in progress. ` : ''}
      <Anchor component={Link} to={`/payments/${loanId}`}>
        See your draws and request one
      </Anchor>
    </Alert>
  );
}
