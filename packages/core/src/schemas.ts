/**
 * Input schemas shared by the API (validation at the edge) and the portals (inline form
 * validation). Browser-safe: zod only, no server imports.
 */
import { z } from 'zod';

export const PORTALS = ['lender', 'borrower'] as const;
export type Portal = (typeof PORTALS)[number];

export const LENDER_ROLES = ['admin', 'underwriter', 'servicer', 'viewer'] as const;
export type LenderRole = (typeof LENDER_ROLES)[number];
export const BORROWER_ROLES = ['borrower'] as const;
export type BorrowerRole = (typeof BORROWER_ROLES)[number];
export const ROLES = [...LENDER_ROLES, ...BORROWER_ROLES] as const;
export type Role = (typeof ROLES)[number];

export const portalSchema = z.enum(PORTALS, { error: 'Choose the lender or the borrower portal.' });
export const roleSchema = z.enum(ROLES, { error: 'Choose a role.' });

const rolesByPortal: Record<Portal, readonly Role[]> = { lender: LENDER_ROLES, borrower: BORROWER_ROLES };
export function roleFitsPortal(portal: Portal, role: Role): boolean {
  return rolesByPortal[portal].includes(role);
}

export const organizationNameSchema = z
  .string({ error: 'Enter the name of your lending company.' })
  .trim()
  .min(2, 'The organization name needs at least 2 characters.')
  .max(120, 'The organization name can have at most 120 characters.');

export const slugSchema = z
  .string({ error: 'Enter the organization link name.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'That link name is not valid.')
  .max(80, 'That link name is too long.');

export const uuidSchema = z.uuid({ error: 'That id is not valid.' });
export const userIdSchema = z
  .string({ error: 'Enter a user id.' })
  .regex(/^user_[A-Za-z0-9]+$/, 'That user id is not valid.');
export const sessionIdSchema = z
  .string({ error: 'Enter a session id.' })
  .regex(/^sess_[A-Za-z0-9]+$/, 'That session id is not valid.');
export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address.' }));

export const createOrganizationInput = z.object({ name: organizationNameSchema });
export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;

export const organizationBySlugInput = z.object({ slug: slugSchema });

const portalRole = z
  .object({ portal: portalSchema, role: roleSchema })
  .refine((v) => roleFitsPortal(v.portal, v.role), {
    message: 'That role does not exist in that portal.',
    path: ['role'],
  });

export const inviteMemberInput = z
  .object({ email: emailSchema, portal: portalSchema, role: roleSchema })
  .refine((v) => roleFitsPortal(v.portal, v.role), {
    message: 'That role does not exist in that portal.',
    path: ['role'],
  });
export type InviteMemberInput = z.infer<typeof inviteMemberInput>;

export const cancelInvitationInput = z.object({ invitationId: uuidSchema });
export const changeRoleInput = z.intersection(z.object({ userId: userIdSchema }), portalRole);
export const setAccessActiveInput = z.object({
  userId: userIdSchema,
  portal: portalSchema,
  isActive: z.boolean({ error: 'Say whether the access is active.' }),
});
export const revokeSessionInput = z.object({ sessionId: sessionIdSchema });

export const localUserInput = z.object({
  email: emailSchema,
  firstName: z.string().trim().min(1, 'Enter a first name.').max(80),
  lastName: z.string().trim().min(1, 'Enter a last name.').max(80),
});
export type LocalUserInput = z.infer<typeof localUserInput>;

/** The most procedure calls one HTTP request may batch; the API refuses larger batches (400). */
export const TRPC_MAX_BATCH_SIZE = 20;
