import { LENDER_ROLES, type Role } from '@lending/core/inputs';
import { roleLabel } from '@lending/ui';

export const roleDescriptions: Record<Role, string> = {
  admin: 'Everything, including team, products, settings and funding approval.',
  underwriter: 'Pipeline, underwriting, conditions, offers, approve and decline.',
  servicer: 'Payments, reversals, draws, inspections and payoffs.',
  viewer: 'Reads everything in the organization, changes nothing.',
  borrower: 'Their own applications and loans with this organization.',
};

export const lenderRoleOptions = LENDER_ROLES.map((role) => ({ value: role, label: roleLabel(role) }));
