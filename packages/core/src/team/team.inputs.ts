/** Inputs of the team area (lender admins managing people). Browser-safe: zod only. */
import { z } from 'zod';
import {
  portalSchema,
  roleFitsPortal,
  roleSchema,
  sessionIdSchema,
  userIdSchema,
} from '../access/access.inputs.ts';
import { emailSchema, uuidSchema } from '../shared/shared.inputs.ts';

const roleFitsPortalRule = {
  message: 'That role does not exist in that portal.',
  path: ['role'],
};

const portalRole = z
  .object({ portal: portalSchema, role: roleSchema })
  .refine((v) => roleFitsPortal(v.portal, v.role), roleFitsPortalRule);

export const inviteMemberInput = z
  .object({ email: emailSchema, portal: portalSchema, role: roleSchema })
  .refine((v) => roleFitsPortal(v.portal, v.role), roleFitsPortalRule);
export type InviteMemberInput = z.infer<typeof inviteMemberInput>;

export const cancelInvitationInput = z.object({ invitationId: uuidSchema });
export const changeRoleInput = z.intersection(z.object({ userId: userIdSchema }), portalRole);
export const setAccessActiveInput = z.object({
  userId: userIdSchema,
  portal: portalSchema,
  isActive: z.boolean({ error: 'Say whether the access is active.' }),
});
export const revokeSessionInput = z.object({ sessionId: sessionIdSchema });
