/**
 * The invitee's side of invitations: signed-in procedures (they are how access is obtained), listed in
 * access-declarations.ts. The admin's side is under `team.*`.
 */
import { z } from 'zod';
import { PORTALS, ROLES } from '../../access/access.inputs.ts';
import { answerInvitationInput, invitationTokenInput } from '../../invitations/invitations.inputs.ts';
import {
  acceptInvitation,
  declineInvitation,
  listMyInvitations,
  previewInvitation,
} from '../../invitations/invitations.ts';
import { isoInstant } from '../output-schemas.ts';
import { router, signedInProcedure } from '../trpc.ts';

const portal = z.enum(PORTALS);
const role = z.enum(ROLES);
const status = z.enum(['pending', 'redeemed', 'cancelled', 'expired', 'declined']);

const myInvitationsOutput = z.object({
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  invitations: z.array(
    z.object({
      id: z.string(),
      organizationId: z.string(),
      organizationName: z.string(),
      portal,
      role,
      inviterName: z.string().nullable(),
      expiresAt: isoInstant,
      createdAt: isoInstant,
    }),
  ),
});

const previewOutput = z.object({
  invitation: z.object({
    organizationName: z.string(),
    portal,
    role,
    inviterName: z.string().nullable(),
    status,
    expiresAt: isoInstant,
    acceptedByYou: z.boolean(),
  }),
  addressedToYou: z.boolean(),
  signedInEmail: z.string().nullable(),
  emailVerified: z.boolean(),
});

const acceptOutput = z.object({
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  portal,
  role,
  outcome: z.enum(['granted', 'reactivated', 'already-member', 'already-accepted']),
});

export const invitationsRouter = router({
  mine: signedInProcedure
    .output(myInvitationsOutput)
    .query(({ ctx }) => listMyInvitations(ctx.db, ctx.identity.userId)),
  preview: signedInProcedure
    .input(invitationTokenInput)
    .output(previewOutput)
    .query(({ ctx, input }) => previewInvitation(ctx.db, ctx.identity.userId, input.token)),
  accept: signedInProcedure
    .input(answerInvitationInput)
    .output(acceptOutput)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.identity.userId, input)),
  decline: signedInProcedure
    .input(answerInvitationInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => declineInvitation(ctx.db, ctx.identity.userId, input)),
});
