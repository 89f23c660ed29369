import {
  cancelInvitationInput,
  changeRoleInput,
  inviteMemberInput,
  revokeSessionInput,
  setAccessActiveInput,
} from '../../team/team.inputs.ts';
import {
  cancelInvitation,
  changeRole,
  inviteMember,
  listInvitations,
  listMemberSessions,
  listMembers,
  revokeMemberSession,
  setAccessActive,
} from '../../team/team.ts';
import { lenderProcedure, router } from '../trpc.ts';

export const teamRouter = router({
  listMembers: lenderProcedure('viewer').query(({ ctx }) => listMembers(ctx.db, ctx.access.organizationId)),
  listInvitations: lenderProcedure('viewer').query(({ ctx }) =>
    listInvitations(ctx.db, ctx.access.organizationId),
  ),
  invite: lenderProcedure('admin')
    .input(inviteMemberInput)
    .mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.access, input)),
  cancelInvitation: lenderProcedure('admin')
    .input(cancelInvitationInput)
    .mutation(({ ctx, input }) => cancelInvitation(ctx.db, ctx.access, input.invitationId)),
  changeRole: lenderProcedure('admin')
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx.db, ctx.access, input)),
  setAccessActive: lenderProcedure('admin')
    .input(setAccessActiveInput)
    .mutation(({ ctx, input }) => setAccessActive(ctx.db, ctx.access, input)),
  listSessions: lenderProcedure('admin').query(({ ctx }) =>
    listMemberSessions(ctx.db, ctx.access.organizationId),
  ),
  revokeSession: lenderProcedure('admin')
    .input(revokeSessionInput)
    .mutation(({ ctx, input }) =>
      revokeMemberSession(ctx.db, ctx.services.identityAdmin, ctx.access, input.sessionId),
    ),
});
