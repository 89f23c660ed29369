import { describe, inject, test } from 'vitest';
import { newContext, signInAs } from '../src/browser.ts';
import { runId, useBrowser } from '../src/harness.ts';

const borrowerUrl = inject('borrowerUrl');

describe.sequential('borrower portal', () => {
  const harness = useBrowser();

  test('an unknown apply link says so', async () => {
    const page = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await page.goto('/apply/no-such-lender');
    await page.getByRole('heading', { name: 'We could not find that lender' }).waitFor();
    await page.context().close();
  });

  test('a new person opens the apply link, signs up, comes back and joins as borrower', async () => {
    const page = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await page.goto('/apply/demo-lending');
    await page.getByRole('heading', { name: 'Apply to Demo Lending' }).waitFor();
    await page.getByRole('link', { name: 'Sign in to apply' }).click();
    await page.waitForURL(/\/sign-in\?redirect=%2Fapply%2Fdemo-lending$/);

    const form = page.getByRole('region', { name: 'Create a user' });
    await form.getByRole('button', { name: 'Create user and sign in' }).click();
    await form.getByText('Enter a first name.').waitFor();
    await form.getByLabel('Email').fill(`applicant-${runId}@example.test`);
    await form.getByLabel('First name').fill('Casey');
    await form.getByLabel('Last name').fill('Applicant');
    await form.getByRole('button', { name: 'Create user and sign in' }).click();

    // Back on the apply page, signed in.
    await page.waitForURL(/\/apply\/demo-lending$/);
    await page.getByText(`Signed in as applicant-${runId}@example.test`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    // Start continues straight into the application wizard of a new draft.
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /^Application A-\d+$/ }).waitFor();
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { name: 'Welcome, Casey' }).waitFor();
    await page
      .getByRole('region', { name: 'Next payment' })
      .getByText('Nothing due.', { exact: false })
      .waitFor();
    await page
      .getByRole('region', { name: 'Open tasks' })
      .getByRole('link', { name: /^Finish and submit application A-\d+$/ })
      .waitFor();
    const lenders = page.getByRole('region', { name: 'Your lenders' });
    await lenders.getByText('Demo Lending').waitFor();
    await lenders.getByText('Current').waitFor();

    // Opening the link again recognises the connection.
    await page.goto('/apply/demo-lending');
    await page.getByText('You are already connected to Demo Lending', { exact: false }).waitFor();
    await page.context().close();
  });

  test('a seeded borrower signs in straight to their home page', async () => {
    const page = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await page.goto('/');
    await page.waitForURL(/\/sign-in$/);
    await signInAs(page, 'borrower1@demo-lending.test');
    await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
    await page.getByText('Your loans and applications with Demo Lending.').waitFor();

    // Sign out from the account menu.
    await page.getByRole('button', { name: /^Account: / }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lending OS · Borrower' }).waitFor();
    await page.context().close();
  });

  test('lender staff without borrower access see how to get it', async () => {
    const page = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await page.goto('/');
    await signInAs(page, 'servicer@demo-lending.test');
    await page.getByRole('heading', { name: 'You are not connected to a lender yet' }).waitFor();
    await page.getByText('open your lender', { exact: false }).waitFor();
    await page.context().close();
  });
});
