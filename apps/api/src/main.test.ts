/** The real start-up: the API refuses to start in production when misconfigured (non-zero exit, clear message). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.resolve(apiDir, '../../node_modules/.bin/tsx');

function start(env: Record<string, string>) {
  // Only what the test sets: no inherited Clerk or database variables.
  return spawnSync(tsx, ['src/main.ts'], {
    cwd: apiDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('production refusals at start-up', () => {
  it('refuses local identity mode', () => {
    const result = start({ NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Local identity mode is for development only/);
  });

  it('refuses test keys, mixed keys and a missing webhook secret', () => {
    const result = start({
      NODE_ENV: 'production',
      CLERK_SECRET_KEY: 'sk_test_abc',
      CLERK_PUBLISHABLE_KEY: 'pk_live_abc',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/test keys/);
    expect(result.stderr).toMatch(/same Clerk instance/);
    expect(result.stderr).toMatch(/CLERK_WEBHOOK_SIGNING_SECRET is required/);
  });
});
