/**
 * Organizations as a person meets them: namesakes told apart in the switcher, Settings → Organization
 * (rename, details, link name with a warning) for an admin and read-only for a viewer, a deactivated
 * borrower told the truth once, and a link to the other portal.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { newContext, PHONE, signInAs } from '../src/browser.ts';
import { runId, useBrowser } from '../src/harness.ts';

const apiUrl = inject('apiUrl');
const lenderUrl = inject('lenderUrl');
const borrowerUrl = inject('borrowerUrl');

/** Direct API calls, to set the scene without going through other screens. */
async function api<T>(path: string, init: RequestInit & { origin?: string } = {}): Promise<T> {
  const { origin, ...rest } = init;
  const response = await fetch(`${apiUrl}${path}`, {
    ...rest,
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}), ...rest.headers },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function localUser(email: string, firstName: string, lastName: string): Promise<string> {
  const { user } = await api<{ user: { id: string } }>('/api/local-auth/users', {
    method: 'POST',
    origin: lenderUrl, // local sign-in writes are answered only for a portal origin
    body: JSON.stringify({ email, firstName, lastName }),
  });
  return user.id;
}

async function userIdOf(email: string): Promise<string> {
  const { users } = await api<{ users: Array<{ id: string; email: string }> }>('/api/local-auth/users');
  const user = users.find((u) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
}

async function tokenFor(userId: string, origin: string): Promise<string> {
  const { token } = await api<{ token: string }>('/api/local-auth/sessions', {
    method: 'POST',
    origin,
    body: JSON.stringify({ userId }),
  });
  return token;
}

async function mutate<T>(path: string, input: unknown, token: string, organizationId?: string): Promise<T> {
  const body = await api<{ result: { data: T } }>(`/trpc/${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(organizationId ? { 'x-organization-id': organizationId } : {}),
    },
    body: JSON.stringify(input),
  });
  return body.result.data;
}

async function openSwitcher(page: Page) {
  await page.getByRole('button', { name: /Switch organization/ }).click();
  await page.getByRole('menu').waitFor();
}

describe.sequential('organizations', () => {
  const harness = useBrowser();
  const ownerEmail = `twin-owner-${runId}@example.test`;
  const twinName = `Twin Capital ${runId}`;
  const renamed = `Harbor North ${runId}`;
  const newSlug = `harbor-north-${runId}`;
  let owner: Page;

  test('two organizations of one name are told apart in the switcher', async () => {
    const ownerId = await localUser(ownerEmail, 'Tess', 'Twin');
    const token = await tokenFor(ownerId, lenderUrl);
    const first = await mutate<{ organization: { slug: string } }>(
      'organizations.create',
      { name: twinName },
      token,
    );
    const second = await mutate<{ organization: { slug: string } }>(
      'organizations.create',
      { name: twinName },
      token,
    );
    expect(second.organization.slug).toMatch(new RegExp(`^${first.organization.slug}-[a-z2-9]{6}$`));

    owner = harness.track(await (await newContext(harness.browser, lenderUrl)).newPage());
    await owner.goto('/sign-in');
    await signInAs(owner, ownerEmail);
    await owner.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await openSwitcher(owner);
    for (const slug of [first.organization.slug, second.organization.slug]) {
      await owner.getByRole('menuitem', { name: `${twinName} ${slug} Admin` }).waitFor();
    }
    await owner.keyboard.press('Escape');
    // The header names the active one with its link name too.
    await owner.getByRole('button', { name: new RegExp(`^Organization: ${twinName} \\(`) }).waitFor();
  });

  test('the admin renames the organization, sets its details and changes its link after a warning', async () => {
    await owner.getByRole('link', { name: 'Settings' }).click();
    await owner.getByRole('tab', { name: 'Organization' }).click();
    await owner.waitForURL((u) => u.pathname === '/settings/organization');
    const form = owner.getByRole('form', { name: 'Organization settings' });
    await form.getByLabel('Organization name').waitFor();
    expect(await owner.title()).toMatch(
      new RegExp(`^Organization settings · ${twinName} .*— Lender portal$`),
    );

    // Inline messages from the API's own schema.
    await form.getByLabel('Organization name').fill('x');
    await form.getByLabel('Link name').fill('Not A Slug');
    await form.getByLabel('Contact email').fill('nope');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('The organization name needs at least 2 characters.').waitFor();
    await form.getByText(/Use lower-case letters, digits and single hyphens/).waitFor();
    await form.getByText(/Enter a valid email address/).waitFor();

    // A link name another organization holds: refused, under the field.
    await form.getByLabel('Organization name').fill(renamed);
    await form.getByLabel('Link name').fill('demo-lending');
    await form.getByLabel('Contact email').fill('');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await owner
      .getByRole('dialog', { name: 'Change the apply link?' })
      .getByRole('button', { name: 'Change the link' })
      .click();
    await form
      .getByText('The link name “demo-lending” is already used by another organization.', { exact: false })
      .waitFor();

    await form.getByLabel('Link name').fill(newSlug);
    await form.getByLabel('Contact email').fill('loans@harbor-north.test');
    await form.getByLabel('Phone').fill('+1 (555) 010-2030');
    await form.getByLabel('City').fill('Portland');
    await form.getByRole('button', { name: 'Save changes' }).click();

    const warning = owner.getByRole('dialog', { name: 'Change the apply link?' });
    await warning.getByText('The old link stops working at once', { exact: false }).waitFor();
    await warning.getByText(`/apply/${newSlug}`, { exact: false }).waitFor();
    await warning.getByRole('button', { name: 'Change the link' }).click();
    await owner.getByText(`Saved. The apply link is now`, { exact: false }).waitFor();

    // The switcher shows the new name (unique again, so no hint).
    await owner.getByRole('button', { name: `Organization: ${renamed}. Switch organization` }).waitFor();
    await owner.reload();
    await form.getByLabel('City').waitFor();
    expect(await form.getByLabel('City').inputValue()).toBe('Portland');
    expect(await form.getByLabel('Organization name').inputValue()).toBe(renamed);

    await owner.getByRole('link', { name: 'Dashboard' }).click();
    const applyLink = await owner.getByRole('textbox', { name: 'Public apply link' }).inputValue();
    expect(applyLink).toMatch(new RegExp(`/apply/${newSlug}$`));
    await owner.context().close();
  });

  test('a viewer sees the organization settings read-only', async () => {
    const page = harness.track(await (await newContext(harness.browser, lenderUrl, PHONE)).newPage());
    await page.goto('/settings/organization');
    await signInAs(page, 'viewer@demo-lending.test');
    await page.waitForURL((u) => u.pathname === '/settings/organization');
    await page.getByText('Read only').waitFor();
    await page.getByText('Only admins can change the organization’s settings.', { exact: false }).waitFor();
    await page.getByText('/apply/demo-lending', { exact: false }).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    await page.context().close();
  });

  test('a borrower whose access was turned off is told so, once, on the no-access page', async () => {
    const email = `turned-off-${runId}@example.test`;
    const borrowerId = await localUser(email, 'Tom', 'Off');
    await mutate(
      'organizations.joinAsBorrower',
      { slug: 'demo-lending' },
      await tokenFor(borrowerId, borrowerUrl),
    );
    const adminToken = await tokenFor(await userIdOf('admin@demo-lending.test'), lenderUrl);
    const me = await fetch(`${apiUrl}/trpc/auth.me`, { headers: { authorization: `Bearer ${adminToken}` } });
    const demo = (
      (await me.json()) as {
        result: { data: { accesses: Array<{ organizationId: string; organizationSlug: string }> } };
      }
    ).result.data.accesses.find((a) => a.organizationSlug === 'demo-lending')!;
    await mutate(
      'team.setAccessActive',
      { userId: borrowerId, portal: 'borrower', isActive: false },
      adminToken,
      demo.organizationId,
    );

    const page = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await page.goto('/sign-in');
    await signInAs(page, email);
    await page.getByRole('heading', { name: 'Your access was turned off' }).waitFor();
    await page
      .getByText('Demo Lending turned off your access to the borrower portal', { exact: false })
      .waitFor();
    await page
      .getByText('opening their apply link again does not turn it back on', { exact: false })
      .waitFor();
    expect(await page.title()).toBe('Your access was turned off — Borrower portal');
    // The apply link says the same, instead of offering Start.
    await page.goto('/apply/demo-lending');
    await page
      .getByText('Demo Lending turned off your access to its borrower portal', { exact: false })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Start' }).count()).toBe(0);
    await page.context().close();
  });

  test('lender staff on the borrower portal get a link to the lender portal', async () => {
    const page = harness.track(await (await newContext(harness.browser, borrowerUrl)).newPage());
    await page.goto('/sign-in');
    await signInAs(page, 'servicer@demo-lending.test');
    await page.getByRole('heading', { name: 'You are not connected to a lender yet' }).waitFor();
    const link = page.getByRole('link', { name: 'Sign in to the lender portal instead' });
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
    await page.context().close();
  });
});
