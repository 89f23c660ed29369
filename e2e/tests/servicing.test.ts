/**
 * Servicing in both portals against the demo seed (seedDemoServicing: loans current, late in each
 * bucket, paid off and defaulted).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { newContext, PHONE, signInAs } from '../src/browser.ts';
import { useBrowser } from '../src/harness.ts';
import { repoRoot } from '../src/stack.ts';

const lenderUrl = inject('lenderUrl');
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

    // Seven open loans (six active, one defaulted) with their principal and weighted figures.
    const unpaid = page.getByRole('region', { name: 'Unpaid principal' });
    await unpaid.getByText('7 open loans').waitFor();
    expect(await unpaid.textContent()).toMatch(/\$1,\d{3},\d{3}/);
    expect(await page.getByRole('region', { name: 'Weighted average rate' }).textContent()).toMatch(
      /1\d(\.\d+)?%/,
    );
    expect(await page.getByRole('region', { name: 'Weighted LTV' }).textContent()).toMatch(/\d+(\.\d+)?%/);
    await page.getByRole('region', { name: 'Past due' }).getByText('5', { exact: true }).waitFor();

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
    await delinquency.getByText(/Current: 2 loans/).waitFor();
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
});
