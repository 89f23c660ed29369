import { displayName, useTRPC } from '@lending/ui';
import { useQuery } from '@tanstack/react-query';

/** The organization's active staff as select options (assignee filter and assignment). */
export function useStaffOptions() {
  const trpc = useTRPC();
  const staff = useQuery(trpc.team.listMembers.queryOptions({ status: 'active', page: 1, pageSize: 100 }));
  const options = (staff.data?.members ?? [])
    .filter((m) => m.portal === 'lender')
    .map((m) => ({ value: m.userId, label: displayName(m) }));
  return { options, query: staff };
}
