/**
 * Opening `/sign-in` directly and reloading pages, in both portals: every page settles (the sign-in
 * page once hung on its placeholders unless entered through `/`).
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { newContext, signInAs } from '../src/browser.ts';
import { useBrowser } from '../src/harness.ts';

const lenderUrl = inject('lenderUrl');
const borrowerUrl = inject('borrowerUrl');

const portals = [
  {
    portal: 'lender',
    url: lenderUrl,
    email: 'admin@demo-lending.test',
    appName: 'Lending OS · Lender',
    pages: [
      { path: '/', heading: 'Dashboard' },
      { path: '/team', heading: 'Team' },
      { path: '/settings', heading: 'Settings' },
      { path: '/settings/organization', heading: 'Settings' },
      { path: '/pipeline', heading: 'Pipeline' },
    ],
  },
  {
    portal: 'borrower',
    url: borrowerUrl,
    email: 'borrower1@demo-lending.test',
    appName: 'Lending OS · Borrower',
    pages: [
      { path: '/', heading: /^Welcome/ },
      { path: '/loans', heading: 'Loans' },
      { path: '/apply/demo-lending', heading: 'Apply to Demo Lending' },
    ],
  },
] as const;

async function localSessionId(page: Page): Promise<string> {
  const id = await page.evaluate(() => localStorage.getItem('lending.local-auth.session-id'));
  if (!id) throw new Error('no local session in localStorage');
  return id;
}

describe.sequential('sign-in and reload', () => {
  const harness = useBrowser();

  for (const { portal, url, email, appName, pages } of portals) {
    test(`${portal}: /sign-in opened directly, and reloaded, lists the users`, async () => {
      const page = harness.track(await (await newContext(harness.browser, url)).newPage());
      await page.goto('/sign-in');
      await page.getByRole('heading', { name: `Sign in to ${appName}` }).waitFor();
      await page.getByText(email).waitFor();
      await page.reload();
      await page.getByText(email).waitFor();
      // With a return path too.
      await page.goto('/sign-in?redirect=%2Floans');
      await page.getByText(email).waitFor();
      await signInAs(page, email);
      await page.waitForURL((u) => u.pathname === '/loans');
      await page.context().close();
    });

    test(`${portal}: every page survives a reload`, async () => {
      const page = harness.track(await (await newContext(harness.browser, url)).newPage());
      await page.goto('/sign-in');
      await signInAs(page, email);
      await page.waitForURL((u) => u.pathname === '/');
      for (const { path, heading } of pages) {
        await page.goto(path);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await page.reload();
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      }
      // Signed in, /sign-in goes home.
      await page.goto('/sign-in');
      await page.waitForURL((u) => u.pathname === '/');
      await page.context().close();
    });

    test(`${portal}: a user whose session was revoked reloads onto a working sign-in page`, async () => {
      const page = harness.track(await (await newContext(harness.browser, url)).newPage());
      await page.goto('/sign-in');
      await signInAs(page, email);
      await page.waitForURL((u) => u.pathname === '/');
      // The session ends elsewhere (an admin revoked it, or another tab signed out on the API).
      const sessionId = await localSessionId(page);
      const ended = await page.request.delete(`/api/local-auth/sessions/${encodeURIComponent(sessionId)}`, {
        headers: { origin: new URL(page.url()).origin },
      });
      expect(ended.ok()).toBe(true);
      await page.reload();
      await page.getByText('Your session has ended. Sign in again.').waitFor();
      await page.getByText(email).waitFor();
      await page.reload();
      await page.getByText(email).waitFor();
      await signInAs(page, email);
      await page.waitForURL((u) => u.pathname === '/');
      await page.context().close();
    });
  }
});
