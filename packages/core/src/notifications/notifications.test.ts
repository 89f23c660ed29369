/** Notifications: in-app rows with an unread count, the same news by email, read marks per person. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxEmailSender, readOutbox } from '../email/email.ts';
import { makeBorrower, makeOrganization } from '../testing/factories.ts';
import { createTestCaller, createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { notify, originationStaff } from './notifications.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

describe('notify', () => {
  it('writes the in-app row and emails the recipient (escaped), and the reader marks it read', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    const dir = mkdtempSync(path.join(tmpdir(), 'lending-notify-'));
    const services = {
      email: createOutboxEmailSender({ dir, from: 'Lending OS <no-reply@lending-os.invalid>' }),
      portalUrls: { lender: 'http://lender.test', borrower: 'http://borrower.test' },
    };
    const applicationId = '00000000-0000-4000-8000-000000000001';
    await notify(db, services, [
      {
        organizationId: org.id,
        recipientUserId: borrower.userId,
        portal: 'borrower',
        kind: 'document_rejected',
        title: 'A document needs another look',
        body: 'Your bank statement was rejected: <b>unreadable</b>.',
        applicationId,
      },
    ]);
    const [email] = readOutbox(dir);
    expect(email).toMatchObject({
      to: borrower.email,
      links: [`http://borrower.test/applications/${applicationId}`],
    });
    expect(email!.html).toContain('&lt;b&gt;unreadable&lt;/b&gt;');
    const me = createTestCaller(db, borrower, org);
    expect(await me.notifications.myUnreadCount()).toEqual({ unreadCount: 1 });
    // The lender portal of the same person shows nothing: notifications belong to a portal.
    const staff = createTestCaller(db, org.admin, org);
    const before = await staff.notifications.list({});
    await staff.notifications.markRead({});
    expect(await me.notifications.myUnreadCount()).toEqual({ unreadCount: 1 });
    const [mine] = (await me.notifications.mine({})).notifications;
    expect(mine).toMatchObject({ kind: 'document_rejected', applicationId, readAt: null });
    expect(before.notifications.map((n) => n.id)).not.toContain(mine!.id);
    await me.notifications.markMineRead({ ids: [mine!.id] });
    expect(await me.notifications.myUnreadCount()).toEqual({ unreadCount: 0 });
  });

  it('staff to notify: the assignee if they can still underwrite, else admins and underwriters', async () => {
    const org = await makeOrganization(db);
    const borrower = await makeBorrower(db, org);
    expect(await originationStaff(db, org.id, null)).toEqual([org.admin.userId]);
    expect(await originationStaff(db, org.id, borrower.userId)).toEqual([org.admin.userId]);
  });
});
