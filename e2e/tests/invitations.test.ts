/**
 * Invitations end to end in Chromium, with real email: this file starts its own API (and portals)
 * whose SMTP_URL points at an in-process smtp-server, so the invitation arrives as a real SMTP
 * message. Invitations in this stack live 40 seconds, so expiry can be seen without touching the
 * database: one invitation is created first and opened last.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newContext, signInAs } from '../src/browser.ts';
import { runId, useBrowser } from '../src/harness.ts';
import { type Stack, startStack } from '../src/stack.ts';

const TTL_SECONDS = 40;

interface Received {
  to: string[];
  mail: ParsedMail;
}

describe.sequential('invitations', () => {
  const harness = useBrowser();
  const inbox: Received[] = [];
  let smtp: SMTPServer;
  let stack: Stack;
  let admin: Page;
  let lateInvitedAt = 0;
  const late = `late-${runId}@example.test`;

  beforeAll(async () => {
    smtp = new SMTPServer({
      secure: false,
      authOptional: true,
      // smtp-server's built-in STARTTLS certificate has expired: plain SMTP only (STACK-next.md §2).
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then((mail) => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    stack = await startStack({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, LENDING_INVITATION_TTL_SECONDS: String(TTL_SECONDS) },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  /** Waits for the invitation email to `email` and returns the link in it. */
  async function linkFor(email: string): Promise<string> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const found = [...inbox].reverse().find((r) => r.to.includes(email));
      if (found) {
        const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/.exec(found.mail.text ?? '')?.[0];
        if (!link) throw new Error(`No invitation link in the email to ${email}:\n${found.mail.text}`);
        return link;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`No email to ${email} arrived over SMTP.`);
  }

  async function invite(email: string, portal: 'Lender portal (staff)' | 'Borrower portal', role?: string) {
    await admin.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByLabel('Email').fill(email);
    if (portal === 'Borrower portal') {
      await dialog.getByRole('combobox', { name: 'Portal' }).click();
      await admin.getByRole('option', { name: portal }).click();
    }
    if (role) {
      await dialog.getByRole('combobox', { name: 'Role' }).click();
      await admin.getByRole('option', { name: role }).click();
    }
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    const result = admin.getByRole('dialog', { name: 'Invitation' });
    // Sent over SMTP, and it says so; the link to copy is shown.
    await result.getByText('Invitation sent', { exact: true }).waitFor();
    const shown = await result.getByRole('textbox', { name: 'Invitation link' }).inputValue();
    await result.getByRole('button', { name: 'Done' }).click();
    return shown;
  }

  /** A fresh person signs up on the local sign-in page (they are on it already). */
  async function signUp(page: Page, email: string, firstName: string) {
    const form = page.getByRole('region', { name: 'Create a user' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('First name').fill(firstName);
    await form.getByLabel('Last name').fill('Invitee');
    await form.getByRole('button', { name: 'Create user and sign in' }).click();
  }

  test('admin invites; the email arrives over SMTP; the invitee opens the link, signs up, accepts and appears on the Team page', async () => {
    admin = harness.track(await (await newContext(harness.browser, stack.lenderUrl)).newPage());
    await admin.goto('/team');
    await signInAs(admin, 'admin@demo-lending.test');
    await admin.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    expect(await admin.title()).toMatch(/^Team · /);

    // The invitation that will have expired by the last test.
    lateInvitedAt = Date.now();
    await invite(late, 'Lender portal (staff)');

    const hire = `hire-${runId}@example.test`;
    const shown = await invite(hire, 'Lender portal (staff)', 'Underwriter');
    const link = await linkFor(hire);
    expect(link).toBe(shown);
    expect(link.startsWith(stack.lenderUrl)).toBe(true);
    const mail = [...inbox].reverse().find((r) => r.to.includes(hire))?.mail;
    expect(mail?.subject).toContain('Demo Lending');
    expect(mail?.text).toContain('as an underwriter');

    // Pending, and not on the staff list.
    await admin.getByRole('tab', { name: 'Invitations' }).click();
    await admin
      .getByRole('table', { name: 'Invitations' })
      .getByRole('row')
      .filter({ hasText: hire })
      .getByText('Pending')
      .waitFor();

    const invitee = harness.track(await (await newContext(harness.browser, stack.lenderUrl)).newPage());
    await invitee.goto(link);
    await invitee.waitForURL(/\/sign-in\?redirect=%2Finvitations%2F/);
    await signUp(invitee, hire, 'Hana');
    await invitee.getByRole('heading', { name: 'You are invited to Demo Lending' }).waitFor();
    await invitee
      .getByText('invited you to join Demo Lending as an underwriter in the lender portal')
      .waitFor();
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.getByText('You joined Demo Lending as an underwriter.').waitFor();
    await invitee.getByText('This is Demo Lending.').waitFor();

    await admin.getByRole('tab', { name: 'Staff' }).click();
    await admin.getByLabel('Search staff members').fill('hire-');
    const hireRow = admin.getByRole('table', { name: 'Staff' }).getByRole('row').filter({ hasText: hire });
    expect(await hireRow.getByRole('combobox', { name: 'Role of Hana Invitee' }).inputValue()).toBe(
      'Underwriter',
    );
    await admin.getByRole('tab', { name: 'Invitations' }).click();
    await admin
      .getByRole('table', { name: 'Invitations' })
      .getByRole('row')
      .filter({ hasText: hire })
      .getByText('Accepted')
      .waitFor();

    // The link is single-use: opening it again says it was accepted.
    await invitee.goto(link);
    await invitee.getByRole('heading', { name: 'Invitation accepted' }).waitFor();
    await invitee.context().close();
  });

  test('a wrong signed-in email is told so, grants nothing, and can switch accounts', async () => {
    const meant = `meant-${runId}@example.test`;
    await admin.getByRole('tab', { name: 'Invitations' }).click();
    await invite(meant, 'Lender portal (staff)');
    const link = await linkFor(meant);

    const other = harness.track(await (await newContext(harness.browser, stack.lenderUrl)).newPage());
    await other.goto(link);
    await signInAs(other, 'viewer@demo-lending.test');
    await other.getByRole('heading', { name: 'This invitation is for someone else' }).waitFor();
    await other
      .getByText(
        'sent to a different email address than the one you are signed in with (viewer@demo-lending.test)',
        { exact: false },
      )
      .waitFor();
    expect(await other.getByText(meant).count()).toBe(0);
    expect(await other.getByRole('button', { name: 'Accept invitation' }).count()).toBe(0);

    await other.getByRole('button', { name: 'Sign out and switch account' }).click();
    await other.waitForURL(/\/sign-in\?redirect=%2Finvitations%2F/);
    await signUp(other, meant, 'Mia');
    await other.getByRole('heading', { name: 'You are invited to Demo Lending' }).waitFor();
    await other.context().close();
  });

  test('declining from the pending list of a person without access: nothing granted, the link then says declined', async () => {
    const borrower = `decline-${runId}@example.test`;
    await invite(borrower, 'Borrower portal');
    const link = await linkFor(borrower);
    expect(link.startsWith(stack.borrowerUrl)).toBe(true);

    const page = harness.track(await (await newContext(harness.browser, stack.borrowerUrl)).newPage());
    await page.goto('/');
    await signUp(page, borrower, 'Dana');
    await page.getByRole('heading', { name: 'You are not connected to a lender yet' }).waitFor();
    const pending = page.getByRole('region', { name: 'Invitations waiting for you' });
    await pending.getByText('Demo Lending').waitFor();
    await pending.getByRole('button', { name: 'Decline the invitation from Demo Lending' }).click();
    await page
      .getByRole('dialog', { name: 'Decline the invitation?' })
      .getByRole('button', { name: 'Decline' })
      .click();
    await page.getByText('Invitation declined.').waitFor();
    await pending.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'You are not connected to a lender yet' }).waitFor();

    await page.goto(link);
    await page.getByRole('heading', { name: 'Invitation declined' }).waitFor();
    await admin.getByRole('tab', { name: 'Staff' }).click();
    await admin.getByRole('tab', { name: 'Invitations' }).click();
    await admin
      .getByRole('table', { name: 'Invitations' })
      .getByRole('row')
      .filter({ hasText: borrower })
      .getByText('Declined')
      .waitFor();
    await page.context().close();
  });

  test('an expired invitation cannot be accepted, and the admin sees it expired', async () => {
    const wait = lateInvitedAt + (TTL_SECONDS + 2) * 1000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const link = await linkFor(late);
    const page = harness.track(await (await newContext(harness.browser, stack.lenderUrl)).newPage());
    await page.goto(link);
    await signUp(page, late, 'Lou');
    await page.getByRole('heading', { name: 'This invitation can no longer be used' }).waitFor();
    await page.getByText('This invitation expired on', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Accept invitation' }).count()).toBe(0);
    await page.goto('/');
    await page.getByRole('heading', { name: 'You are not part of a lending company yet' }).waitFor();

    await admin.reload();
    await admin.getByRole('tab', { name: 'Invitations' }).click();
    await admin
      .getByRole('table', { name: 'Invitations' })
      .getByRole('row')
      .filter({ hasText: late })
      .getByText('Expired')
      .waitFor();
    await page.context().close();
  }, 180_000); // waits for the invitation's expiry
});
