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

// Origination (issue 8).
import {
  applicationConditions,
  applicationMessages,
  applicationNotes,
  applicationStatusHistory,
  applications,
  offers,
} from './applications.ts';
import { ledgerEntries, loanInstallments, loans } from './loans.ts';
import { loanProducts, loanProductVersions } from './products.ts';

export const loanProductsRelations = relations(loanProducts, ({ many }) => ({
  versions: many(loanProductVersions),
}));

export const loanProductVersionsRelations = relations(loanProductVersions, ({ one }) => ({
  product: one(loanProducts, { fields: [loanProductVersions.productId], references: [loanProducts.id] }),
}));

export const applicationsRelations = relations(applications, ({ one, many }) => ({
  borrower: one(appUsers, { fields: [applications.borrowerUserId], references: [appUsers.id] }),
  product: one(loanProducts, { fields: [applications.productId], references: [loanProducts.id] }),
  productVersion: one(loanProductVersions, {
    fields: [applications.productVersionId],
    references: [loanProductVersions.id],
  }),
  statusHistory: many(applicationStatusHistory),
  conditions: many(applicationConditions),
  notes: many(applicationNotes),
  messages: many(applicationMessages),
  offers: many(offers),
}));

export const applicationStatusHistoryRelations = relations(applicationStatusHistory, ({ one }) => ({
  application: one(applications, {
    fields: [applicationStatusHistory.applicationId],
    references: [applications.id],
  }),
}));
export const applicationConditionsRelations = relations(applicationConditions, ({ one }) => ({
  application: one(applications, {
    fields: [applicationConditions.applicationId],
    references: [applications.id],
  }),
}));
export const applicationNotesRelations = relations(applicationNotes, ({ one }) => ({
  application: one(applications, { fields: [applicationNotes.applicationId], references: [applications.id] }),
}));
export const applicationMessagesRelations = relations(applicationMessages, ({ one }) => ({
  application: one(applications, {
    fields: [applicationMessages.applicationId],
    references: [applications.id],
  }),
}));
export const offersRelations = relations(offers, ({ one }) => ({
  application: one(applications, { fields: [offers.applicationId], references: [applications.id] }),
  productVersion: one(loanProductVersions, {
    fields: [offers.productVersionId],
    references: [loanProductVersions.id],
  }),
}));

export const loansRelations = relations(loans, ({ one, many }) => ({
  application: one(applications, { fields: [loans.applicationId], references: [applications.id] }),
  offer: one(offers, { fields: [loans.offerId], references: [offers.id] }),
  installments: many(loanInstallments),
  ledgerEntries: many(ledgerEntries),
}));
export const loanInstallmentsRelations = relations(loanInstallments, ({ one }) => ({
  loan: one(loans, { fields: [loanInstallments.loanId], references: [loans.id] }),
}));
export const ledgerEntriesRelations = relations(ledgerEntries, ({ one }) => ({
  loan: one(loans, { fields: [ledgerEntries.loanId], references: [loans.id] }),
}));
