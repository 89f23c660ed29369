/** In-app notifications (issue 8 §8); the same events are emailed through the one sender. */
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, organizationId } from './columns.ts';
import { notificationKindEnum, portalEnum } from './enums.ts';
import { appUsers } from './identity.ts';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    recipientUserId: text('recipient_user_id')
      .notNull()
      .references(() => appUsers.id),
    /** The portal the notification belongs in (a person may be staff and borrower). */
    portal: portalEnum('portal').notNull(),
    kind: notificationKindEnum('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** What it is about, for the portal's link (application or loan id). */
    applicationId: uuid('application_id'),
    loanId: uuid('loan_id'),
    data: jsonb('data'),
    readAt: instant('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientUserId, t.organizationId, t.portal, t.createdAt),
  ],
);
