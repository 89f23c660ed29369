/**
 * Payoff letters and requests in both portals, and loan boarding from the lender portal, against
 * the demo seed (borrower1's L-000001 is active; the product "Bridge 12 (demo servicing)").
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { newContext, PHONE, signInAs } from '../src/browser.ts';
import { runId, useBrowser } from '../src/harness.ts';
import { repoRoot } from '../src/stack.ts';

const lenderUrl = inject('lenderUrl');
const borrowerUrl = inject('borrowerUrl');
const shotsDir = join(repoRoot, 'e2e', 'test-results', 'payoff-boarding');
mkdirSync(shotsDir, { recursive: true });

const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const goodThrough = isoIn(7);
const note = `Closing with First Title ${runId}`;
const HEADER =
  'external_id,borrower_email,product,principal,annual_rate_percent,payments,funded_on,installments_paid';
const row = (id: string, principal = '200000.00') =>
  `${id},borrower1@demo-lending.test,Bridge 12 (demo servicing),${principal},11.5,12,${isoIn(-100)},2`;

/** Saves a download and checks it is a PDF about `reference`; returns its text. */
async function savedPdf(download: import('playwright-core').Download, name: string, reference: string) {
  const file = join(shotsDir, name);
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain(reference);
  return { file, text };
}

describe.sequential('payoff letters and boarding', () => {
  const harness = useBrowser();
  let borrower: Page;

  test('the borrower downloads a payoff letter for a date and requests one from the lender', async () => {
    borrower = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await borrower.goto('/payments');
    await borrower.waitForURL(/\/sign-in/);
    await signInAs(borrower, 'borrower1@demo-lending.test');
    await borrower.getByRole('link', { name: 'Open L-000001' }).click();
    await borrower.getByRole('heading', { name: 'Loan L-000001', level: 1 }).waitFor();

    const payoff = borrower.getByRole('form', { name: 'Payoff letter' });
    // A date in the past is refused with the API's sentence.
    await payoff.getByLabel('Good through').fill(isoIn(-3));
    await payoff.getByRole('button', { name: 'Request payoff letter' }).click();
    await borrower.getByText('The good-through date cannot be in the past', { exact: false }).waitFor();

    await payoff.getByLabel('Good through').fill(goodThrough);
    await payoff.getByRole('button', { name: 'Get a payoff quote' }).click();
    await borrower
      .getByLabel('Payoff quote figures')
      .getByText(/^Total \$\d{3},\d{3}\.\d\d$/)
      .waitFor();
    const [letter] = await Promise.all([
      borrower.waitForEvent('download'),
      payoff.getByRole('button', { name: 'Download payoff letter' }).click(),
    ]);
    expect(letter.suggestedFilename()).toBe(`payoff-L-000001-${goodThrough}.pdf`);
    await savedPdf(letter, 'payoff-letter-borrower.pdf', 'L-000001');

    await payoff.getByLabel('Note to your lender (optional)').fill(note);
    await payoff.getByRole('button', { name: 'Request payoff letter' }).click();
    await borrower.getByText('Payoff letter requested.', { exact: false }).waitFor();
    const mine = borrower.getByRole('list', { name: 'Your payoff requests' });
    await mine.getByText('waiting').first().waitFor();
    await borrower
      .getByRole('region', { name: 'Payoff', exact: true })
      .screenshot({ path: join(shotsDir, 'borrower-payoff.png') });

    // The request's own letter, rendered with pdftoppm for a look.
    const [requested] = await Promise.all([
      borrower.waitForEvent('download'),
      mine
        .getByRole('button', { name: /^Download the payoff letter good through/ })
        .first()
        .click(),
    ]);
    const { file, text } = await savedPdf(requested, 'payoff-letter-request.pdf', 'L-000001');
    expect(text).toMatch(/Payoff/i);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      file,
      join(shotsDir, 'payoff-letter'),
    ]);
  });

  test('the lender sees the request in the queue and on the loan, and marks it sent', async () => {
    const lender = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await lender.goto('/servicing/payments');
    await lender.waitForURL(/\/sign-in/);
    await signInAs(lender, 'servicer@demo-lending.test');
    await lender.getByRole('heading', { name: 'Payoff requests', level: 2 }).waitFor();
    const queued = lender.getByRole('article', { name: /^Payoff letter for L-000001, good through/ }).filter({
      hasText: note,
    });
    await queued.waitFor();
    await lender.screenshot({ path: join(shotsDir, 'lender-queue.png'), fullPage: true });

    // The loan's workspace lists it too, and downloads the letter for the quoted date.
    await queued.getByRole('link', { name: 'L-000001' }).click();
    await lender.getByRole('heading', { name: 'Servicing L-000001', level: 1 }).waitFor();
    const onLoan = lender
      .getByRole('region', { name: 'Payoff requests' })
      .getByRole('article')
      .filter({ hasText: note });
    await onLoan.waitFor();
    const payoffSection = lender.getByRole('region', { name: 'Payoff', exact: true });
    await payoffSection.getByLabel('Payoff date').fill(goodThrough);
    const [letter] = await Promise.all([
      lender.waitForEvent('download'),
      payoffSection.getByRole('button', { name: 'Download payoff letter' }).click(),
    ]);
    await savedPdf(letter, 'payoff-letter-lender.pdf', 'L-000001');

    await onLoan.getByRole('button', { name: 'Mark sent' }).click();
    const dialog = lender.getByRole('dialog', { name: 'Mark the payoff letter sent' });
    await dialog.getByLabel('Note to the borrower (optional)').fill('Emailed to First Title');
    await dialog.getByRole('button', { name: 'Mark sent' }).click();
    await lender.getByText('Marked sent; the borrower is told.').waitFor();
    await onLoan.waitFor({ state: 'detached' });

    await borrower.reload();
    const mine = borrower.getByRole('list', { name: 'Your payoff requests' });
    await mine.getByText('Emailed to First Title', { exact: false }).first().waitFor();
    await mine.getByText('sent', { exact: true }).first().waitFor();
  });

  let admin: Page;
  async function openImport() {
    if (!admin) {
      admin = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
      await admin.goto('/loans');
      await admin.waitForURL(/\/sign-in/);
      await signInAs(admin, 'admin@demo-lending.test');
      await admin.getByRole('heading', { name: 'Loans', level: 1 }).waitFor();
      await admin.getByRole('link', { name: 'Import loans' }).click();
    } else await admin.goto('/loans/import');
    await admin.getByRole('heading', { name: 'Import loans', level: 1 }).waitFor();
  }
  async function chooseFile(name: string, csv: string) {
    const file = join(shotsDir, name);
    writeFileSync(file, csv);
    await admin.locator('input[type="file"]').setInputFiles(file);
  }

  test('the admin downloads the template and imports a 2-row file; the loans open', async () => {
    await openImport();
    expect(await admin.title()).toMatch(/^Import loans · /);
    const [template] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Download template CSV' }).click(),
    ]);
    const templateFile = join(shotsDir, 'loans-template.csv');
    await template.saveAs(templateFile);
    expect(readFileSync(templateFile, 'utf8').trim()).toBe(HEADER);

    await chooseFile(
      'two-loans.csv',
      `${HEADER}\n${row(`E2E-${runId}-1`)}\n${row(`E2E-${runId}-2`, '150000.00')}\n`,
    );
    await admin.getByRole('status').filter({ hasText: '2 loans in two-loans.csv' }).waitFor();
    await admin.getByRole('button', { name: 'Import 2 loans' }).click();
    await admin.getByRole('heading', { name: '2 loans imported' }).waitFor();
    const imported = admin.getByRole('table', { name: 'Imported loans' });
    await imported.getByText(`E2E-${runId}-1`).waitFor();
    expect(await imported.getByRole('link', { name: /^L-\d{6}$/ }).count()).toBe(2);
    await admin.screenshot({ path: join(shotsDir, 'boarding-imported.png'), fullPage: true });

    const first = imported
      .getByRole('row')
      .filter({ hasText: `E2E-${runId}-1` })
      .getByRole('link');
    const reference = (await first.textContent()) ?? '';
    await first.click();
    await admin.getByRole('heading', { name: `Servicing ${reference}`, level: 1 }).waitFor();
    // Two installments were paid before boarding: the schedule shows them paid.
    expect(
      await admin.getByRole('table', { name: 'Schedule' }).getByText('paid', { exact: true }).count(),
    ).toBe(2);
  });

  test('a file with a bad row shows the line and field, and imports nothing', async () => {
    await openImport();
    const good = `E2E-${runId}-3`;
    await chooseFile('bad-row.csv', `${HEADER}\n${row(good)}\n${row(`E2E-${runId}-4`, '-5')}\n`);
    await admin.getByRole('button', { name: 'Import 2 loans' }).click();
    await admin.getByRole('heading', { name: 'Nothing was imported' }).waitFor();
    const problems = admin.getByRole('table', { name: 'Problems' });
    const line3 = problems.getByRole('row').filter({ hasText: 'principal' });
    expect(await line3.getByRole('cell').first().textContent()).toBe('3');
    expect(await problems.getByRole('row').count()).toBe(2); // the header and the one problem
    await admin.screenshot({ path: join(shotsDir, 'boarding-problems.png'), fullPage: true });

    // Nothing of it was written: the good row alone now boards (it would be "boarded already").
    await chooseFile('good-row.csv', `${HEADER}\n${row(good)}\n`);
    await admin.getByRole('button', { name: 'Import 1 loan' }).click();
    await admin.getByRole('heading', { name: '1 loan imported' }).waitFor();
    // And the same file again is refused as boarded already, by line and field.
    await chooseFile('good-row-again.csv', `${HEADER}\n${row(good)}\n`);
    await admin.getByRole('button', { name: 'Import 1 loan' }).click();
    await admin.getByRole('heading', { name: 'Nothing was imported' }).waitFor();
    await admin.getByRole('table', { name: 'Problems' }).getByText('was boarded already').waitFor();
  });

  test('the import page and the borrower payoff card on a phone', async () => {
    const phone = harness.track(await (await newContext(harness.browser, lenderUrl, PHONE)).newPage());
    await phone.goto('/loans/import');
    await phone.waitForURL(/\/sign-in/);
    await signInAs(phone, 'admin@demo-lending.test');
    await phone.getByRole('heading', { name: 'Import loans', level: 1 }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: join(shotsDir, 'boarding-phone.png'), fullPage: true });

    const page = harness.track(await (await newContext(harness.browser, borrowerUrl, PHONE)).newPage());
    await page.goto('/payments');
    await page.waitForURL(/\/sign-in/);
    await signInAs(page, 'borrower1@demo-lending.test');
    await page.getByRole('link', { name: 'Open L-000001' }).click();
    await page.getByRole('form', { name: 'Payoff letter' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page
      .getByRole('region', { name: 'Payoff', exact: true })
      .screenshot({ path: join(shotsDir, 'borrower-payoff-phone.png') });
  });
});
