import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { newContext, PHONE, signInAs } from '../src/browser.ts';
import { runId, useBrowser } from '../src/harness.ts';

const lenderUrl = inject('lenderUrl');
const newOrgName = `Harbor Bridge Capital ${runId}`;

describe.sequential('lender portal', () => {
  const harness = useBrowser();
  let admin: Page;

  async function openTeam(page: Page) {
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
  }

  test('signs in with the local provider as the seeded lender admin', async () => {
    admin = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await admin.goto('/team');
    // Signed out: sent to the sign-in page, which lists the seeded users.
    await admin.waitForURL(/\/sign-in\?redirect=%2Fteam$/);
    await admin.getByRole('heading', { name: 'Sign in to Lending OS · Lender' }).waitFor();
    await signInAs(admin, 'admin@demo-lending.test');
    // …and brought back where they were going.
    await admin.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    expect(new URL(admin.url()).pathname).toBe('/team');

    await admin.getByRole('link', { name: 'Dashboard' }).click();
    await admin.getByText('This is Demo Lending.').waitFor();
    const applyLink = await admin.getByRole('textbox', { name: 'Public apply link' }).inputValue();
    expect(applyLink).toMatch(/\/apply\/demo-lending$/);
    // The pipeline card counts the demo pipeline by status; portfolio and servicing are still to come.
    await admin
      .getByRole('region', { name: 'Pipeline' })
      .getByRole('link', { name: /^Submitted: \d+$/ })
      .waitFor();
    for (const card of ['Portfolio', 'Servicing']) {
      await admin.getByRole('region', { name: card }).getByText('Coming soon').waitFor();
    }
  });

  test('creates an organization from the organization switcher', async () => {
    await admin.getByRole('button', { name: /Switch organization/ }).click();
    await admin.getByRole('menuitem', { name: 'Create organization' }).click();
    await admin.getByRole('heading', { name: 'Create your lending company' }).waitFor();

    // Inline validation with the API's own zod schema.
    await admin.getByRole('button', { name: 'Create organization' }).click();
    await admin.getByText('The organization name needs at least 2 characters.').waitFor();

    await admin.getByLabel('Company name').fill(newOrgName);
    await admin.getByRole('button', { name: 'Create organization' }).click();
    await admin.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await admin.getByText(`This is ${newOrgName}.`).waitFor();
    await admin.getByRole('button', { name: `Organization: ${newOrgName}. Switch organization` }).waitFor();
    const applyLink = await admin.getByRole('textbox', { name: 'Public apply link' }).inputValue();
    expect(applyLink).toMatch(/\/apply\/harbor-bridge-capital/);
  });

  test('invites people (nothing granted until they accept) and cancels an invitation', async () => {
    await openTeam(admin);
    const staff = admin.getByRole('table', { name: 'Staff' });
    await staff.waitFor();
    expect(await staff.getByRole('row').count()).toBe(2); // header + the admin

    // A new person: the invitation stays pending; the link to copy is shown, and the portal says
    // honestly that nothing was emailed (this stack has no SMTP: the message is in the outbox).
    const newHire = `new-hire-${runId}@example.test`;
    await admin.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByLabel('Email').fill('not-an-email');
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    await dialog.getByText('Enter a valid email address.').waitFor();
    await dialog.getByLabel('Email').fill(newHire);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: 'Underwriter' }).click();
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    const result = admin.getByRole('dialog', { name: 'Invitation' });
    await result.getByText('Invitation created — not emailed').waitFor();
    expect(await result.getByRole('textbox', { name: 'Invitation link' }).inputValue()).toMatch(
      /\/invitations\/[A-Za-z0-9_-]{43}$/,
    );
    await result.getByRole('button', { name: 'Done' }).click();
    const invitations = admin.getByRole('table', { name: 'Invitations' });
    const invitationRow = invitations.getByRole('row').filter({ hasText: newHire });
    await invitationRow.getByText('Pending').waitFor();
    await invitationRow.getByText('Underwriter').waitFor();

    // Someone who already has an account is invited the same way: no access until they accept.
    await admin.getByRole('button', { name: 'Invite someone' }).click();
    await dialog.getByLabel('Email').fill('servicer@demo-lending.test');
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    await result.getByText('Invitation created — not emailed').waitFor();
    await result.getByRole('button', { name: 'Done' }).click();
    await invitations
      .getByRole('row')
      .filter({ hasText: 'servicer@demo-lending.test' })
      .getByText('Pending')
      .waitFor();
    await admin.getByRole('tab', { name: 'Staff' }).click();
    await staff.waitFor();
    expect(await staff.getByText('servicer@demo-lending.test').count()).toBe(0);

    // A 250-character address is cut with an ellipsis: nothing is pushed off screen.
    const long = `${'l'.repeat(230)}-${runId}@example.test`.slice(-250);
    await admin.getByRole('button', { name: 'Invite someone' }).click();
    await dialog.getByLabel('Email').fill(long);
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    await result.getByRole('button', { name: 'Done' }).click();
    await invitations.getByRole('row').filter({ hasText: long }).getByText('Pending').waitFor();
    expect(await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const cancelLong = invitations.getByRole('button', { name: `Cancel the invitation of ${long}` });
    const box = await cancelLong.boundingBox();
    expect(box && box.x + box.width <= (admin.viewportSize()?.width ?? 0)).toBe(true);

    // Cancel the pending invitation, through the confirmation.
    await admin.getByRole('tab', { name: 'Invitations' }).click();
    await invitationRow.getByRole('button', { name: `Cancel the invitation of ${newHire}` }).click();
    await admin
      .getByRole('dialog', { name: 'Cancel the invitation?' })
      .getByRole('button', { name: 'Cancel invitation' })
      .click();
    await admin.getByText('Invitation cancelled.', { exact: false }).waitFor();
    await invitationRow.getByText('Cancelled').waitFor();
  });

  test('switches organization and shows that organization’s data', async () => {
    await admin.getByRole('button', { name: /Switch organization/ }).click();
    await admin.getByRole('menuitem', { name: /Demo Lending/ }).click();
    await admin.getByText('Switched to Demo Lending.').waitFor();
    await admin.getByText('This is Demo Lending.').waitFor();

    await openTeam(admin);
    const staff = admin.getByRole('table', { name: 'Staff' });
    await staff.getByText('underwriter@demo-lending.test').waitFor();
    // Borrowers are not staff: they have their own page.
    expect(await staff.getByText('borrower1@demo-lending.test').count()).toBe(0);
    // Scoped to the table: a toast from the previous test may still show the invitee's email.
    expect(await staff.getByText(`new-hire-${runId}@example.test`).count()).toBe(0);

    // Change a role with the inline Select (and back).
    for (const role of ['Viewer', 'Servicer']) {
      await admin.getByRole('combobox', { name: 'Role of Sam Servicer' }).click();
      await admin.getByRole('option', { name: role }).click();
      await admin.getByText(`Role changed to ${role}.`).waitFor();
      await admin.waitForFunction(
        (expected) =>
          (document.querySelector('input[aria-label="Role of Sam Servicer"]') as HTMLInputElement | null)
            ?.value === expected,
        role,
      );
    }

    await admin.getByRole('link', { name: 'Borrowers' }).click();
    await admin.getByRole('heading', { name: 'Borrowers', level: 1 }).waitFor();
    expect(await admin.title()).toMatch(/^Borrowers · /);
    await admin.getByRole('table', { name: 'Borrowers' }).getByText('borrower1@demo-lending.test').waitFor();

    // The choice is remembered across reloads.
    await admin.reload();
    await admin.getByRole('button', { name: 'Organization: Demo Lending. Switch organization' }).waitFor();
    await admin.getByRole('button', { name: /Switch organization/ }).click();
    await admin.getByRole('menuitem', { name: new RegExp(newOrgName) }).waitFor();
    await admin.keyboard.press('Escape');
  });

  test('revokes another member’s session, which signs them out', async () => {
    const viewer = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await viewer.goto('/');
    await signInAs(viewer, 'viewer@demo-lending.test');
    await viewer.getByText('This is Demo Lending.').waitFor();
    // A viewer reads the team but changes nothing.
    await openTeam(viewer);
    await viewer.getByText('Read only').waitFor();
    await viewer.getByRole('table', { name: 'Staff' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Invite someone' }).count()).toBe(0);
    expect(await viewer.getByRole('tab', { name: 'Sessions' }).count()).toBe(0);

    await openTeam(admin);
    await admin.getByRole('tab', { name: 'Sessions' }).click();
    const sessions = admin.getByRole('table', { name: 'Active sessions' });
    await sessions
      .getByRole('row')
      .filter({ hasText: 'admin@demo-lending.test' })
      .getByText('This session')
      .waitFor();
    const viewerRow = sessions.getByRole('row').filter({ hasText: 'viewer@demo-lending.test' });
    await viewerRow
      .getByRole('button', { name: /^Revoke the session of Vic/ })
      .first()
      .click();
    await admin
      .getByRole('dialog', { name: 'Revoke this session?' })
      .getByRole('button', { name: 'Revoke session' })
      .click();
    await admin.getByText('Session revoked. That device is signed out.').waitFor();

    await viewer.reload();
    await viewer.getByRole('heading', { name: 'Sign in to Lending OS · Lender' }).waitFor();
    await viewer.getByText('Your session has ended. Sign in again.').waitFor();
    await viewer.context().close();
  });

  test('a user without lender access sees how to get it, and can create a company', async () => {
    const page = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await page.goto('/');
    await signInAs(page, 'borrower2@demo-lending.test');
    await page.getByRole('heading', { name: 'You are not part of a lending company yet' }).waitFor();
    await page.getByText('ask an admin of your lending company to invite', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Create your lending company' }).click();
    await page.getByRole('heading', { name: 'Create your lending company' }).waitFor();
    await page.context().close();
  });

  test('on a phone, the navigation collapses behind a menu button', async () => {
    const page = harness.track(await (await newContext(harness.browser, lenderUrl, PHONE)).newPage());
    await page.goto('/');
    await signInAs(page, 'underwriter@demo-lending.test');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const team = page.getByRole('link', { name: 'Team' });
    const closed = await team.boundingBox();
    expect(closed === null || closed.x + closed.width <= 0).toBe(true); // slid out of view
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    // Navigating closes the menu again.
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    // On a phone the staff are cards: role and status stay on screen.
    const card = page
      .getByRole('list', { name: 'Staff' })
      .getByRole('listitem')
      .filter({ hasText: 'servicer@demo-lending.test' });
    const status = await card.getByText('Active').boundingBox();
    expect(status && status.x + status.width <= 390).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.context().close();
  });
});
