/**
 * Initial JavaScript of each portal's first page, gzip: what index.html loads before anything
 * else (the entry module and its modulepreloads), measured on the built dist.
 *   pnpm --filter @lending/e2e bundle-size
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensureBuilt, repoRoot } from './stack.ts';

export const INITIAL_JS_BUDGET_KB = 300;

export interface BundleReport {
  app: 'lender' | 'borrower';
  files: { file: string; bytes: number; gzipBytes: number }[];
  totalBytes: number;
  totalGzipBytes: number;
}

export function initialJs(app: 'lender' | 'borrower'): BundleReport {
  const dist = join(repoRoot, 'apps', app, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const match of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) urls.add(match[1]!);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) urls.add(match[1]!);
  const files = [...urls].map((url) => {
    const content = readFileSync(join(dist, url.replace(/^\//, '')));
    return { file: url, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return {
    app,
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const app of ['lender', 'borrower'] as const) {
    ensureBuilt(app);
    const report = initialJs(app);
    const kb = (n: number) => (n / 1024).toFixed(1);
    console.log(
      `${app.padEnd(8)} initial JS: ${kb(report.totalGzipBytes)} KB gzip (${kb(report.totalBytes)} KB raw) in ${report.files.length} file(s) — budget ${INITIAL_JS_BUDGET_KB} KB`,
    );
  }
}
