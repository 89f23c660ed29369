import { gzipSync } from 'node:zlib';
import { describe, expect, inject, test } from 'vitest';
import { newContext } from '../src/browser.ts';
import { INITIAL_JS_BUDGET_KB, initialJs } from '../src/bundle-size.ts';
import { useBrowser } from '../src/harness.ts';

describe('initial JavaScript of the first page', () => {
  const harness = useBrowser();

  for (const app of ['lender', 'borrower'] as const) {
    test(`${app}: under ${INITIAL_JS_BUDGET_KB} KB gzip, and no Clerk code in local mode`, async () => {
      const report = initialJs(app);
      expect(report.totalGzipBytes / 1024).toBeLessThan(INITIAL_JS_BUDGET_KB);

      // What Chromium actually fetches for the first page (the sign-in page of a new visitor).
      const page = harness.track(await (await newContext(harness.browser, inject(`${app}Url`))).newPage());
      const scripts: { url: string; gzipBytes: number }[] = [];
      page.on('response', async (response) => {
        if (response.request().resourceType() !== 'script') return;
        const body = await response.body().catch(() => Buffer.alloc(0));
        scripts.push({ url: response.url(), gzipBytes: gzipSync(body, { level: 9 }).length });
      });
      await page.goto('/');
      await page.getByRole('heading', { name: /^Sign in to/ }).waitFor();
      await page.waitForLoadState('networkidle');
      const total = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
      expect(total / 1024).toBeLessThan(INITIAL_JS_BUDGET_KB);
      expect(scripts.some((s) => /clerk/i.test(s.url))).toBe(false);
      await page.context().close();
    });
  }
});
