/**
 * Example: list the team of an organization with the typed client.
 *
 *   LENDING_API_URL=http://127.0.0.1:3000 LENDING_TOKEN=<session token> LENDING_ORGANIZATION_ID=<uuid> \
 *     pnpm --filter @lending/client example
 *
 * Without LENDING_TOKEN, and with the API in local mode, it signs in as the seeded demo admin through
 * the local identity provider — so against `npm start` it runs as is.
 */
import { createLendingClient, isApiError } from '../src/index.ts';

const baseUrl = process.env.LENDING_API_URL ?? 'http://127.0.0.1:3000';

async function localDemoToken(): Promise<string> {
  const { users } = (await (await fetch(`${baseUrl}/api/local-auth/users`)).json()) as {
    users: Array<{ id: string; email: string }>;
  };
  const admin = users.find((u) => u.email === 'admin@demo-lending.test');
  if (!admin) throw new Error('No demo admin: is the API running in local mode with the demo seed?');
  const response = await fetch(`${baseUrl}/api/local-auth/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
    body: JSON.stringify({ userId: admin.id }),
  });
  return ((await response.json()) as { token: string }).token;
}

const token = process.env.LENDING_TOKEN ?? (await localDemoToken());
const anonymous = createLendingClient({ baseUrl, getToken: () => token });
const me = await anonymous.auth.me.query();
const organizationId =
  process.env.LENDING_ORGANIZATION_ID ?? me.accesses.find((a) => a.portal === 'lender')?.organizationId;
console.log(
  `Signed in as ${me.user.email}; organizations: ${me.accesses.map((a) => `${a.organizationName} (${a.portal}/${a.role})`).join(', ')}`,
);

const client = createLendingClient({ baseUrl, getToken: () => token, organizationId });
try {
  const { members } = await client.team.listMembers.query();
  for (const m of members)
    console.log(`${m.email}\t${m.portal}\t${m.role}\t${m.isActive ? 'active' : 'inactive'}`);
} catch (error) {
  if (isApiError(error)) console.error(`API refused: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
