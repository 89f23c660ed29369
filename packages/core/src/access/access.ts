/**
 * The role ladder and the acting person. Underwriter and servicer are separate lines of work:
 * neither implies the other; admin implies all; viewer is implied by every lender role.
 */
import type { Portal, Role } from './access.inputs.ts';

const ROLE_SATISFIES: Record<Role, readonly Role[]> = {
  admin: ['admin', 'underwriter', 'servicer', 'viewer'],
  underwriter: ['underwriter', 'viewer'],
  servicer: ['servicer', 'viewer'],
  viewer: ['viewer'],
  borrower: ['borrower'],
};

export function roleSatisfies(held: Role, required: Role): boolean {
  return ROLE_SATISFIES[held].includes(required);
}

/** Who is acting, in which organization: what every audited domain write takes. */
export interface Actor {
  organizationId: string;
  userId: string;
}

/** The caller's verified access for one portal call (the access middleware's result). */
export interface PortalAccess extends Actor {
  sessionId: string;
  portal: Portal;
  role: Role;
}
