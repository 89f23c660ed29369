import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from './browser.ts';
import { repoRoot } from './stack.ts';

const resultsDir = join(repoRoot, 'e2e', 'test-results');

/**
 * One Chromium per test file; every page registered with `track` is screenshotted into
 * e2e/test-results when a test fails.
 */
export function useBrowser() {
  const state: { browser: Browser | null; pages: Set<Page> } = { browser: null, pages: new Set() };
  beforeAll(async () => {
    state.browser = await launchBrowser();
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      mkdirSync(resultsDir, { recursive: true });
      let i = 0;
      for (const page of state.pages) {
        if (page.isClosed()) continue;
        const name = `${task.file?.name.replace(/\W+/g, '_') ?? 'test'}--${task.name.replace(/\W+/g, '_')}--${i++}.png`;
        await page.screenshot({ path: join(resultsDir, name), fullPage: true }).catch(() => {});
        process.stderr.write(`[e2e] screenshot: e2e/test-results/${name} (${page.url()})\n`);
      }
    });
  });
  return {
    get browser(): Browser {
      if (!state.browser) throw new Error('The browser is not launched yet.');
      return state.browser;
    },
    track(page: Page): Page {
      state.pages.add(page);
      page.on('close', () => state.pages.delete(page));
      return page;
    },
  };
}

/** A suffix that keeps names unique across runs against the same data. */
export const runId = Date.now().toString(36);
