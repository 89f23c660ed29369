/** `lending migrate` through the real CLI, against a fresh PGlite directory and the machine's PostgreSQL. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestConfig } from '@lending/core';
import { createTestDatabase } from '@lending/core/testing';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const main = path.join(root, 'packages/cli/src/main.ts');

function lending(args: string[], env: Record<string, string>) {
  return spawnSync(tsx, [main, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    // A fresh embedded database runs every migration in WebAssembly: slow on a loaded 2-core machine.
    timeout: 150_000,
  });
}

describe('lending migrate', () => {
  it('migrates an embedded database, and again with nothing to do', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lending-migrate-'));
    for (let i = 0; i < 2; i++) {
      const result = lending(['migrate'], { LENDING_DATA_DIR: dataDir });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('Migrations applied (pglite).\n');
      expect(result.status).toBe(0);
    }
  }, 320_000);

  it.runIf(loadTestConfig().database !== 'pglite')(
    'migrates a PostgreSQL database from DATABASE_URL',
    async () => {
      const database = await createTestDatabase();
      try {
        const result = lending(['migrate'], { DATABASE_URL: database.url! });
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/Migrations applied/);
      } finally {
        await database.close();
      }
    },
  );

  it('refuses extra arguments with exit code 2', () => {
    const result = lending(['migrate', 'now'], {});
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unexpected argument "now"/);
  });
});
