/** Drizzle relations, for `db.query.*` reads with `with:`; the foreign keys themselves are in the tables. */
import { relations } from 'drizzle-orm';
import { appUsers, organizations, portalInvitations, userPortalAccess, userSessions } from './identity.ts';

export const appUsersRelations = relations(appUsers, ({ many }) => ({
  accesses: many(userPortalAccess),
  sessions: many(userSessions),
}));

export const organizationsRelations = relations(organizations, ({ many }) => ({
  accesses: many(userPortalAccess),
  invitations: many(portalInvitations),
}));

export const userPortalAccessRelations = relations(userPortalAccess, ({ one }) => ({
  user: one(appUsers, { fields: [userPortalAccess.userId], references: [appUsers.id] }),
  organization: one(organizations, {
    fields: [userPortalAccess.organizationId],
    references: [organizations.id],
  }),
}));

export const portalInvitationsRelations = relations(portalInvitations, ({ one }) => ({
  organization: one(organizations, {
    fields: [portalInvitations.organizationId],
    references: [organizations.id],
  }),
}));

export const userSessionsRelations = relations(userSessions, ({ one }) => ({
  user: one(appUsers, { fields: [userSessions.userId], references: [appUsers.id] }),
}));
