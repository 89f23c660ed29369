/**
 * The API's edge: what every answer carries (request id, security headers), what no answer ever
 * carries (SQL, parameters, stacks outside development), whose address a limit counts, and the
 * limits themselves — shared by API instances on one PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress } from './app.ts';
import { calculatorTerms } from './testing/procedure-calls.ts';
import {
  createOrganizationFor,
  createTestApi,
  signUpUser,
  type TestApi,
  type TestUser,
  trpcHttp,
} from './testing/test-api.ts';

describe('clientAddress', () => {
  it('takes the entry the trusted proxies appended, never the one the client wrote', () => {
    expect(clientAddress('6.6.6.6, 203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7');
    expect(clientAddress('6.6.6.6, 203.0.113.7, 10.0.0.9', '10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '10.0.0.2', 2)).toBe('10.0.0.2');
    expect(clientAddress(undefined, '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientAddress('6.6.6.6', '10.0.0.2', 0)).toBe('10.0.0.2');
  });
});

/** A fault on our side: inserting an organization reaches the database and fails there. */
async function installFailingTrigger(api: TestApi) {
  await api.db.execute(
    sql.raw(`create function refuse_org() returns trigger language plpgsql as $$
      begin raise exception 'simulated failure for %', new.name; end; $$`),
  );
  await api.db.execute(
    sql.raw(
      'create trigger refuse_org before insert on organizations for each row execute function refuse_org()',
    ),
  );
}

describe('internal errors', () => {
  let api: TestApi;
  let user: TestUser;
  beforeAll(async () => {
    api = await createTestApi();
    user = await signUpUser(api);
    await installFailingTrigger(api);
  });
  afterAll(() => api.close());

  it('a tRPC 5xx carries a request id and neither SQL, parameters nor a stack', async () => {
    const response = await api.app.request('/trpc/organizations.create', {
      method: 'POST',
      headers: { authorization: `Bearer ${await user.token()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Secret Name Co' }),
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    expect(text).toContain(requestId!);
    expect(text).toMatch(/Something went wrong on our side/);
    // The SQL, the table, the parameter values, the database's message, a stack.
    for (const leak of [
      'insert into',
      '\\"organizations\\"',
      'Secret Name Co',
      'simulated failure',
      '"stack"',
    ]) {
      expect(text.toLowerCase(), leak).not.toContain(leak.toLowerCase());
    }
  });

  it('a plain-route 5xx carries the request id and no SQL', async () => {
    const response = await api.app.request('/api/auth/create-organization', {
      method: 'POST',
      headers: { authorization: `Bearer ${await user.token()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Secret Name Co' }),
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; requestId: string };
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toMatch(/insert|Secret Name Co|simulated/i);
  });

  it('shows the stack only in development, and still no SQL', async () => {
    const development = await createTestApi({ NODE_ENV: 'development' });
    try {
      const person = await signUpUser(development);
      await installFailingTrigger(development);
      const { status, body } = await trpcHttp(development, 'organizations.create', {
        type: 'mutation',
        input: { name: 'Dev Co' },
        token: await person.token(),
      });
      expect(status).toBe(500);
      expect(body.error.data.stack).toBeTruthy();
      expect(body.error.message).not.toMatch(/insert|simulated/i);
    } finally {
      await development.close();
    }
  });
});

describe('headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('every answer has a request id and nosniff; signed-in answers are not stored; no HSTS outside production', async () => {
    const health = await api.app.request('/health');
    expect(health.headers.get('x-request-id')).toBeTruthy();
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('strict-transport-security')).toBeNull();
    const user = await signUpUser(api);
    const me = await api.app.request('/trpc/auth.me', {
      headers: { authorization: `Bearer ${await user.token()}` },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('sends HSTS in production', async () => {
    const production = await createTestApi({
      NODE_ENV: 'production',
      LENDING_ALLOW_TEST_KEYS_IN_PRODUCTION: 'true',
    });
    try {
      const health = await production.app.request('/health');
      expect(health.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await production.close();
    }
  });
});

describe('rate limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(
      { LENDING_TRUST_PROXY: 'true' },
      {
        rateLimits: {
          calculator: { points: 3 },
          publicProfile: { points: 2 },
          createOrganization: { points: 2 },
        },
      },
    );
  });
  afterAll(() => api.close());

  const calculate = (forwardedFor: string) =>
    api.app.request(
      `/trpc/calculator.schedule?input=${encodeURIComponent(JSON.stringify(calculatorTerms))}`,
      {
        headers: { 'x-forwarded-for': forwardedFor },
      },
    );

  it('counts the address the trusted proxy saw: rewriting the leftmost entry does not reset the count', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await calculate(`198.51.100.${i}, 203.0.113.50`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await calculate('198.51.100.1, 203.0.113.51')).status).toBe(200);
  });

  it('limits public profile look-ups per address', async () => {
    const owner = await signUpUser(api);
    const org = await createOrganizationFor(api, owner);
    const lookUp = () =>
      api.app.request(
        `/trpc/organizations.publicProfile?input=${encodeURIComponent(JSON.stringify({ slug: org.slug }))}`,
        {
          headers: { 'x-forwarded-for': '203.0.113.60' },
        },
      );
    expect([(await lookUp()).status, (await lookUp()).status, (await lookUp()).status]).toEqual([
      200, 200, 429,
    ]);
  });

  it('limits organization sign-ups per user, over the REST route and tRPC together', async () => {
    const user = await signUpUser(api);
    await createOrganizationFor(api, user, 'First Co');
    const { status } = await trpcHttp(api, 'organizations.create', {
      type: 'mutation',
      input: { name: 'Second Co' },
      token: await user.token(),
    });
    expect(status).toBe(200);
    const third = await api.app.request('/api/auth/create-organization', {
      method: 'POST',
      headers: { authorization: `Bearer ${await user.token()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Third Co' }),
    });
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: string }).error).toMatch(/wait/);
    // Someone else is not affected.
    await createOrganizationFor(api, await signUpUser(api), 'Other Co');
  });
});

describe.runIf(process.env.TEST_DATABASE === 'postgres' || process.env.TEST_DATABASE === 'neon')(
  'rate limits across API instances',
  () => {
    it('two API instances on one database share one count', async () => {
      const first = await createTestApi(
        { LENDING_TRUST_PROXY: 'true' },
        { rateLimits: { calculator: { points: 2 } } },
      );
      try {
        const { buildRuntime, createApp } = await import('./app.ts');
        const { createRateLimits } = await import('@lending/core');
        const second = createApp(
          buildRuntime(first.config, first.db, {
            databaseDriver: first.database.driver,
            rateLimits: createRateLimits(first.db, first.database.driver, { calculator: { points: 2 } }),
          }),
        );
        const url = `/trpc/calculator.schedule?input=${encodeURIComponent(JSON.stringify(calculatorTerms))}`;
        const headers = { 'x-forwarded-for': '203.0.113.70' };
        expect((await first.app.request(url, { headers })).status).toBe(200);
        expect((await second.request(url, { headers })).status).toBe(200);
        expect((await first.app.request(url, { headers })).status).toBe(429);
        expect((await second.request(url, { headers })).status).toBe(429);
      } finally {
        await first.close();
      }
    });
  },
);
