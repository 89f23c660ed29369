/**
 * Initial JavaScript of each portal's first page, gzip (target < 300 KB). Builds a portal whose
 * dist is missing or stale; the measurement itself is e2e/src/bundle-size.ts (also used by the
 * browser tests' budget check).
 *   pnpm --filter @lending/bench bench:bundle
 */
import { INITIAL_JS_BUDGET_KB, initialJs } from '../../e2e/src/bundle-size.ts';
import { ensureBuilt } from '../../e2e/src/stack.ts';

const kb = (n: number) => (n / 1024).toFixed(1);
console.log(
  `Initial JavaScript of the first page (entry + modulepreloads), gzip -9; target < ${INITIAL_JS_BUDGET_KB} KB`,
);
for (const app of ['lender', 'borrower'] as const) {
  ensureBuilt(app);
  const report = initialJs(app);
  console.log(
    `  ${app.padEnd(8)} ${kb(report.totalGzipBytes).padStart(6)} KB gzip  (${kb(report.totalBytes)} KB raw, ${report.files.length} files)`,
  );
}
