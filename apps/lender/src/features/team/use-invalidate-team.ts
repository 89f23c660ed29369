import { useTRPC } from '@lending/ui';
import { useQueryClient } from '@tanstack/react-query';

/** After any team change: refetch every team.* query (staff, borrowers, invitations, sessions). */
export function useInvalidateTeam() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() });
}
