/**
 * The daily servicing run over many loans on PostgreSQL.
 *
 *   pnpm --filter @lending/bench bench:servicing-run [loans=100000] [concurrency=2]
 *
 * Seeds its own database: one organization, 90 % of the loans current (funded 2026-11-01, first
 * installment due 2026-12-01) and 10 % delinquent (funded 2026-01-15, nothing paid: late fees and
 * a 90+ bucket on the first run). Runs 2026-11-25 in batches of 500, `concurrency` batches at a
 * time (as that many job workers would). Target: 100,000 loans in under 2 minutes.
 */
import { runServicingForDate } from '@lending/core';
import { benchDatabase, cloneLoans, templateLoan } from './seed.ts';

const LOANS = Number(process.argv[2] ?? 100_000);
const CONCURRENCY = Number(process.argv[3] ?? 2);

const bench = await benchDatabase();
try {
  const { db } = bench;
  const t0 = performance.now();
  const current = await templateLoan(db, '2026-11-01');
  const late = await templateLoan(db, '2026-01-15', current.org);
  const lateCount = Math.floor(LOANS / 10);
  const currentCount = LOANS - lateCount - 2;
  await cloneLoans(db, current.loan, currentCount, 1000, 'c');
  await cloneLoans(db, late.loan, lateCount, 1000 + currentCount + 10, 'd');
  console.log(`seeded ${LOANS} loans in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  const r = await runServicingForDate(db, current.org.id, '2026-11-25', {
    batchSize: 500,
    concurrency: CONCURRENCY,
  });
  const seconds = (performance.now() - t1) / 1000;
  console.log(`batches ${r.batches}, late fees ${r.lateFees}, ${(r.loans / seconds).toFixed(0)} loans/s`);
  const t2 = performance.now();
  await runServicingForDate(db, current.org.id, '2026-11-25');
  console.log(`re-run of the same date (no-op): ${(performance.now() - t2).toFixed(0)} ms`);
  console.log(`servicing run: ${r.loans} loans in ${seconds.toFixed(1)} s`);
} finally {
  await bench.drop();
}
