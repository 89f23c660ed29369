// `npm test`: the whole suite, as CI runs it. Lint, type-check, unit and integration tests on
// PGlite, again on the machine's PostgreSQL (127.0.0.1:5432) when reachable, the database tests
// through the Neon driver over a local WebSocket bridge, then browser tests in Chromium.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { bootstrap, must, root, run } from './bootstrap.mjs';

const started = Date.now();
bootstrap();
console.log(`  (install: ${((Date.now() - started) / 1000).toFixed(1)} s)`);

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    console.error("✗ Browser tests need Debian's Chromium: sudo apt-get install -y chromium");
    process.exit(1);
  }
  console.log('› apt-get install -y chromium');
  must('apt-get', ['update', '-qq']);
  must('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

/** The term sheet test renders the PDF's first page with pdftoppm (Debian's poppler-utils). */
function ensurePoppler() {
  if (existsSync('/usr/bin/pdftoppm')) return;
  if (process.getuid?.() !== 0) {
    console.error('✗ The document tests need poppler-utils: sudo apt-get install -y poppler-utils');
    process.exit(1);
  }
  console.log('› apt-get install -y poppler-utils');
  must('apt-get', ['update', '-qq']);
  must('apt-get', ['install', '-y', '-qq', 'poppler-utils'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

function postgresReachable() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: 5432 });
    socket.setTimeout(1500);
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const reports = path.join(root, '.test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
/** Each phase's wall-clock time, printed as it ends and again in the summary. */
const phases = [];
function timed(label, work) {
  const phaseStarted = Date.now();
  const result = work();
  const seconds = (Date.now() - phaseStarted) / 1000;
  phases.push({ label, seconds });
  console.log(`  (${label}: ${seconds.toFixed(1)} s)`);
  return result;
}

function vitest(label, pkgDir, env = {}, files = []) {
  const report = path.join(reports, `${label}.json`);
  console.log(
    `\n› ${label}: vitest in ${pkgDir}${env.TEST_DATABASE ? ` (TEST_DATABASE=${env.TEST_DATABASE})` : ''}`,
  );
  const status = timed(label, () =>
    run(
      'pnpm',
      [
        'exec',
        'vitest',
        'run',
        ...files,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ],
      {
        cwd: path.join(root, pkgDir),
        env,
      },
    ),
  );
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.skipped += result.numPendingTests + result.numTodoTests;
    if (result.numTotalTests === 0) failures.push(`${label}: ran no test`);
  } else {
    failures.push(`${label}: no report`);
  }
  if (status !== 0) failures.push(`${label}: exit ${status}`);
}

function step(label, command, args) {
  console.log(`\n› ${label}`);
  if (timed(label, () => run(command, args)) !== 0) failures.push(`${label} failed`);
}

step('lint (biome ci)', 'pnpm', ['exec', 'biome', 'ci', '.']);
step('type-check (turbo run typecheck)', 'pnpm', [
  'exec',
  'turbo',
  'run',
  'typecheck',
  '--continue',
  '--output-logs=errors-only',
]);

ensurePoppler();
const unitPackages = [
  'packages/core',
  'packages/loan-math',
  'packages/cli',
  'packages/client',
  'packages/ui',
  'apps/api',
  'apps/borrower',
  'apps/lender',
];
for (const pkg of unitPackages) vitest(`pglite-${path.basename(pkg)}`, pkg, { TEST_DATABASE: 'pglite' });

if (await postgresReachable()) {
  for (const pkg of ['packages/core', 'apps/api', 'packages/client'])
    vitest(`postgres-${path.basename(pkg)}`, pkg, { TEST_DATABASE: 'postgres' });
  // The CLI's other tests use the engine or an embedded database whatever TEST_DATABASE says:
  // only `lending migrate` has a PostgreSQL case, so only it runs again (saves ~90 s of spawns).
  vitest('postgres-cli', 'packages/cli', { TEST_DATABASE: 'postgres' }, ['src/commands/migrate.test.ts']);
  vitest('neon-api', 'apps/api', { TEST_DATABASE: 'neon' });
} else {
  console.log('\n› PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL and Neon runs are skipped.');
}

ensureChromium();
step('build portals', 'pnpm', [
  'exec',
  'turbo',
  'run',
  'build',
  '--filter=@lending/lender',
  '--filter=@lending/borrower',
  '--output-logs=errors-only',
]);
if (existsSync(path.join(root, 'e2e/package.json'))) vitest('browser', 'e2e');

const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log('\nPhases:');
for (const { label, seconds } of phases) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${label}`);
console.log(`\nSuite finished in ${minutes} min.`);
if (failures.length > 0) console.log(`Failures:\n  - ${failures.join('\n  - ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
