import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './env.ts';

const rsaPublicKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

const live = {
  NODE_ENV: 'production',
  CLERK_SECRET_KEY: 'sk_live_abc',
  CLERK_PUBLISHABLE_KEY: 'pk_live_abc',
  CLERK_WEBHOOK_SIGNING_SECRET: 'whsec_abc',
  DATABASE_URL: 'postgres://db.example/lending',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('defaults to the embedded database and local identity in development', () => {
    const config = parseConfig({});
    expect(config.database.driver).toBe('pglite');
    expect(config.auth.mode).toBe('local');
    expect(config.seed).toBe('demo');
    expect(config.migrateOnStart).toBe(true);
  });

  it('picks the driver from DATABASE_URL', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db' }).database.driver).toBe('postgres');
    expect(
      parseConfig({ DATABASE_URL: 'postgres://u:p@ep-x-123.us-east-2.aws.neon.tech/db' }).database.driver,
    ).toBe('neon');
    expect(
      parseConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', DATABASE_DRIVER: 'neon' }).database.driver,
    ).toBe('neon');
  });

  it('starts in production with live keys and a webhook secret', () => {
    const config = parseConfig(live);
    expect(config.auth.mode).toBe('clerk');
    expect(config.migrateOnStart).toBe(false);
  });

  it('refuses local mode in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join()).toMatch(/Local identity mode/);
  });

  it('refuses test keys in production unless explicitly allowed', () => {
    const env = { ...live, CLERK_SECRET_KEY: 'sk_test_abc', CLERK_PUBLISHABLE_KEY: 'pk_test_abc' };
    expect(problemsOf(env).join()).toMatch(/test keys/);
    expect(problemsOf({ ...env, LENDING_ALLOW_TEST_KEYS_IN_PRODUCTION: 'true' })).toEqual([]);
  });

  it('refuses mixed test and live keys', () => {
    expect(problemsOf({ ...live, CLERK_PUBLISHABLE_KEY: 'pk_test_abc' }).join()).toMatch(
      /same Clerk instance/,
    );
    expect(
      problemsOf({ CLERK_SECRET_KEY: 'sk_live_abc', CLERK_PUBLISHABLE_KEY: 'pk_test_abc' }).join(),
    ).toMatch(/same Clerk instance/);
  });

  it('refuses production without a webhook secret', () => {
    const { CLERK_WEBHOOK_SIGNING_SECRET: _omit, ...env } = live;
    expect(problemsOf(env).join()).toMatch(/CLERK_WEBHOOK_SIGNING_SECRET is required/);
  });

  it('turns a PEM with literal \\n into a real PEM', () => {
    const config = parseConfig({ CLERK_JWT_KEY: rsaPublicKeyPem.trim().replace(/\n/g, '\\n') });
    expect(config.auth.jwtKey).toBe(rsaPublicKeyPem.trim());
  });

  it('refuses a CLERK_JWT_KEY that does not parse as a public key', () => {
    expect(
      problemsOf({ CLERK_JWT_KEY: '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----' }).join(),
    ).toMatch(/CLERK_JWT_KEY is not a PEM public key/);
    expect(problemsOf({ CLERK_JWT_KEY: 'not a key' }).join()).toMatch(/CLERK_JWT_KEY/);
  });

  it('takes the number of trusted proxy hops', () => {
    expect(parseConfig({}).trustProxyHops).toBe(1);
    expect(parseConfig({ LENDING_TRUST_PROXY: 'true', LENDING_TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(
      2,
    );
    expect(problemsOf({ LENDING_TRUST_PROXY_HOPS: '0' }).join()).toMatch(/LENDING_TRUST_PROXY_HOPS/);
  });

  it('explains an invalid value', () => {
    expect(problemsOf({ PORT: 'eighty' }).join()).toMatch(/PORT/);
  });
});
