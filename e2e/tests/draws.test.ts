/**
 * Construction draws in both portals, on the demo seed's construction loan L-000009 (borrower1's:
 * a four-line budget, draw 1 disbursed, draw 2 approved, draw 3 requested). A borrower requests a
 * draw (an amount per line and a photo), the lender schedules and completes the inspection,
 * approves it (one line for less) and disburses it; the borrower sees it disbursed and the loan's
 * principal grew by what was paid out.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { newContext, PHONE, signInAs } from '../src/browser.ts';
import { useBrowser } from '../src/harness.ts';
import { repoRoot } from '../src/stack.ts';

const lenderUrl = inject('lenderUrl');
const borrowerUrl = inject('borrowerUrl');
const shotsDir = join(repoRoot, 'e2e', 'test-results', 'draws');
mkdirSync(shotsDir, { recursive: true });
const LOAN = 'L-000009';

/** A real 1×1 PNG: the upload route sniffs the content. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** "$1,234.56" → 123456 (whole cents, exact). */
const cents = (text: string) => {
  const m = /\$([\d,]+)\.(\d\d)/.exec(text);
  if (!m) throw new Error(`no amount in ${text}`);
  return Number(m[1]!.replaceAll(',', '')) * 100 + Number(m[2]);
};
const todayIso = () => new Date().toISOString().slice(0, 10);

describe.sequential('construction draws', () => {
  const harness = useBrowser();
  let borrower: Page;
  let principalBefore = 0;

  async function openLoan(page: Page) {
    await page.goto('/payments');
    await page.waitForURL(/\/sign-in/);
    await signInAs(page, 'borrower1@demo-lending.test');
    await page.getByRole('heading', { name: 'Payments', level: 1 }).waitFor();
    await page.getByRole('link', { name: `Open ${LOAN}` }).click();
    await page.getByRole('heading', { name: `Loan ${LOAN}`, level: 1 }).waitFor();
    return page.getByRole('region', { name: 'Construction draws' });
  }

  test('a borrower requests a draw: amounts per line (capped at what is left) and a photo; a double click makes one', async () => {
    borrower = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    const draws = await openLoan(borrower);
    principalBefore = cents(
      (await borrower.getByRole('region', { name: 'Principal outstanding' }).textContent()) ?? '',
    );
    const budget = draws.getByRole('table', { name: 'Budget lines' });
    await budget
      .getByRole('row', { name: /Foundation/ })
      .getByText('$3,000.00')
      .waitFor();
    await draws.getByRole('listitem', { name: 'Draw 3' }).getByText('Requested', { exact: true }).waitFor();
    await draws.getByRole('listitem', { name: 'Draw 1' }).getByText('Disbursed', { exact: true }).waitFor();

    const form = draws.getByRole('form', { name: 'Request a draw' });
    // Over the line's remaining budget: refused inline, before anything is sent.
    await form.getByLabel('Foundation').fill('3,000.01');
    await form.getByText('At most $3,000.00 is left of this line.').waitFor();
    await form.getByLabel('Foundation').fill('');
    await form.getByLabel('Finishes').fill('5,000');
    await form.getByLabel('Roof').fill('2500');
    await form.getByText('$7,500.00').waitFor();

    const [chooser] = await Promise.all([
      borrower.waitForEvent('filechooser'),
      form.getByRole('button', { name: 'Add photos' }).click(),
    ]);
    await chooser.setFiles({ name: 'roof-trusses.png', mimeType: 'image/png', buffer: tinyPng() });
    await form.getByRole('list', { name: 'Photos to send' }).getByText('roof-trusses.png').waitFor();
    await form.getByLabel('Note (optional)').fill('Finishes started, roof sheathing on.');
    await form.getByRole('button', { name: 'Request draw' }).dblclick();

    const mine = draws.getByRole('listitem', { name: 'Draw 4' });
    await mine.getByText('Requested', { exact: true }).waitFor();
    await mine.getByText('Roof: $2,500.00').waitFor();
    await mine.getByRole('button', { name: 'Download roof-trusses.png' }).waitFor();
    // One request for the double click (the form's key was sent twice; the API replayed it).
    await expect.poll(() => draws.getByRole('listitem', { name: /^Draw \d+$/ }).count()).toBe(4);
    expect(await form.getByLabel('Finishes').inputValue()).toBe('');
    await borrower.evaluate(() => window.scrollTo(0, 0)); // the fixed header then sits on top
    await borrower.screenshot({ path: join(shotsDir, 'borrower-draws-desktop.png'), fullPage: true });
  });

  test('on a 390 px phone the draws section fits the screen', async () => {
    const phone = harness.track(await (await newContext(harness.browser, borrowerUrl, PHONE)).newPage());
    const draws = await openLoan(phone);
    await draws.getByRole('listitem', { name: 'Draw 4' }).waitFor();
    await draws.getByLabel('Budget lines').getByText('Foundation').waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await phone.evaluate(() => window.scrollTo(0, 0)); // the fixed header then sits on top
    await phone.screenshot({ path: join(shotsDir, 'borrower-draws-phone.png'), fullPage: true });
  });

  test('a viewer sees the draws read-only', async () => {
    const viewer = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await viewer.goto('/servicing/payments');
    await viewer.waitForURL(/\/sign-in/);
    await signInAs(viewer, 'viewer@demo-lending.test');
    const pending = viewer.getByRole('region', { name: 'Pending draws' });
    await pending.getByRole('link', { name: `Draw 4 of ${LOAN}` }).click();
    await viewer.getByRole('heading', { name: `Servicing ${LOAN}`, level: 1 }).waitFor();
    const draws = viewer.getByRole('region', { name: 'Draws', exact: true });
    // Photos download for every staff member; no step is offered to a viewer.
    await draws
      .getByRole('listitem', { name: 'Draw 4' })
      .getByRole('button', { name: 'Download roof-trusses.png' })
      .waitFor();
    expect(
      await draws.getByRole('button', { name: /Schedule inspection|Approve|Disburse|Reject|budget/ }).count(),
    ).toBe(0);
  });

  test('the lender inspects, approves (one line for less) and disburses it', async () => {
    const lender = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await lender.goto('/servicing/payments');
    await lender.waitForURL(/\/sign-in/);
    await signInAs(lender, 'servicer@demo-lending.test');
    const pending = lender.getByRole('region', { name: 'Pending draws' });
    const queued = pending.getByRole('article', { name: `Draw 4 of ${LOAN}` });
    await queued.getByText('Next: Schedule the inspection').waitFor();
    await queued.getByRole('link', { name: `Draw 4 of ${LOAN}` }).click();
    await lender.getByRole('heading', { name: `Servicing ${LOAN}`, level: 1 }).waitFor();
    const draws = lender.getByRole('region', { name: 'Draws', exact: true });
    const draw = draws.getByRole('listitem', { name: 'Draw 4' });
    await draw.getByRole('button', { name: 'Download roof-trusses.png' }).waitFor();

    // Schedule: the inspector is required (the API's message, inline).
    await draw.getByRole('button', { name: 'Schedule inspection' }).click();
    let dialog = lender.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await dialog.getByText('Name the inspector.').waitFor();
    await dialog.getByLabel('Inspection date').fill(todayIso());
    await dialog.getByLabel('Inspector').fill('Pat Quinn');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await draw.getByText('Inspection scheduled', { exact: true }).waitFor();

    await draw.getByRole('button', { name: 'Complete inspection' }).click();
    dialog = lender.getByRole('dialog');
    await dialog.getByLabel('Percent complete').fill('70');
    await dialog.getByLabel('Inspection notes (optional)').fill('Roof sheathed; finishes under way.');
    await dialog.getByRole('button', { name: 'Record inspection' }).click();
    await draw.getByText('Inspected', { exact: true }).waitFor();
    await draw.getByText('70% complete', { exact: false }).waitFor();

    await draw.getByRole('button', { name: 'Approve' }).click();
    dialog = lender.getByRole('dialog');
    const finishes = dialog.getByLabel('Finishes (asked $5,000.00)');
    expect(await finishes.inputValue()).toBe('5000.00');
    await finishes.fill('5000.01');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.getByText('At most $5,000.00 for Finishes.').waitFor();
    await finishes.fill('4000');
    await dialog.getByLabel('Note to the borrower (optional)').fill('Trim and paint in the next draw.');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await draw.getByText('Approved $6,500.00').waitFor();

    await draw.getByRole('button', { name: 'Disburse' }).click();
    dialog = lender.getByRole('dialog');
    await dialog.getByLabel('Disbursed on').fill(todayIso());
    await dialog.getByRole('button', { name: 'Disburse' }).click();
    await draw.getByText('Disbursed', { exact: true }).waitFor();
    await lender.getByRole('region', { name: 'Ledger' }).getByText('Draw 4 disbursed').waitFor();
    await lender.evaluate(() => window.scrollTo(0, 0)); // the fixed header then sits on top
    await lender.screenshot({ path: join(shotsDir, 'lender-draws-desktop.png'), fullPage: true });
  });

  test("a request over what the lender's approval left is refused by the server, inline", async () => {
    // The borrower's page still shows Finishes with 15,000 left; the approval took 4,000 of it, so
    // the form lets 12,000 through and the API (the authority, under the loan's lock) refuses it.
    const form = borrower.getByRole('form', { name: 'Request a draw' });
    await form.getByLabel('Finishes').fill('12000');
    await form.getByRole('button', { name: 'Request draw' }).click();
    const alert = form.getByRole('alert').filter({ hasText: 'The draw was not requested' });
    await alert.getByText('"Finishes": 12000.00 is more than the 11000.00 left of its budget.').waitFor();
    await form.getByLabel('Finishes').fill('');
  });

  test('the borrower sees it disbursed, and the principal grew by what was paid out', async () => {
    await borrower.reload();
    const draws = borrower.getByRole('region', { name: 'Construction draws' });
    const mine = draws.getByRole('listitem', { name: 'Draw 4' });
    await mine.getByText('Disbursed', { exact: true }).waitFor();
    await mine.getByText(/Approved \$6,500\.00 · disbursed/).waitFor();
    await mine.getByText('Lender note: Trim and paint in the next draw.').waitFor();
    await draws.getByLabel('Draw budget totals').getByText('$23,500.00').waitFor();
    const principal = cents(
      (await borrower.getByRole('region', { name: 'Principal outstanding' }).textContent()) ?? '',
    );
    expect(principal - principalBefore).toBe(650_000);
    await borrower.getByRole('region', { name: 'History' }).getByText('Draw 4 disbursed').waitFor();
  });
});
