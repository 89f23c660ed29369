import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { newContext, PHONE, signInAs } from '../src/browser.ts';
import { useBrowser } from '../src/harness.ts';

const borrowerUrl = inject('borrowerUrl');

/** Counts the calculator requests a page sends (the tRPC batch URL names the procedure). */
function countCalculatorRequests(page: Page): { count: number } {
  const counter = { count: 0 };
  page.on('request', (request) => {
    if (request.url().includes('/trpc/calculator.schedule')) counter.count++;
  });
  return counter;
}

/** The value shown under a label of the result (`<dt>label</dt><dd>value</dd>`). */
async function statValue(page: Page, label: string): Promise<string> {
  const term = page.locator('dt', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) });
  return (await term.locator('xpath=following-sibling::dd[1]').textContent()) ?? '';
}

async function openHome(page: Page): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/sign-in$/);
  await signInAs(page, 'borrower1@demo-lending.test');
  await page.getByRole('heading', { name: /^Welcome, / }).waitFor();
}

describe.sequential('borrower home: payment calculator', () => {
  const harness = useBrowser();

  test('bad input is caught inline and sends nothing; good input shows the payment and the schedule', async () => {
    const page = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    const requests = countCalculatorRequests(page);
    await openHome(page);

    const calculator = page.getByRole('region', { name: 'What would my payment be?' });
    await calculator.getByText('Your estimate will show here').waitFor();
    // The defaults: a typical bridge loan, first payment one month from today.
    expect(await calculator.getByLabel('Loan amount').inputValue()).toBe('250,000');
    expect(await calculator.getByLabel('Repayment').inputValue()).toBe('interest_only');
    expect(await calculator.getByLabel('First payment date').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Bad input: messages from the engine's own schema, under the inputs, and no request.
    await calculator.getByLabel('Loan amount').fill('-5000');
    await calculator.getByLabel('Annual rate').fill('');
    await calculator.getByRole('button', { name: 'Calculate' }).click();
    await calculator.getByText('Must not be negative (got "-5000")').waitFor();
    await calculator.getByText('Give the yearly interest rate in percent such as "12.5"').waitFor();
    expect(await calculator.getByLabel('Loan amount').getAttribute('aria-invalid')).toBe('true');
    await calculator.getByLabel('Term in months').fill('1.5');
    await calculator.getByLabel('Term in months').blur();
    await calculator.getByText('Must be a whole number (got 1.5)').waitFor();
    await calculator.getByText('Your estimate will show here').waitFor();
    expect(requests.count).toBe(0);

    // 5,000 at 12% for 18 months, equal installments (installment multiple 0.01, the default).
    await calculator.getByLabel('Loan amount').fill('5,000');
    await calculator.getByLabel('Annual rate').fill('12');
    await calculator.getByLabel('Term in months').fill('18');
    await calculator.getByLabel('Repayment').selectOption('equal_installments');
    await calculator.getByRole('button', { name: 'Calculate' }).click();
    await calculator.getByText('$5,000.00 at 12% for 18 months, equal installments.').waitFor();
    expect(await statValue(page, 'Monthly payment')).toBe('$304.91');
    expect(await statValue(page, 'Last payment')).toBe('$304.94');
    expect(await statValue(page, 'Total interest')).toBe('$488.41');
    expect(await statValue(page, 'Total of all payments')).toBe('$5,488.41');
    // No fees: the APR is the note rate (to two decimals, as disclosed).
    expect(await statValue(page, 'APR')).toBe('12.00%');
    expect(requests.count).toBe(1);

    // The schedule is collapsed until asked for.
    expect(await calculator.getByRole('table').count()).toBe(0);
    const toggle = calculator.getByRole('button', { name: 'Show schedule (18 payments)' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const table = calculator.getByRole('table', { name: /^Payment schedule/ });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(18);
    const firstRow = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(firstRow.slice(2)).toEqual(['$254.91', '$50.00', '$304.91', '$4,745.09']);
    const lastRow = await table.locator('tbody tr').last().locator('td').allTextContents();
    expect(lastRow.slice(4)).toEqual(['$304.94', '$0.00']);
    await calculator.getByRole('button', { name: 'Hide schedule' }).click();
    await table.waitFor({ state: 'detached' });

    // Interest only: the last payment is the balloon.
    await calculator.getByLabel('Repayment').selectOption('interest_only');
    await calculator.getByLabel('Term in months').fill('12');
    await calculator.getByLabel('Loan amount').fill('250000');
    await calculator.getByLabel('Annual rate').fill('10');
    await calculator.getByRole('button', { name: 'Calculate' }).click();
    await calculator.getByText('$250,000.00 at 10% for 12 months, interest only.').waitFor();
    expect(await statValue(page, 'Monthly payment (interest only)')).toBe('$2,083.33');
    expect(await statValue(page, 'Last payment (balloon)')).toBe('$252,083.33');
    await page.context().close();
  });

  test('an irregular first period is explained, with the effect of each treatment; fees raise the APR', async () => {
    const page = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await openHome(page);
    const calculator = page.getByRole('region', { name: 'What would my payment be?' });
    // 20 days later than the regular first payment date (one month from today).
    const regular = await calculator.getByLabel('First payment date').inputValue();
    const [y, m, d] = regular.split('-').map(Number) as [number, number, number];
    const later = new Date(Date.UTC(y, m - 1, d + 20)).toISOString().slice(0, 10);
    await calculator.getByLabel('First payment date').fill(later);
    await calculator.getByLabel('Loan amount').fill('100,000');
    await calculator.getByLabel('Annual rate').fill('12');
    await calculator.getByLabel('Term in months').fill('24');
    await calculator.getByLabel('Repayment').selectOption('equal_installments');
    await calculator.getByLabel('Points').fill('2');
    await calculator.getByRole('button', { name: 'Calculate' }).click();

    await calculator
      .getByText(
        /^Your first payment is \d+ days after the loan is paid out, longer than a month: its interest is spread so that every payment is the same\.$/,
      )
      .waitFor();
    const treatments = calculator.getByRole('table', { name: /^How the first period can be handled/ });
    expect(await treatments.locator('tbody tr').count()).toBe(3);
    expect(await treatments.locator('tbody tr[aria-current="true"] th').textContent()).toBe(
      'Spread over equal payments',
    );
    // Level: the last payment is the monthly one (to the cent's rounding).
    const monthly = await statValue(page, 'Monthly payment');
    expect(await statValue(page, 'Last payment')).not.toBe('');
    expect(Number.parseFloat((await statValue(page, 'APR')).replace('%', ''))).toBeGreaterThan(12);
    await calculator.getByText('With $2,000.00 paid at funding (points, fees, prepaid interest).').waitFor();

    await calculator.getByLabel('A first month longer or shorter than a month').selectOption('accrue');
    await calculator.getByRole('button', { name: 'Calculate' }).click();
    await calculator.getByText(/its extra interest makes the last payment different\.$/).waitFor();
    const accrueMonthly = await statValue(page, 'Monthly payment');
    expect(accrueMonthly).not.toBe(monthly);
    expect(await treatments.locator('tbody tr[aria-current="true"] th').textContent()).toBe(
      'Added to the last payment',
    );
    await page.context().close();
  });

  test('on a phone the schedule scrolls inside its box, not the page', async () => {
    const page = harness.track(await (await newContext(harness.browser, borrowerUrl, PHONE)).newPage());
    await openHome(page);
    const calculator = page.getByRole('region', { name: 'What would my payment be?' });
    await calculator.getByRole('button', { name: 'Calculate' }).click();
    await calculator.getByRole('button', { name: /^Show schedule/ }).click();
    await calculator.getByRole('table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  // Last on purpose: it uses up this client's calculator allowance (120 a minute) for a minute.
  test('too many calculations: the API’s message is shown', async () => {
    const page = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await openHome(page);
    const calculator = page.getByRole('region', { name: 'What would my payment be?' });
    const statuses = await page.evaluate(async () => {
      const input = encodeURIComponent(
        JSON.stringify({ principal: '1000', annualRate: '5', startDate: '2026-01-01', payments: 6 }),
      );
      const out: number[] = [];
      for (let i = 0; i < 125; i++)
        out.push((await fetch(`/trpc/calculator.schedule?input=${input}`)).status);
      return out;
    });
    expect(statuses).toContain(429);

    await calculator.getByRole('button', { name: 'Calculate' }).click();
    await calculator
      .getByRole('alert')
      .getByText('Too many calculations: wait a minute and try again.')
      .waitFor();
    await page.context().close();
  });
});
