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

export function ensurePnpm() {
  const current = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (current.status === 0 && current.stdout.trim() === wantedPnpm) return;
  console.log(`› installing pnpm ${wantedPnpm} (npm install -g pnpm@${wantedPnpm})`);
  must('npm', ['install', '-g', '--no-fund', '--no-audit', `pnpm@${wantedPnpm}`]);
}

export function installDependencies() {
  console.log('› pnpm install');
  must('pnpm', ['install', '--frozen-lockfile', '--reporter=append-only']);
}

export function bootstrap() {
  ensurePnpm();
  installDependencies();
}
