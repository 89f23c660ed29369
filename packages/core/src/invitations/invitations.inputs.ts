/** Inputs of the invitations area: an admin inviting, an invitee answering. Browser-safe: zod only. */
import { z } from 'zod';
import { portalSchema, roleFitsPortal, roleSchema } from '../access/access.inputs.ts';
import { emailSchema, uuidSchema } from '../shared/shared.inputs.ts';

export const inviteMemberInput = z
  .object({ email: emailSchema, portal: portalSchema, role: roleSchema })
  .refine((v) => roleFitsPortal(v.portal, v.role), {
    message: 'That role does not exist in that portal.',
    path: ['role'],
  });
export type InviteMemberInput = z.infer<typeof inviteMemberInput>;

export const invitationIdInput = z.object({ invitationId: uuidSchema });

/** The link token: 32 random bytes, base64url (43 characters). Capped before the pattern runs. */
export const invitationTokenSchema = z
  .string({ error: 'This invitation link is not valid.' })
  .max(64, { message: 'This invitation link is not valid.', abort: true })
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This invitation link is not valid.');

export const invitationTokenInput = z.object({ token: invitationTokenSchema });

/** Answering one's own invitation: by the link's token, or by id from the pending list. */
export const answerInvitationInput = z.union(
  [
    z.object({ token: invitationTokenSchema, portal: portalSchema.optional() }),
    z.object({ invitationId: uuidSchema, portal: portalSchema.optional() }),
  ],
  { error: 'Give the invitation link token or the invitation id.' },
);
export type AnswerInvitationInput = z.infer<typeof answerInvitationInput>;
