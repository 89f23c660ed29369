/**
 * Origination end to end, in both portals with local sign-in: a new borrower applies through the
 * apply link (wizard with autosave and a document upload), the lender reviews (document accepted, a
 * condition), makes an offer, the borrower signs it, the lender approves and funds, and the borrower
 * sees the loan's schedule and the signed term sheet.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { DESKTOP, newContext, PHONE, signInAs } from '../src/browser.ts';
import { runId, useBrowser } from '../src/harness.ts';
import { repoRoot } from '../src/stack.ts';

const lenderUrl = inject('lenderUrl');
const borrowerUrl = inject('borrowerUrl');
const shotsDir = join(repoRoot, 'e2e', 'test-results', 'screenshots');

async function shot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
}

async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** A tiny file that sniffs as PDF. */
const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
  Buffer.alloc(150_000, 0x20),
  Buffer.from('\n%%EOF\n'),
]);

describe.sequential('origination end to end', () => {
  const harness = useBrowser();
  const productName = `Journey Bridge ${runId}`;
  const email = `journey-${runId}@example.test`;
  const state = { applicationPath: '', reference: '' };

  let lender: Page;
  let borrower: Page;

  test('the lender admin creates a product with its checklist', async () => {
    lender = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await lender.goto('/products');
    await signInAs(lender, 'admin@demo-lending.test');
    await lender.getByRole('heading', { name: 'Products' }).waitFor();
    await lender.getByRole('link', { name: 'New product' }).click();
    await lender.getByRole('heading', { name: 'New product' }).waitFor();
    // The API's schema speaks inline before anything is sent.
    await lender.getByRole('button', { name: 'Create product' }).click();
    await lender.getByText('A product name needs at least 2 characters.').waitFor();
    await lender.getByRole('textbox', { name: 'Name', exact: true }).fill(productName);
    await lender.getByLabel('Largest amount ($)').fill('10');
    await lender.getByLabel('Largest amount ($)').blur();
    await lender.getByText('The largest amount must not be below the smallest.').waitFor();
    await lender.getByLabel('Largest amount ($)').fill('2000000.00');
    await lender.getByRole('button', { name: 'Create product' }).click();
    await lender.getByRole('heading', { name: productName }).waitFor();
    await lender.getByText('Version 1', { exact: false }).first().waitFor();
  });

  test('a new borrower applies from the apply link: wizard, autosave, resume, upload, submit', async () => {
    borrower = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await borrower.goto('/apply/demo-lending');
    await borrower.getByRole('link', { name: 'Sign in to apply' }).click();
    const form = borrower.getByRole('region', { name: 'Create a user' });
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('First name').fill('Casey');
    await form.getByLabel('Last name').fill('Journey');
    await form.getByRole('button', { name: 'Create user and sign in' }).click();
    await borrower.getByRole('button', { name: 'Start' }).click();

    // Straight into the wizard of a new draft.
    await borrower.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    state.applicationPath = new URL(borrower.url()).pathname;
    const heading = await borrower.getByRole('heading', { name: /^Application A-\d+$/ }).textContent();
    state.reference = heading?.replace('Application ', '') ?? '';

    await choose(borrower, 'Loan product', productName);
    await borrower.getByLabel('Amount ($)').fill('abc');
    await borrower.getByLabel('Amount ($)').blur();
    await borrower.getByText('the loan amount', { exact: false }).first().waitFor();
    await borrower.getByLabel('Amount ($)').fill('300,000');
    await borrower.getByLabel('Term (payments)').fill('12');
    await choose(borrower, 'Purpose', 'Purchase');
    // The live estimate at the product's usual rate (11.5 %, 2 points, $995).
    const estimate = borrower.getByRole('region', { name: 'Estimate' });
    await estimate.getByText('APR').waitFor();
    await estimate.getByText('$2,875.00').waitFor();
    await borrower.getByText(/^Saved at /).waitFor();

    // Resume: a reload (another device would do the same) shows what was saved.
    await borrower.reload();
    await expect.poll(() => borrower.getByLabel('Amount ($)').inputValue()).toBe('300000.00');
    expect(await borrower.getByLabel('Term (payments)').inputValue()).toBe('12');

    await borrower.getByRole('button', { name: 'Next' }).click();
    await borrower.getByLabel('First name').fill('Casey');
    await borrower.getByLabel('Last name').fill('Journey');
    await borrower.getByLabel('Email').fill(email);
    await borrower.getByLabel('Phone').fill('+1 555 0100');
    await borrower.getByLabel('Last 4 digits of your SSN').fill('12a4');
    await borrower.getByLabel('Last 4 digits of your SSN').blur();
    await borrower.getByText('Give the last 4 digits of the tax id.').waitFor();
    await borrower.getByLabel('Last 4 digits of your SSN').fill('1234');
    await borrower.getByRole('button', { name: 'Next' }).click();

    await borrower.getByLabel('Address', { exact: true }).fill('12 Harbor Street');
    await borrower.getByLabel('City').fill('Portland');
    await borrower.getByLabel('State').fill('ME');
    await borrower.getByLabel('ZIP code').fill('04101');
    await choose(borrower, 'Property type', 'Single family');
    await borrower.getByLabel('Purchase price ($)').fill('400000');
    await borrower.getByLabel('As-is value ($)').fill('420000');
    await borrower.getByLabel('After-repair value ($)').fill('550000');
    await borrower.getByLabel('Rehab budget ($)').fill('60000');
    await borrower.getByRole('button', { name: 'Next' }).click();

    // Documents: the product's checklist; one upload with a progress bar.
    const idItem = borrower.getByRole('listitem', { name: 'Government-issued photo ID' });
    await idItem.getByText('Missing').waitFor();
    const [chooser] = await Promise.all([
      borrower.waitForEvent('filechooser'),
      idItem.getByRole('button', { name: 'Upload Government-issued photo ID' }).click(),
    ]);
    await chooser.setFiles({ name: 'casey-id.pdf', mimeType: 'application/pdf', buffer: pdf });
    await idItem.getByText('In review').waitFor();
    await idItem.getByText('casey-id.pdf', { exact: false }).waitFor();
    await borrower.getByText('casey-id.pdf uploaded', { exact: false }).waitFor();
    await shot(borrower, 'desktop-borrower-wizard-documents');

    await borrower.getByText('Everything needed is filled in.', { exact: false }).waitFor();
    await borrower.getByRole('button', { name: 'Submit application' }).click();
    await borrower.getByRole('region', { name: 'Status' }).getByText('Submitted', { exact: true }).waitFor();
  });

  test('the lender finds it on the board, reviews, accepts the document, adds a condition and makes an offer', async () => {
    await lender.goto('/pipeline');
    const column = lender.getByRole('region', { name: /^Submitted: \d+$/ });
    await column.waitFor();
    await shot(lender, 'desktop-lender-pipeline-board');
    await column.getByRole('link', { name: new RegExp(`^${state.reference}, Casey Journey`) }).click();
    await lender.getByRole('heading', { name: `${state.reference} · Casey Journey` }).waitFor();

    await lender.getByRole('button', { name: 'Start review' }).click();
    await lender.getByText('Review started.').waitFor();

    // Underwriting: 300,000 on 420,000 as-is is an LTV of 71.43 %, under the product's 75 %.
    const uw = lender.getByRole('region', { name: 'Underwriting' });
    await uw.getByText('71.43%').waitFor();

    await lender.getByRole('button', { name: 'Accept casey-id.pdf' }).click();
    await lender.getByText('casey-id.pdf accepted.').waitFor();

    const conditions = lender.getByRole('region', { name: 'Conditions' });
    await conditions.getByRole('button', { name: 'Add condition' }).click();
    await conditions.getByText('Give the condition a title.').waitFor();
    await conditions.getByLabel('New condition').fill('Proof of hazard insurance');
    await conditions.getByRole('button', { name: 'Add condition' }).click();
    await lender.getByText('Condition added.').waitFor();
    await conditions.getByText('1 open').waitFor();

    const offer = lender.getByRole('region', { name: 'Offer' });
    await offer.getByRole('button', { name: 'Make an offer' }).click();
    const offerForm = lender.getByRole('form', { name: 'New offer' });
    expect(await offerForm.getByLabel('Amount ($)').inputValue()).toBe('300000.00');
    await offerForm.getByLabel('Rate (% a year)').fill('10.75');
    await lender.getByRole('region', { name: 'Offer estimate' }).getByText('$2,687.50').waitFor();
    await offerForm.getByRole('button', { name: 'Issue offer' }).click();
    await lender.getByText('Offer issued.', { exact: false }).waitFor();
    await lender.getByText('Offered', { exact: true }).first().waitFor();
    await shot(lender, 'desktop-lender-workspace');
  });

  test('the borrower is notified of the offer and accepts it with a typed-name signature', async () => {
    // The bell counts the unread notifications; the offer's opens the application.
    await borrower.goto('/');
    await borrower.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    await borrower.getByRole('button', { name: new RegExp(`Your offer for ${state.reference}`) }).click();
    await borrower.waitForURL((url) => url.pathname === state.applicationPath);
    const offer = borrower.getByRole('region', { name: 'Your offer' });
    await offer.getByText('10.75%').waitFor();
    await offer.getByRole('button', { name: 'Accept and sign' }).click();
    const dialog = borrower.getByRole('dialog', { name: 'Accept and sign the offer' });
    await dialog.getByRole('button', { name: 'Sign and accept' }).click();
    await dialog.getByText('Type your full name to sign.').waitFor();
    await dialog.getByLabel('Your full name').fill('Casey Journey');
    await dialog.getByRole('button', { name: 'Sign and accept' }).click();
    await borrower.getByText('Offer accepted and signed.', { exact: false }).waitFor();
    await borrower.getByRole('region', { name: 'Status' }).getByText('Accepted', { exact: true }).waitFor();
  });

  test('the lender clears the condition, approves and funds (once)', async () => {
    await lender.reload();
    await lender.getByRole('heading', { name: `${state.reference} · Casey Journey` }).waitFor();
    await choose(lender, 'Status of Proof of hazard insurance', 'Satisfied');
    await lender.getByText('is satisfied', { exact: false }).waitFor();
    await lender.getByRole('button', { name: 'Approve' }).click();
    await lender.getByText('Application approved.').waitFor();

    await lender.getByRole('button', { name: 'Fund' }).click();
    const dialog = lender.getByRole('dialog', { name: `Fund ${state.reference}` });
    await dialog.getByLabel('Funding date').waitFor();
    // A double click sends one key: one loan.
    await dialog.getByRole('button', { name: 'Fund loan' }).dblclick();
    await lender
      .getByText(/^Funded: loan L-\d+ of \$300,000\.00\.$/)
      .first()
      .waitFor();
    await lender.getByRole('link', { name: 'Open the loan' }).click();
    await lender.getByRole('table', { name: 'Schedule' }).waitFor();
    expect(await lender.getByRole('table', { name: 'Schedule' }).getByRole('row').count()).toBe(13);
    // Exactly one loan for this borrower, however the button was pressed.
    await lender.getByRole('link', { name: 'Loans', exact: true }).click();
    const loans = lender.getByRole('table', { name: 'Loans' });
    await loans.getByText('Casey Journey').first().waitFor();
    expect(await loans.getByRole('row').filter({ hasText: 'Casey Journey' }).count()).toBe(1);
  });

  test('the borrower sees the loan, its schedule, what is due next and the signed term sheet', async () => {
    await borrower.goto('/');
    await borrower.getByRole('region', { name: 'Next payment' }).getByText('$2,687.50').waitFor();
    await borrower.getByRole('link', { name: 'Loans', exact: true }).click();
    await borrower.getByRole('link', { name: /^Loan L-\d+$/ }).click();
    const schedule = borrower.getByRole('table', { name: 'Schedule' });
    await schedule.waitFor();
    expect(await schedule.getByRole('row').count()).toBe(13);
    await shot(borrower, 'desktop-borrower-loan');

    const [download] = await Promise.all([
      borrower.waitForEvent('download'),
      borrower.getByRole('button', { name: 'Download the signed term sheet' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  test('on a phone: the wizard stepper is vertical, the board scrolls, the loan schedule is a list', async () => {
    const phoneBorrower = harness.track(
      await (await newContext(harness.browser, borrowerUrl, PHONE)).newPage(),
    );
    await phoneBorrower.goto('/applications/new');
    await signInAs(phoneBorrower, 'borrower2@demo-lending.test');
    await phoneBorrower.getByRole('heading', { name: /^Application A-\d+$/ }).waitFor();
    await phoneBorrower.getByRole('combobox', { name: 'Loan product' }).waitFor();
    await shot(phoneBorrower, 'phone-borrower-wizard');
    const width = await phoneBorrower.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);

    const phoneLender = harness.track(await (await newContext(harness.browser, lenderUrl, PHONE)).newPage());
    await phoneLender.goto('/pipeline');
    await signInAs(phoneLender, 'underwriter@demo-lending.test');
    await phoneLender.getByRole('region', { name: /^Submitted: \d+$/ }).waitFor();
    await shot(phoneLender, 'phone-lender-pipeline-board');
    await phoneLender.goto(`/pipeline?view=table&q=${encodeURIComponent(state.reference)}`);
    await phoneLender.getByRole('list', { name: 'Applications' }).getByText(state.reference).click();
    await phoneLender.getByRole('heading', { name: `${state.reference} · Casey Journey` }).waitFor();
    await shot(phoneLender, 'phone-lender-workspace');
    expect(await phoneLender.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );

    await borrower.setViewportSize(PHONE);
    await borrower.reload();
    await borrower.getByRole('list', { name: 'Schedule' }).waitFor();
    await shot(borrower, 'phone-borrower-loan');
    await borrower.setViewportSize(DESKTOP);
  });
});
