/** Portals, roles and the ids of people and sessions. Browser-safe: zod only. */
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

// Clerk ids are short; the cap keeps a megabyte away from the regex.
export const userIdSchema = z
  .string({ error: 'Enter a user id.' })
  .max(64, { message: 'That user id is not valid.', abort: true })
  .regex(/^user_[A-Za-z0-9]+$/, 'That user id is not valid.');
export const sessionIdSchema = z
  .string({ error: 'Enter a session id.' })
  .max(64, { message: 'That session id is not valid.', abort: true })
  .regex(/^sess_[A-Za-z0-9]+$/, 'That session id is not valid.');
