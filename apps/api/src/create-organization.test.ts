/** Lending-company sign-up: one transaction creates the organization and makes the caller its admin. */
import { schema } from '@lending/core';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, signUpUser, type TestApi, trpcHttp } from './testing/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

async function post(body: string, token?: string) {
  return api.app.request('/api/auth/create-organization', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

async function countOrgs() {
  const [row] = await api.db.select({ n: count() }).from(schema.organizations);
  return row!.n;
}

describe('POST /api/auth/create-organization', () => {
  it('creates the organization with a unique slug and makes the caller lender admin', async () => {
    const user = await signUpUser(api);
    const first = await post(JSON.stringify({ name: 'Harbor Bridge Capital' }), await user.token());
    expect(first.status).toBe(201);
    const { organization } = (await first.json()) as {
      organization: { id: string; name: string; slug: string };
    };
    expect(organization).toMatchObject({ name: 'Harbor Bridge Capital', slug: 'harbor-bridge-capital' });
    const second = await post(JSON.stringify({ name: 'Harbor Bridge Capital!' }), await user.token());
    // The name's slug is taken: a short random suffix, not -2, -3, … probing.
    expect(((await second.json()) as { organization: { slug: string } }).organization.slug).toMatch(
      /^harbor-bridge-capital-[a-z2-9]{6}$/,
    );
    const me = await trpcHttp(api, 'auth.me', { type: 'query', token: await user.token() });
    expect(me.body.result.data.accesses).toContainEqual(
      expect.objectContaining({ organizationId: organization.id, portal: 'lender', role: 'admin' }),
    );
    const audit = await api.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, organization.id));
    expect(audit.map((a) => a.action)).toContain('organization.created');
  });

  it('answers bad input with 400 and a message a person understands, creating nothing', async () => {
    const user = await signUpUser(api);
    const before = await countOrgs();
    const short = await post(JSON.stringify({ name: 'x' }), await user.token());
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({
      error: 'Name: The organization name needs at least 2 characters.',
      fieldErrors: { name: ['The organization name needs at least 2 characters.'] },
    });
    const notJson = await post('{name:', await user.token());
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'The request body must be JSON.' });
    const missing = await post('{}', await user.token());
    expect(missing.status).toBe(400);
    expect(await countOrgs()).toBe(before);
  });

  it('requires a signed-in caller (401)', async () => {
    expect((await post(JSON.stringify({ name: 'Nobody Capital' }))).status).toBe(401);
  });

  it('leaves no organization and no access behind when the transaction fails part-way', async () => {
    const user = await signUpUser(api);
    const before = await countOrgs();
    // A real failure inside the transaction: the second statement (granting admin access) raises.
    await api.db.execute(
      sql`create function fail_access_insert() returns trigger language plpgsql as $$ begin raise exception 'simulated failure'; end; $$`,
    );
    await api.db.execute(
      sql`create trigger fail_access before insert on user_portal_access for each row execute function fail_access_insert()`,
    );
    try {
      const response = await post(JSON.stringify({ name: 'Half Done Lending' }), await user.token());
      expect(response.status).toBe(500);
    } finally {
      await api.db.execute(sql`drop trigger fail_access on user_portal_access`);
      await api.db.execute(sql`drop function fail_access_insert()`);
    }
    expect(await countOrgs()).toBe(before);
    const orphan = await api.db
      .select()
      .from(schema.organizations)
      .where(eq(schema.organizations.name, 'Half Done Lending'));
    expect(orphan).toHaveLength(0);
    const access = await api.db
      .select()
      .from(schema.userPortalAccess)
      .where(eq(schema.userPortalAccess.userId, user.userId));
    expect(access).toHaveLength(0);
  });

  it('is also a tRPC mutation with the same validation', async () => {
    const user = await signUpUser(api);
    const ok = await trpcHttp(api, 'organizations.create', {
      type: 'mutation',
      token: await user.token(),
      input: { name: 'Trpc Lending' },
    });
    expect(ok.body.result.data.organization.slug).toBe('trpc-lending');
    const bad = await trpcHttp(api, 'organizations.create', {
      type: 'mutation',
      token: await user.token(),
      input: { name: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/at least 2 characters/);
    expect(bad.body.error.data.fieldErrors).toEqual({
      name: ['The organization name needs at least 2 characters.'],
    });
  });
});
