/**
 * Servicing in both portals against the demo seed (seedDemoServicing: loans current, late in each
 * bucket, paid off and defaulted).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { newContext, PHONE, signInAs } from '../src/browser.ts';
import { runId, useBrowser } from '../src/harness.ts';
import { repoRoot } from '../src/stack.ts';

const lenderUrl = inject('lenderUrl');
const borrowerUrl = inject('borrowerUrl');
const shotsDir = join(repoRoot, 'e2e', 'test-results', 'servicing');
mkdirSync(shotsDir, { recursive: true });

describe.sequential('servicing', () => {
  const harness = useBrowser();

  async function openPortfolio(page: Page) {
    await page.goto('/portfolio');
    await page.waitForURL(/\/sign-in/);
    await signInAs(page, 'admin@demo-lending.test');
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
  }

  test("the portfolio dashboard's charts render with the seeded portfolio", async () => {
    const page = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openPortfolio(page);

    // The seed's seven open loans (six active, one defaulted) — more when another test file of this
    // stack funded one (they share the API) — with their principal and weighted figures.
    const unpaid = page.getByRole('region', { name: 'Unpaid principal' });
    await unpaid.getByText(/^(7|8|9|1\d) open loans$/).waitFor();
    expect(await unpaid.textContent()).toMatch(/\$\d{1,3},\d{3},\d{3}/);
    expect(await page.getByRole('region', { name: 'Weighted average rate' }).textContent()).toMatch(
      /1\d(\.\d+)?%/,
    );
    expect(await page.getByRole('region', { name: 'Weighted LTV' }).textContent()).toMatch(/\d+(\.\d+)?%/);
    // Five of the seed's loans are late; the demo pipeline's funded loan may be too, by the calendar.
    await page
      .getByRole('region', { name: 'Past due' })
      .getByText(/^([5-9]|1\d)$/)
      .waitFor();

    // Four charts, each drawn by recharts (an SVG surface with shapes in it).
    for (const chart of [
      'Delinquency by bucket',
      'Maturity ladder',
      'Expected vs collected',
      'Pipeline funnel',
    ]) {
      const region = page.getByRole('region', { name: chart });
      await region.locator('.recharts-surface').first().waitFor();
    }
    const delinquency = page.getByRole('region', { name: 'Delinquency by bucket' });
    expect(await delinquency.locator('.recharts-pie-sector').count()).toBeGreaterThanOrEqual(4);
    await delinquency.getByText(/90\+ days: 2 loans/).waitFor();
    await delinquency.getByText(/Current: ([2-9]|1\d) loans/).waitFor();
    const collections = page.getByRole('region', { name: 'Expected vs collected' });
    expect(await collections.locator('.recharts-area').count()).toBeGreaterThanOrEqual(2);
    expect(
      await page.getByRole('region', { name: 'Maturity ladder' }).locator('.recharts-bar-rectangle').count(),
    ).toBeGreaterThan(0);
    await page.waitForTimeout(1200); // the charts' entry animations
    await page.screenshot({ path: join(shotsDir, 'portfolio-desktop.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('the portfolio on a phone: figures in two columns, charts one under another', async () => {
    const page = harness.track(await (await newContext(harness.browser, lenderUrl, PHONE)).newPage());
    await openPortfolio(page);
    await page.getByRole('region', { name: 'Pipeline funnel' }).locator('.recharts-surface').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.waitForTimeout(1200);
    await page.screenshot({ path: join(shotsDir, 'portfolio-phone.png'), fullPage: true });
  });

  let borrower: Page;
  const reference = `E2E ${runId}`;

  test('a borrower submits a payment (validated inline) and sees it waiting', async () => {
    borrower = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await borrower.goto('/payments');
    await borrower.waitForURL(/\/sign-in/);
    await signInAs(borrower, 'borrower1@demo-lending.test');
    await borrower.getByRole('heading', { name: 'Payments', level: 1 }).waitFor();
    await borrower.getByRole('link', { name: 'Open L-000001' }).click();
    await borrower.getByRole('heading', { name: 'Loan L-000001', level: 1 }).waitFor();
    await borrower.getByRole('region', { name: 'Days past due' }).getByText('current').waitFor();
    const schedule = borrower.getByRole('table', { name: 'Schedule' });
    await schedule.getByText('paid').first().waitFor();
    await schedule.getByText('upcoming').first().waitFor();

    // The API's own schema validates the form before anything is sent.
    const form = borrower.getByRole('form', { name: 'Make a payment' });
    await form.getByRole('button', { name: 'Submit payment' }).click();
    await expect.poll(() => form.getByLabel('Amount').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Amount').fill('1,234.56');
    await form.getByLabel('Reference (optional)').fill(reference);
    await form.getByRole('button', { name: 'Submit payment' }).click();
    await borrower.getByText('Payment submitted.', { exact: false }).waitFor();
    const submitted = borrower.getByLabel('Submitted payments');
    await submitted.getByText('$1,234.56 sent').waitFor();
    await submitted.getByText('pending').waitFor();
  });

  test('the lender confirms it: posted to the ledger, and the borrower sees it confirmed', async () => {
    const lender = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await lender.goto('/servicing/payments');
    await lender.waitForURL(/\/sign-in/);
    await signInAs(lender, 'servicer@demo-lending.test');
    await lender.getByRole('heading', { name: 'Payments inbox', level: 1 }).waitFor();
    const card = lender.getByRole('article', { name: '$1,234.56 for L-000001' });
    await card.getByText(reference, { exact: false }).waitFor();
    await card.getByRole('button', { name: 'Confirm' }).click();
    await lender.getByText('confirmed and posted to the ledger', { exact: false }).waitFor();
    await card.waitFor({ state: 'detached' });
    await lender.locator('label', { hasText: /^Confirmed$/ }).click();
    await lender.getByRole('article', { name: '$1,234.56 for L-000001' }).getByText('confirmed').waitFor();

    await borrower.reload();
    await borrower.getByLabel('Submitted payments').getByText('confirmed').waitFor();
    await borrower.getByRole('region', { name: 'History' }).getByText('$1,234.56').first().waitFor();
  });

  test("a statement PDF opens and shows the month's activity", async () => {
    const month = new Date().toISOString().slice(0, 7);
    const statements = borrower.getByRole('region', { name: 'Monthly statements' });
    expect(await statements.getByLabel('Month').inputValue()).toBe(month);
    const [download] = await Promise.all([
      borrower.waitForEvent('download'),
      statements.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    const file = join(shotsDir, `statement-${month}.pdf`);
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('L-000001');
    expect(text).toContain('1,234.56');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, join(shotsDir, 'statement')]);
  });

  test('the lender finds loans by delinquency and search, and services one in its workspace', async () => {
    const lender = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await lender.goto('/loans');
    await lender.waitForURL(/\/sign-in/);
    await signInAs(lender, 'servicer@demo-lending.test');
    await lender.getByRole('heading', { name: 'Loans', level: 1 }).waitFor();
    const table = lender.getByRole('table', { name: 'Loans' });
    await table.getByRole('link', { name: 'L-000008' }).waitFor();

    await lender
      .getByRole('textbox', { name: 'Delinquency' })
      .or(lender.getByRole('combobox', { name: 'Delinquency' }))
      .first()
      .click();
    await lender.getByRole('option', { name: '90+ days' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await lender.getByText('2 loans').waitFor();
    await lender.getByRole('button', { name: 'loans.csv' }).waitFor();

    await lender
      .getByRole('textbox', { name: 'Delinquency' })
      .or(lender.getByRole('combobox', { name: 'Delinquency' }))
      .first()
      .click();
    await lender.getByRole('option', { name: 'Current' }).click();
    await lender.getByLabel('Search').fill('oak st');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await table.getByRole('link', { name: 'L-000001' }).click();

    await lender.getByRole('heading', { name: 'Servicing L-000001', level: 1 }).waitFor();
    const ledger = lender.getByRole('region', { name: 'Ledger' });
    await ledger.getByText('$1,234.56').first().waitFor();
    const form = lender.getByRole('form', { name: 'Record a payment' });
    await form.getByLabel('Amount').fill('500');
    await form.getByLabel('Reference').fill(`Check ${runId}`);
    await form.getByRole('button', { name: 'Record payment' }).click();
    await lender.getByText('Payment of $500.00 recorded.').waitFor();
    await ledger.getByText('$500.00').first().waitFor();

    const payoff = lender.getByRole('region', { name: 'Payoff', exact: true });
    await payoff.getByRole('button', { name: 'Quote' }).click();
    await payoff.getByText(/^Total \$3\d\d,\d{3}\.\d\d$/).waitFor();
    await lender.screenshot({ path: join(shotsDir, 'loan-workspace.png'), fullPage: true });
  });
});
