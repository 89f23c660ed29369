/** Inputs of the team area (lender admins managing people). Browser-safe: zod only. */
import { z } from 'zod';
import {
  LENDER_ROLES,
  portalSchema,
  roleFitsPortal,
  roleSchema,
  sessionIdSchema,
  userIdSchema,
} from '../access/access.inputs.ts';
import { boundedString } from '../shared/shared.inputs.ts';

const roleFitsPortalRule = {
  message: 'That role does not exist in that portal.',
  path: ['role'],
};

const portalRole = z
  .object({ portal: portalSchema, role: roleSchema })
  .refine((v) => roleFitsPortal(v.portal, v.role), roleFitsPortalRule);

export const changeRoleInput = z.intersection(z.object({ userId: userIdSchema }), portalRole);
export const setAccessActiveInput = z.object({
  userId: userIdSchema,
  portal: portalSchema,
  isActive: z.boolean({ error: 'Say whether the access is active.' }),
});
export const revokeSessionInput = z.object({ sessionId: sessionIdSchema });

export const TEAM_PAGE_SIZES = [10, 25, 50, 100] as const;

/** Search, filter and page a list of people (staff or borrowers); paged on the server. */
const peopleQuery = {
  search: boundedString(100, {
    required: 'Enter a search text.',
    tooLong: 'Search with at most 100 characters.',
  }).optional(),
  status: z.enum(['active', 'deactivated'], { error: 'Choose active or deactivated.' }).optional(),
  page: z.number({ error: 'The page must be a number.' }).int().min(1).max(100_000).default(1),
  pageSize: z
    .union(
      TEAM_PAGE_SIZES.map((n) => z.literal(n)),
      { error: `Choose a page size of ${TEAM_PAGE_SIZES.join(', ')}.` },
    )
    .default(25),
};

export const listStaffInput = z
  .object({
    ...peopleQuery,
    role: z.enum(LENDER_ROLES, { error: 'Choose a lender role.' }).optional(),
  })
  .default({ page: 1, pageSize: 25 });
export type ListStaffInput = z.input<typeof listStaffInput>;

export const listBorrowersInput = z.object(peopleQuery).default({ page: 1, pageSize: 25 });
export type ListBorrowersInput = z.input<typeof listBorrowersInput>;
