/**
 * Postgres enums, built from the same constant lists the zod inputs use, so the database, the API
 * and the portals can never disagree on the set of values.
 */
import { pgEnum } from 'drizzle-orm/pg-core';
import { PORTALS, ROLES } from '../../access/access.inputs.ts';

export const portalEnum = pgEnum('portal', PORTALS);
export const roleEnum = pgEnum('portal_role', ROLES);

export const invitationStatusEnum = pgEnum('invitation_status', [
  'pending',
  'redeemed',
  'cancelled',
  'expired',
  'declined',
]);
export const sessionStatusEnum = pgEnum('session_status', [
  'active',
  'ended',
  'revoked',
  'removed',
  'expired',
  'abandoned',
]);
