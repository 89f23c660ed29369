import { z } from 'zod';
import { PORTALS, ROLES } from '../../access/access.inputs.ts';
import { invitationIdInput, inviteMemberInput } from '../../invitations/invitations.inputs.ts';
import {
  cancelInvitation,
  inviteMember,
  listInvitations,
  resendInvitation,
} from '../../invitations/invitations.ts';
import {
  changeRoleInput,
  listBorrowersInput,
  listStaffInput,
  revokeSessionInput,
  setAccessActiveInput,
} from '../../team/team.inputs.ts';
import {
  changeRole,
  listBorrowers,
  listStaff,
  listStaffSessions,
  revokeStaffSession,
  setAccessActive,
} from '../../team/team.ts';
import { isoInstant, isoInstantOrNull } from '../output-schemas.ts';
import { lenderProcedure, router } from '../trpc.ts';

const portal = z.enum(PORTALS);
const role = z.enum(ROLES);

const peopleOutput = z.object({
  members: z.array(
    z.object({
      userId: z.string(),
      email: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      imageUrl: z.string().nullable(),
      portal,
      role,
      isActive: z.boolean(),
      grantedAt: isoInstant,
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

const invitationOutput = z.object({
  id: z.string(),
  email: z.string(),
  portal,
  role,
  status: z.enum(['pending', 'redeemed', 'cancelled', 'expired', 'declined']),
  expiresAt: isoInstant,
  createdAt: isoInstant,
});

/** The same status and shape for any email: nothing here depends on whether an account exists. */
const inviteOutput = z.object({
  invitation: invitationOutput.extend({ status: z.literal('pending') }),
  inviteUrl: z.string(),
  delivery: z.enum(['smtp', 'outbox', 'failed']),
  refreshed: z.boolean(),
});

const session = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  imageUrl: z.string().nullable(),
  status: z.enum(['active', 'ended', 'revoked', 'removed', 'expired', 'abandoned']),
  createdAt: isoInstant,
  lastActiveAt: isoInstantOrNull,
  endedAt: isoInstantOrNull,
  revokedAt: isoInstantOrNull,
  browser: z.string().nullable(),
  deviceType: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  ipAddress: z.string().nullable(),
});

export const teamRouter = router({
  /** The organization's staff (lender portal), one row per person; searched, filtered, paged. */
  listMembers: lenderProcedure('viewer')
    .input(listStaffInput)
    .output(peopleOutput)
    .query(({ ctx, input }) => listStaff(ctx.db, ctx.access.organizationId, input)),
  listBorrowers: lenderProcedure('viewer')
    .input(listBorrowersInput)
    .output(peopleOutput)
    .query(({ ctx, input }) => listBorrowers(ctx.db, ctx.access.organizationId, input)),
  listInvitations: lenderProcedure('viewer')
    .output(
      z.object({
        invitations: z.array(
          invitationOutput.extend({ lastSentAt: isoInstantOrNull, inviterName: z.string().nullable() }),
        ),
      }),
    )
    .query(({ ctx }) => listInvitations(ctx.db, ctx.access.organizationId)),
  invite: lenderProcedure('admin')
    .input(inviteMemberInput)
    .output(inviteOutput)
    .mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.access, input, ctx.services.invitations)),
  resendInvitation: lenderProcedure('admin')
    .input(invitationIdInput)
    .output(inviteOutput)
    .mutation(({ ctx, input }) =>
      resendInvitation(ctx.db, ctx.access, input.invitationId, ctx.services.invitations),
    ),
  cancelInvitation: lenderProcedure('admin')
    .input(invitationIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => cancelInvitation(ctx.db, ctx.access, input.invitationId)),
  changeRole: lenderProcedure('admin')
    .input(changeRoleInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => changeRole(ctx.db, ctx.access, input)),
  setAccessActive: lenderProcedure('admin')
    .input(setAccessActiveInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => setAccessActive(ctx.db, ctx.access, input)),
  /** Sessions of the organization's own staff (active, accepted lender access); never borrowers'. */
  listSessions: lenderProcedure('admin')
    .output(z.object({ sessions: z.array(session), endedSessions: z.array(session) }))
    .query(({ ctx }) => listStaffSessions(ctx.db, ctx.access.organizationId)),
  revokeSession: lenderProcedure('admin')
    .input(revokeSessionInput)
    .output(
      z.object({
        ok: z.literal(true),
        outcome: z.enum(['revoked', 'ended-locally', 'revoked-locally', 'already-ended']),
      }),
    )
    .mutation(({ ctx, input }) =>
      revokeStaffSession(ctx.db, ctx.services.identityAdmin, ctx.access, input.sessionId),
    ),
});
