/** `lending outbox` through the real CLI, reading what the outbox sender wrote. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOutboxEmailSender } from '@lending/core';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const main = path.join(root, 'packages/cli/src/main.ts');

function lending(args: string[], env: Record<string, string>) {
  return spawnSync(tsx, [main, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('lending outbox', () => {
  it('says when the outbox is empty, then lists messages with their links', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lending-outbox-cli-'));
    const empty = lending(['outbox'], { LENDING_DATA_DIR: dataDir });
    expect(empty.status).toBe(0);
    expect(empty.stdout).toMatch(/is empty/);
    const sender = createOutboxEmailSender({ dir: path.join(dataDir, 'outbox'), from: 'x@lending.test' });
    for (const to of ['a@example.test', 'b@example.test']) {
      await sender.send({
        to,
        subject: `Hello ${to}`,
        text: 'Body',
        html: '<p>Body</p>',
        links: [`http://l/invitations/${to}`],
      });
    }
    const all = lending(['outbox'], { LENDING_DATA_DIR: dataDir });
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(
      /to a@example\.test\n {2}Hello a@example\.test\n {2}http:\/\/l\/invitations\/a@example\.test/,
    );
    const one = lending(['outbox', '--to', 'B@example.test', '--json'], { LENDING_DATA_DIR: dataDir });
    expect(JSON.parse(one.stdout).map((m: { to: string }) => m.to)).toEqual(['b@example.test']);
    const bad = lending(['outbox', '--last', 'x'], { LENDING_DATA_DIR: dataDir });
    expect(bad.status).toBe(2);
  });
});
