/**
 * Settings → Organization over HTTP: admins rename and edit details (the switcher's `auth.me` shows
 * the new name), every other lender role reads only, nobody else reads at all; bad input is a 400
 * with a sentence and writes nothing.
 */
import { schema } from '@lending/core';
import { BORROWER_ORIGIN } from '@lending/core/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganizationFor,
  createTestApi,
  grantAccess,
  signUpUser,
  type TestApi,
  type TestUser,
  trpcHttp,
} from './testing/test-api.ts';

let api: TestApi;
let admin: TestUser;
let viewer: TestUser;
let otherAdmin: TestUser;
let borrower: TestUser;
let org: { id: string; slug: string };
let otherOrg: { id: string; slug: string };

beforeAll(async () => {
  api = await createTestApi();
  admin = await signUpUser(api);
  org = await createOrganizationFor(api, admin, 'Settings Http Lending');
  viewer = await signUpUser(api);
  await grantAccess(api, { userId: viewer.userId, organizationId: org.id, portal: 'lender', role: 'viewer' });
  borrower = await signUpUser(api);
  await grantAccess(api, {
    userId: borrower.userId,
    organizationId: org.id,
    portal: 'borrower',
    role: 'borrower',
  });
  otherAdmin = await signUpUser(api);
  otherOrg = await createOrganizationFor(api, otherAdmin, 'Settings Http Other');
});
afterAll(() => api.close());

async function settingsAs(user: TestUser, organizationId = org.id, origin?: string) {
  return trpcHttp(api, 'organizations.settings', {
    type: 'query',
    token: await user.token(origin),
    organizationId,
  });
}

async function updateAs(user: TestUser, input: unknown, organizationId = org.id, origin?: string) {
  return trpcHttp(api, 'organizations.updateSettings', {
    type: 'mutation',
    input,
    token: await user.token(origin),
    organizationId,
  });
}

async function currentRow() {
  const [row] = await api.db.select().from(schema.organizations).where(eq(schema.organizations.id, org.id));
  return row!;
}

describe('organization settings', () => {
  it('an admin renames the organization and sets its details; auth.me shows the new name', async () => {
    const { status, body } = await updateAs(admin, {
      name: 'Settings Http Lending West',
      contactEmail: 'loans@west.test',
      phone: '+1 555 010 2030',
      addressLine1: '100 Congress Ave',
      city: 'Austin',
      region: 'TX',
      postalCode: '78701',
      country: 'United States',
    });
    expect(status).toBe(200);
    expect(body.result.data.organization).toMatchObject({
      id: org.id,
      name: 'Settings Http Lending West',
      slug: org.slug,
      city: 'Austin',
      addressLine2: null,
    });
    const me = await trpcHttp(api, 'auth.me', { type: 'query', token: await admin.token() });
    expect(me.body.result.data.accesses).toContainEqual(
      expect.objectContaining({
        organizationId: org.id,
        organizationName: 'Settings Http Lending West',
        organizationCity: 'Austin',
      }),
    );
  });

  it('a viewer reads the settings but cannot change them (403, nothing written)', async () => {
    const read = await settingsAs(viewer);
    expect(read.status).toBe(200);
    expect(read.body.result.data.organization).toMatchObject({
      name: 'Settings Http Lending West',
      city: 'Austin',
    });
    const before = await currentRow();
    const write = await updateAs(viewer, { name: 'Viewer Was Here' });
    expect(write.status).toBe(403);
    expect(await currentRow()).toEqual(before);
  });

  it('another organization’s admin and a borrower of this one get 403 for both', async () => {
    const before = await currentRow();
    expect((await settingsAs(otherAdmin)).status).toBe(403);
    expect((await updateAs(otherAdmin, { name: 'Hijacked' })).status).toBe(403);
    expect((await settingsAs(borrower, org.id, BORROWER_ORIGIN)).status).toBe(403);
    expect((await updateAs(borrower, { name: 'Hijacked' }, org.id, BORROWER_ORIGIN)).status).toBe(403);
    // With their own organization in the header, the other admin edits only their own.
    const own = await updateAs(otherAdmin, { city: 'Boston' }, otherOrg.id);
    expect(own.status).toBe(200);
    expect(own.body.result.data.organization.id).toBe(otherOrg.id);
    expect(await currentRow()).toEqual(before);
  });

  it('refuses a link name another organization holds with 409 and a sentence', async () => {
    const before = await currentRow();
    const { status, body } = await updateAs(admin, { slug: otherOrg.slug, name: 'Should Not Stick' });
    expect(status).toBe(409);
    expect(body.error.message).toBe(
      `The link name “${otherOrg.slug}” is already used by another organization. Choose another one.`,
    );
    expect(await currentRow()).toEqual(before);
  });

  it('changes the link name: the new apply link works, the old one no longer does', async () => {
    const { status } = await updateAs(admin, { slug: 'west-lending' });
    expect(status).toBe(200);
    const fresh = await trpcHttp(api, 'organizations.publicProfile', {
      type: 'query',
      input: { slug: 'west-lending' },
    });
    expect(fresh.body.result.data.organization).toMatchObject({ id: org.id, city: 'Austin' });
    const old = await trpcHttp(api, 'organizations.publicProfile', {
      type: 'query',
      input: { slug: org.slug },
    });
    expect(old.status).toBe(404);
  });

  it('answers bad input (1 MB strings included) with 400 and person-readable messages, writing nothing', async () => {
    const before = await currentRow();
    const megabyte = 'x'.repeat(1_000_000);
    const tooLong = await updateAs(admin, { name: megabyte });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.data.fieldErrors).toEqual({
      name: ['The organization name can have at most 120 characters.'],
    });
    const several = await updateAs(admin, {
      city: megabyte.slice(0, 500_000),
      contactEmail: 'nope',
      slug: 'A B',
    });
    expect(several.status).toBe(400);
    expect(several.body.error.message).toMatch(/^Please fix these fields\. /);
    expect(several.body.error.message).toMatch(/City: The city can have at most 100 characters\./);
    expect(several.body.error.message).toMatch(/Contact email: Enter a valid email address/);
    const wrongType = await updateAs(admin, { name: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).not.toMatch(/expected|received|Invalid input/);
    expect(await currentRow()).toEqual(before);
  });
});
