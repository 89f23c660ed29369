/** `lending board` through the real CLI against an embedded database: all or nothing, by line and field. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, schema } from '@lending/core';
import { makeBorrower, makeOrganization, makeProduct } from '@lending/core/testing';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const main = path.join(root, 'packages/cli/src/main.ts');

function lending(args: string[], env: Record<string, string>) {
  return spawnSync(tsx, [main, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

const HEADER =
  'external_id,borrower_email,product,principal,annual_rate_percent,payments,funded_on,installments_paid';

describe('lending board', () => {
  it('boards a good file, refuses a bad one naming line and field, and writes nothing for it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lending-board-'));
    const env = { LENDING_DATA_DIR: dataDir };
    expect(lending(['migrate'], env).status).toBe(0);
    let handle = await openDatabase({ driver: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    const org = await makeOrganization(handle.db);
    const borrower = await makeBorrower(handle.db, org);
    await makeProduct(handle.db, org);
    await handle.close();

    const bad = path.join(dataDir, 'bad.csv');
    writeFileSync(
      bad,
      `${HEADER}\nC-1,${borrower.email},Bridge 12,300000,11.5,12,2026-01-15,2\nC-2,${borrower.email},Bridge 12,300000,eleven,12,2026-01-15,0\n`,
    );
    const refused = lending(['board', bad, '--organization', org.slug, '--as', org.admin.email], env);
    expect(refused.stderr).toContain('Nothing was boarded');
    expect(refused.stderr).toContain('line 3, field annual_rate_percent:');
    expect(refused.status).toBe(2);

    const good = path.join(dataDir, 'good.csv');
    writeFileSync(good, `${HEADER}\nC-1,${borrower.email},Bridge 12,300000,11.5,12,2026-01-15,2\n`);
    const boarded = lending(['board', good, '--organization', org.slug, '--as', org.admin.email], env);
    expect(boarded.stderr).toBe('');
    expect(boarded.stdout).toContain('Boarded 1 loan:\n  line 2: C-1 → L-000001');
    expect(boarded.status).toBe(0);

    // Someone who is not an admin there.
    const notAdmin = lending(['board', good, '--organization', org.slug, '--as', borrower.email], env);
    expect(notAdmin.status).toBe(2);
    expect(notAdmin.stderr).toContain('is not an active admin');

    handle = await openDatabase({ driver: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    const rows = await handle.db.select().from(schema.loans);
    await handle.close();
    expect(rows.filter((l) => l.organizationId === org.id)).toHaveLength(1);
  }, 180_000);

  it('needs a file, an organization and an admin', () => {
    expect(lending(['board'], {}).status).toBe(2);
    expect(lending(['board', 'x.csv', '--organization', 'o'], {}).stderr).toContain('--as');
  });
});
