/**
 * Screenshots of the main screens of both portals, desktop and phone, for a human look:
 *   pnpm --filter @lending/e2e screenshots   → e2e/test-results/screenshots/*.png
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, launchBrowser, newContext, PHONE, signInAs } from './browser.ts';
import { repoRoot, startStack } from './stack.ts';

const outDir = join(repoRoot, 'e2e', 'test-results', 'screenshots');
mkdirSync(outDir, { recursive: true });

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
  console.log(`saved ${name}.png`);
}

const stack = await startStack();
const browser = await launchBrowser();
try {
  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const lender = await (await newContext(browser, stack.lenderUrl, viewport)).newPage();
    await lender.goto('/');
    await lender.getByRole('heading', { name: /Sign in to/ }).waitFor();
    await lender.getByText('admin@demo-lending.test').waitFor();
    await shot(lender, `${label}-lender-sign-in`);
    await signInAs(lender, 'admin@demo-lending.test');
    await lender.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await shot(lender, `${label}-lender-dashboard`);
    if (label === 'phone') {
      await lender.getByRole('button', { name: 'Open navigation' }).click();
      await lender.waitForTimeout(400);
      await shot(lender, `${label}-lender-nav-open`);
      await lender.getByRole('link', { name: 'Team' }).click();
    } else {
      await lender.getByRole('link', { name: 'Team' }).click();
    }
    // Tables on wide screens, cards (a list) on phones.
    const listRole = label === 'phone' ? 'list' : 'table';
    await lender.getByRole(listRole, { name: 'Staff' }).waitFor();
    await shot(lender, `${label}-lender-team`);
    await lender.getByRole('button', { name: 'Invite someone' }).first().click();
    await lender.getByRole('dialog').waitFor();
    await lender.getByRole('button', { name: 'Create invitation' }).click();
    await shot(lender, `${label}-lender-invite-errors`);
    await lender.keyboard.press('Escape');
    await lender.getByRole('tab', { name: 'Sessions' }).click();
    await lender.getByRole(listRole, { name: 'Active sessions' }).waitFor();
    await shot(lender, `${label}-lender-sessions`);
    await lender.goto('/settings');
    await lender.getByRole('heading', { name: 'Your access' }).waitFor();
    await shot(lender, `${label}-lender-settings-profile`);
    await lender.goto('/settings/organization');
    await lender.getByLabel('Organization name').waitFor();
    await shot(lender, `${label}-lender-settings-organization`);
    await lender.getByLabel('Link name').fill('demo-lending-new');
    await lender.getByLabel('Phone').fill('call me');
    await lender.getByRole('button', { name: 'Save changes' }).click();
    await shot(lender, `${label}-lender-settings-organization-errors`);
    await lender.getByLabel('Phone').fill('');
    await lender.getByRole('button', { name: 'Save changes' }).click();
    await lender.getByRole('dialog', { name: 'Change the apply link?' }).waitFor();
    await shot(lender, `${label}-lender-settings-organization-slug-warning`);
    await lender.keyboard.press('Escape');
    await lender.getByRole('button', { name: /Switch organization/ }).click();
    await lender.waitForTimeout(300);
    await shot(lender, `${label}-lender-org-menu`);
    await lender.getByRole('menuitem', { name: 'Create organization' }).click();
    await lender.getByRole('heading', { name: 'Create your lending company' }).waitFor();
    await shot(lender, `${label}-lender-onboarding`);
    // A second organization of the same name: the switcher tells them apart by link name.
    await lender.getByLabel('Company name').fill('Demo Lending');
    await lender.getByRole('button', { name: 'Create organization' }).click();
    await lender.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await lender.getByRole('button', { name: /Switch organization/ }).click();
    await lender.waitForTimeout(300);
    await shot(lender, `${label}-lender-org-menu-namesakes`);
    await lender.context().close();

    const viewer = await (await newContext(browser, stack.lenderUrl, viewport)).newPage();
    await viewer.goto('/settings/organization');
    await signInAs(viewer, 'viewer@demo-lending.test');
    await viewer.getByText('Read only').waitFor();
    await shot(viewer, `${label}-lender-settings-organization-read-only`);
    await viewer.context().close();

    const borrower = await (await newContext(browser, stack.borrowerUrl, viewport)).newPage();
    await borrower.goto('/apply/demo-lending');
    await borrower.getByRole('heading', { name: 'Apply to Demo Lending' }).waitFor();
    await shot(borrower, `${label}-borrower-apply-signed-out`);
    await borrower.goto('/apply/no-such-lender');
    await borrower.getByText('We could not find that lender').waitFor();
    await shot(borrower, `${label}-borrower-apply-unknown`);
    await borrower.goto('/');
    await borrower.getByText('borrower1@demo-lending.test').waitFor();
    await signInAs(borrower, 'borrower1@demo-lending.test');
    await borrower.getByRole('heading', { name: /Welcome/ }).waitFor();
    await shot(borrower, `${label}-borrower-home`);
    await borrower.context().close();

    const noAccess = await (await newContext(browser, stack.borrowerUrl, viewport)).newPage();
    await noAccess.goto('/');
    await noAccess.getByText('admin@demo-lending.test').waitFor();
    await signInAs(noAccess, 'admin@demo-lending.test');
    await noAccess.getByRole('heading', { name: /not connected to a lender/ }).waitFor();
    await shot(noAccess, `${label}-borrower-no-access`);
    await noAccess.context().close();
  }
} finally {
  await browser.close();
  await stack.stop();
}
