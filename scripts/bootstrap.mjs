// Shared by `npm start` and `npm test`: make sure pnpm (the version in package.json) and the
// dependencies are there, on a fresh machine with only Node.js and npm.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.TURBO_TELEMETRY_DISABLED ??= '1';
const wantedPnpm = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    ...options,
    env: { ...process.env, ...options.env },
  });
  return result.status ?? 1;
}

export function must(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} exited with ${status}`);
    process.exit(status);
  }
}

function pnpmVersion() {
  const current = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return current.status === 0 ? current.stdout.trim() : null;
}

/**
 * pnpm at the pinned version on PATH: globally when we may (root, as in CI), otherwise in the
 * git-ignored `.tools/` folder, put first on PATH for everything this script starts.
 */
export function ensurePnpm() {
  if (pnpmVersion() === wantedPnpm) return;
  const localBin = path.join(root, '.tools', 'node_modules', '.bin');
  process.env.PATH = `${localBin}${path.delimiter}${process.env.PATH ?? ''}`;
  if (pnpmVersion() === wantedPnpm) return;
  if (process.getuid?.() === 0) {
    console.log(`› installing pnpm ${wantedPnpm} (npm install -g pnpm@${wantedPnpm})`);
    must('npm', ['install', '-g', '--no-fund', '--no-audit', `pnpm@${wantedPnpm}`]);
  } else {
    console.log(`› installing pnpm ${wantedPnpm} into .tools/ (no global install needed)`);
    must('npm', [
      'install',
      '--prefix',
      '.tools',
      '--no-fund',
      '--no-audit',
      '--no-save',
      `pnpm@${wantedPnpm}`,
    ]);
  }
  if (pnpmVersion() !== wantedPnpm) {
    console.error(
      `✗ pnpm ${wantedPnpm} is still not available; install it with: npm install -g pnpm@${wantedPnpm}`,
    );
    process.exit(1);
  }
}

export function installDependencies() {
  console.log('› pnpm install');
  must('pnpm', ['install', '--frozen-lockfile', '--reporter=append-only']);
}

export function bootstrap() {
  ensurePnpm();
  installDependencies();
}
