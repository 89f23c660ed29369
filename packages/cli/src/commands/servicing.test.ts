/** `lending servicing run` through the real CLI on a fresh embedded database. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const main = path.join(root, 'packages/cli/src/main.ts');
const lending = (args: string[], env: Record<string, string>) =>
  spawnSync(tsx, [main, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });

describe('lending servicing run', () => {
  it('refuses a missing or bad date', () => {
    const r = lending(['servicing', 'run', '--as-of', '2026-13-45'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--as-of must be a date/);
  });

  it('runs a date on the embedded database (nothing to service), then again', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lending-servicing-'));
    expect(lending(['migrate'], { LENDING_DATA_DIR: dataDir }).status).toBe(0);
    for (let i = 0; i < 2; i++) {
      const r = lending(['servicing', 'run', '--as-of', '2026-03-01'], { LENDING_DATA_DIR: dataDir });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/servicing run 2026-03-01: \d+ organizations, \d+ loans, \d+ late fees/);
      expect(r.status).toBe(0);
    }
  }, 120_000);
});
