/** Identity, tenancy and access (PRODUCT.md §1). */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { invitationStatusEnum, portalEnum, roleEnum, sessionStatusEnum } from './enums.ts';

// Local copies rather than imports from columns.ts: columns.ts imports this file (organizations).
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** One row per Clerk user. A row may start as a stub when a session event outruns user.created. */
export const appUsers = pgTable(
  'app_users',
  {
    id: text('id').primaryKey(),
    email: text('email'),
    emailVerified: boolean('email_verified').notNull().default(false),
    firstName: text('first_name'),
    lastName: text('last_name'),
    imageUrl: text('image_url'),
    isActive: boolean('is_active').notNull().default(true),
    banned: boolean('banned').notNull().default(false),
    locked: boolean('locked').notNull().default(false),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Clerk's `updated_at` (ms) of the last applied user event: older events never overwrite newer. */
    clerkUpdatedAt: bigint('clerk_updated_at', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('app_users_email_idx').on(sql`lower(${t.email})`)],
);

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  createdBy: text('created_by').references(() => appUsers.id),
  // Contact details an admin edits in Settings → Organization; all optional. Lengths are capped by
  // the inputs (organizations.inputs.ts), not here, so a cap can change without a migration.
  contactEmail: text('contact_email'),
  phone: text('phone'),
  addressLine1: text('address_line1'),
  addressLine2: text('address_line2'),
  city: text('city'),
  region: text('region'),
  postalCode: text('postal_code'),
  /** Free text ("United States", "UK"), as printed on letters; not a code. */
  country: text('country'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const userPortalAccess = pgTable(
  'user_portal_access',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => appUsers.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    portal: portalEnum('portal').notNull(),
    role: roleEnum('role').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    grantedBy: text('granted_by').references(() => appUsers.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('user_portal_access_user_org_portal_uq').on(t.userId, t.organizationId, t.portal),
    index('user_portal_access_org_portal_idx').on(t.organizationId, t.portal),
    check(
      'user_portal_access_role_fits_portal',
      sql`(${t.portal} = 'lender' and ${t.role} <> 'borrower') or (${t.portal} = 'borrower' and ${t.role} = 'borrower')`,
    ),
  ],
);

export const portalInvitations = pgTable(
  'portal_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    email: text('email').notNull(),
    portal: portalEnum('portal').notNull(),
    role: roleEnum('role').notNull(),
    status: invitationStatusEnum('status').notNull().default('pending'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    invitedBy: text('invited_by').references(() => appUsers.id),
    redeemedBy: text('redeemed_by').references(() => appUsers.id),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
    /** SHA-256 (hex) of the single-use link token; the token itself is only ever in the link. */
    tokenHash: text('token_hash'),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    /** When the invitation email was last handed to the email sender (invite or resend). */
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('portal_invitations_token_hash_uq').on(t.tokenHash),
    uniqueIndex('portal_invitations_pending_uq')
      .on(t.organizationId, t.email, t.portal)
      .where(sql`${t.status} = 'pending'`),
    index('portal_invitations_email_pending_idx').on(t.email).where(sql`${t.status} = 'pending'`),
    check(
      'portal_invitations_role_fits_portal',
      sql`(${t.portal} = 'lender' and ${t.role} <> 'borrower') or (${t.portal} = 'borrower' and ${t.role} = 'borrower')`,
    ),
  ],
);

export const userSessions = pgTable(
  'user_sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => appUsers.id),
    status: sessionStatusEnum('status').notNull().default('active'),
    createdAt: createdAt(),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Clerk's `latest_activity` (capped when mirrored); null when the provider does not say. */
    browser: text('browser'),
    deviceType: text('device_type'),
    city: text('city'),
    country: text('country'),
    ipAddress: text('ip_address'),
    updatedAt: updatedAt(),
  },
  (t) => [index('user_sessions_user_status_idx').on(t.userId, t.status)],
);

export const webhookEvents = pgTable('webhook_events', {
  svixId: text('svix_id').primaryKey(),
  source: text('source').notNull().default('clerk'),
  type: text('type').notNull(),
  payload: jsonb('payload').notNull(),
  outcome: text('outcome').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Append-only (a trigger refuses UPDATE and DELETE). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    actorUserId: text('actor_user_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_org_created_idx').on(t.organizationId, t.createdAt),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);

export type UserPortalAccessRole = (typeof roleEnum.enumValues)[number];
