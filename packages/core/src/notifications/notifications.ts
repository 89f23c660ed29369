/**
 * Notifications: an in-app row per recipient (with an unread count) and the same news by email
 * through the one sender (packages/core/src/email). `notify` is the one entry point; other areas
 * (documents: a rejected document) call it too.
 *
 * Rows are written with the caller's executor, so inside a transaction they commit with the change
 * they announce. Emails are sent by `deliverNotificationEmails` after the commit (an email cannot be
 * rolled back); a failed email is logged and never fails the request: the in-app row is the record.
 */
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Portal } from '../access/access.inputs.ts';
import type { Executor } from '../db/client.ts';
import { appUsers, notifications, organizations, userPortalAccess } from '../db/schema/index.ts';
import type { EmailSender } from '../email/email.ts';
import { escapeHtml } from '../email/templates.ts';
import type { NotificationKind } from './notifications.inputs.ts';

export interface NotificationServices {
  email: EmailSender;
  portalUrls: Record<Portal, string>;
  logError?: (message: string, error: unknown) => void;
}

export interface NotificationInput {
  organizationId: string;
  recipientUserId: string;
  portal: Portal;
  kind: NotificationKind;
  title: string;
  body: string;
  applicationId?: string | null;
  loanId?: string | null;
}

export type NotificationRow = typeof notifications.$inferSelect;

/** Writes the in-app notifications (in the caller's transaction, if any); returns the rows for email. */
export async function recordNotifications(
  db: Executor,
  items: NotificationInput[],
): Promise<NotificationRow[]> {
  if (items.length === 0) return [];
  return db
    .insert(notifications)
    .values(
      items.map((n) => ({
        organizationId: n.organizationId,
        recipientUserId: n.recipientUserId,
        portal: n.portal,
        kind: n.kind,
        title: n.title.slice(0, 200),
        body: n.body.slice(0, 2000),
        applicationId: n.applicationId ?? null,
        loanId: n.loanId ?? null,
      })),
    )
    .returning();
}

/** Where in the portal a notification leads. */
function linkFor(services: NotificationServices, n: NotificationRow): string {
  const base = services.portalUrls[n.portal].replace(/\/$/, '');
  if (n.loanId) return `${base}/loans/${n.loanId}`;
  if (n.applicationId) return `${base}/applications/${n.applicationId}`;
  return base;
}

/** Emails each notification to its recipient's address (after the commit). Never throws. */
export async function deliverNotificationEmails(
  db: Executor,
  services: NotificationServices | null | undefined,
  rows: NotificationRow[],
): Promise<void> {
  if (!services || rows.length === 0) return;
  try {
    const recipients = await db
      .select({ id: appUsers.id, email: appUsers.email, isActive: appUsers.isActive })
      .from(appUsers)
      .where(inArray(appUsers.id, [...new Set(rows.map((r) => r.recipientUserId))]));
    const orgIds = [...new Set(rows.map((r) => r.organizationId))];
    const orgs = await db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(inArray(organizations.id, orgIds));
    const emailOf = new Map(recipients.filter((r) => r.isActive && r.email).map((r) => [r.id, r.email!]));
    const orgName = new Map(orgs.map((o) => [o.id, o.name.slice(0, 120)]));
    for (const n of rows) {
      const to = emailOf.get(n.recipientUserId);
      if (!to) continue;
      const url = linkFor(services, n);
      const organization = orgName.get(n.organizationId) ?? 'Lending OS';
      try {
        await services.email.send({
          to,
          subject: `${organization}: ${n.title}`,
          text: `${n.body}\n\nOpen: ${url}\n`,
          html: `<p>${escapeHtml(n.body)}</p><p><a href="${escapeHtml(url)}">Open in Lending OS</a></p>`,
          links: [url],
        });
      } catch (error) {
        (services.logError ?? console.error)(`notification email ${n.id} failed`, error);
      }
    }
  } catch (error) {
    (services.logError ?? console.error)('notification emails failed', error);
  }
}

/**
 * Notifies: in-app rows now, emails right after. Call it outside a transaction (or after the
 * commit); inside one, use `recordNotifications` and deliver the returned rows after the commit.
 */
export async function notify(
  db: Executor,
  services: NotificationServices | null | undefined,
  items: NotificationInput[],
): Promise<NotificationRow[]> {
  const rows = await recordNotifications(db, items);
  await deliverNotificationEmails(db, services, rows);
  return rows;
}

/**
 * The staff who should hear about an application: its assignee when there is one (and still has
 * origination access), otherwise every active admin and underwriter of the organization.
 */
export async function originationStaff(
  db: Executor,
  organizationId: string,
  assigneeUserId: string | null,
): Promise<string[]> {
  const rows = await db
    .select({ userId: userPortalAccess.userId })
    .from(userPortalAccess)
    .innerJoin(appUsers, eq(appUsers.id, userPortalAccess.userId))
    .where(
      and(
        eq(userPortalAccess.organizationId, organizationId),
        eq(userPortalAccess.portal, 'lender'),
        eq(userPortalAccess.isActive, true),
        eq(appUsers.isActive, true),
        inArray(userPortalAccess.role, ['admin', 'underwriter']),
      ),
    );
  const all = rows.map((r) => r.userId);
  if (assigneeUserId && all.includes(assigneeUserId)) return [assigneeUserId];
  return all;
}

/** Builds one notification per staff member. */
export function toStaff(
  organizationId: string,
  userIds: string[],
  n: Omit<NotificationInput, 'organizationId' | 'recipientUserId' | 'portal'>,
): NotificationInput[] {
  return userIds.map((recipientUserId) => ({
    organizationId,
    recipientUserId,
    portal: 'lender' as const,
    ...n,
  }));
}

export interface NotificationReader {
  organizationId: string;
  userId: string;
  portal: Portal;
}

function mine(reader: NotificationReader) {
  return and(
    eq(notifications.recipientUserId, reader.userId),
    eq(notifications.organizationId, reader.organizationId),
    eq(notifications.portal, reader.portal),
  );
}

export async function listNotifications(
  db: Executor,
  reader: NotificationReader,
  query: { unreadOnly: boolean; limit: number },
) {
  const rows = await db
    .select()
    .from(notifications)
    .where(query.unreadOnly ? and(mine(reader), isNull(notifications.readAt)) : mine(reader))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.limit);
  return { notifications: rows, unreadCount: await unreadCount(db, reader) };
}

export async function unreadCount(db: Executor, reader: NotificationReader): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(reader), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function markNotificationsRead(db: Executor, reader: NotificationReader, ids?: string[]) {
  const condition = ids
    ? and(
        mine(reader),
        inArray(notifications.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']),
      )
    : mine(reader);
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(condition, isNull(notifications.readAt)));
  return { unreadCount: await unreadCount(db, reader) };
}
