/**
 * Example: list the team of an organization with the typed client.
 *
 *   LENDING_API_URL=http://127.0.0.1:3000 LENDING_TOKEN=<session token> LENDING_ORGANIZATION_ID=<uuid> \
 *     pnpm --filter @lending/client example
 *
 * Without LENDING_TOKEN, and with the API in local mode, it signs in as the seeded demo admin through
 * the local identity provider — so against `npm start` it runs as is. Whatever goes wrong (wrong URL,
 * refused token, no access) ends in one line on stderr and exit code 1, not a stack trace.
 */
import { createLendingClient, isApiError } from '../src/index.ts';

const baseUrl = (process.env.LENDING_API_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');

/** A problem the person running the example can fix; printed as one line. */
class ExampleError extends Error {}

/** ECONNREFUSED, ENOTFOUND, "bad port", a timeout…: the reason a request never got an answer. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** fetch, with network failures and non-API answers turned into sentences. */
async function request(path: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new ExampleError(
      `Cannot reach the API at ${baseUrl} (${networkReason(error)}). Is it running? Set LENDING_API_URL to its address.`,
    );
  }
  return response;
}

async function readJson<T>(response: Response, what: string): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch {
    throw new ExampleError(
      `${baseUrl} answered ${what} with HTTP ${response.status} that is not JSON: is LENDING_API_URL the Lending OS API?`,
    );
  }
}

async function localDemoToken(): Promise<string> {
  const listed = await request('/api/local-auth/users');
  if (listed.status === 404) {
    throw new ExampleError(
      `${baseUrl} has no local sign-in (the API is not in local mode, or this is not the Lending OS API). Set LENDING_TOKEN to a session token.`,
    );
  }
  const { users } = await readJson<{ users?: Array<{ id: string; email: string }> }>(listed, 'the user list');
  const admin = users?.find((u) => u.email === 'admin@demo-lending.test');
  if (!admin) throw new ExampleError('No demo admin: is the API running in local mode with the demo seed?');
  const session = await request('/api/local-auth/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
    body: JSON.stringify({ userId: admin.id }),
  });
  const { token } = await readJson<{ token?: string }>(session, 'the sign-in');
  if (!session.ok || !token) throw new ExampleError(`Local sign-in failed (HTTP ${session.status}).`);
  return token;
}

/** One line for any failure of a typed-client call. */
function describeClientError(error: unknown): string {
  if (error instanceof ExampleError) return error.message;
  if (isApiError(error)) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (status === 401) return `The API refused the token (401): ${error.message} Check LENDING_TOKEN.`;
    if (status === 403) return `No access (403): ${error.message} Check LENDING_ORGANIZATION_ID.`;
    if (status) return `The API answered ${status}: ${error.message}`;
    // No tRPC envelope: a network failure, or something other than the API answered.
    if (/fetch failed/i.test(error.message) || error.cause instanceof TypeError) {
      return `Cannot reach the API at ${baseUrl} (${networkReason(error.cause ?? error)}). Is it running? Set LENDING_API_URL to its address.`;
    }
    return `${baseUrl} did not answer like the Lending OS API (its answer is not tRPC JSON). Check LENDING_API_URL.`;
  }
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(): Promise<void> {
  const token = process.env.LENDING_TOKEN ?? (await localDemoToken());
  const signedIn = createLendingClient({ baseUrl, getToken: () => token });
  const me = await signedIn.auth.me.query();
  const organizationId =
    process.env.LENDING_ORGANIZATION_ID ?? me.accesses.find((a) => a.portal === 'lender')?.organizationId;
  console.log(
    `Signed in as ${me.user.email}; organizations: ${me.accesses.map((a) => `${a.organizationName} (${a.portal}/${a.role})`).join(', ') || 'none'}`,
  );
  if (!organizationId) throw new ExampleError('This user has no lender access: set LENDING_ORGANIZATION_ID.');

  const client = createLendingClient({ baseUrl, getToken: () => token, organizationId });
  const { members } = await client.team.listMembers.query();
  for (const m of members)
    console.log(`${m.email}\t${m.portal}\t${m.role}\t${m.isActive ? 'active' : 'inactive'}`);
}

try {
  await main();
} catch (error) {
  console.error(describeClientError(error));
  process.exitCode = 1;
}
