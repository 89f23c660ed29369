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
    for (const card of ['Pipeline', 'Portfolio', 'Servicing']) {
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

  test('invites members, changes a role and cancels an invitation', async () => {
    await openTeam(admin);
    const members = admin.getByRole('table', { name: 'Members' });
    await members.waitFor();
    expect(await members.getByRole('row').count()).toBe(2); // header + the admin

    // A new person: the invitation stays pending.
    const newHire = `new-hire-${runId}@example.test`;
    await admin.getByRole('button', { name: 'Invite member' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Invite a member' });
    await dialog.getByLabel('Email').fill('not-an-email');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('Enter a valid email address.').waitFor();
    await dialog.getByLabel('Email').fill(newHire);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: 'Underwriter' }).click();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByText(`Invitation sent to ${newHire}.`, { exact: false }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const invitations = admin.getByRole('table', { name: 'Invitations' });
    const invitationRow = invitations.getByRole('row').filter({ hasText: newHire });
    await invitationRow.getByText('pending').waitFor();
    await invitationRow.getByText('Underwriter').waitFor();

    // Someone who already has an account gets access at once.
    await admin.getByRole('button', { name: 'Invite member' }).click();
    await dialog.getByLabel('Email').fill('servicer@demo-lending.test');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: 'Servicer' }).click();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByText('servicer@demo-lending.test already has an account and now has access.').waitFor();

    await admin.getByRole('tab', { name: 'Members' }).click();
    const samRow = members.getByRole('row').filter({ hasText: 'servicer@demo-lending.test' });
    await samRow.waitFor();
    // Change the role with the inline Select.
    await admin.getByRole('combobox', { name: 'Role of Sam Servicer' }).click();
    await admin.getByRole('option', { name: 'Viewer' }).click();
    await admin.getByText('Role changed to Viewer.').waitFor();
    await admin.waitForFunction(
      () =>
        (document.querySelector('input[aria-label="Role of Sam Servicer"]') as HTMLInputElement | null)
          ?.value === 'Viewer',
    );

    // Cancel the pending invitation, through the confirmation.
    await admin.getByRole('tab', { name: 'Invitations' }).click();
    await invitationRow.getByRole('button', { name: `Cancel the invitation of ${newHire}` }).click();
    await admin
      .getByRole('dialog', { name: 'Cancel the invitation?' })
      .getByRole('button', { name: 'Cancel invitation' })
      .click();
    await admin.getByText('Invitation cancelled.').waitFor();
    await invitationRow.getByText('cancelled').waitFor();
  });

  test('switches organization and shows that organization’s data', async () => {
    await admin.getByRole('button', { name: /Switch organization/ }).click();
    await admin.getByRole('menuitem', { name: /Demo Lending/ }).click();
    await admin.getByText('Switched to Demo Lending.').waitFor();
    await admin.getByText('This is Demo Lending.').waitFor();

    await openTeam(admin);
    const members = admin.getByRole('table', { name: 'Members' });
    await members.getByText('underwriter@demo-lending.test').waitFor();
    await members.getByText('borrower1@demo-lending.test').waitFor();
    // Scoped to the table: a toast from the previous test may still show the invitee's email.
    expect(await members.getByText(`new-hire-${runId}@example.test`).count()).toBe(0);

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
    await viewer.getByRole('table', { name: 'Members' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Invite member' }).count()).toBe(0);
    expect(await viewer.getByRole('tab', { name: 'Sessions' }).count()).toBe(0);

    await openTeam(admin);
    await admin.getByRole('tab', { name: 'Sessions' }).click();
    const sessions = admin.getByRole('table', { name: 'Sessions' });
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
    await page.context().close();
  });
});
