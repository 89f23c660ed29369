import { TRPC_MAX_BATCH_SIZE } from '@lending/core/inputs';
import type { AppRouter } from '@lending/core/router';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { ServiceUnavailableError } from './errors.ts';

/** `useTRPC()` gives the typed query/mutation options of every procedure of the API. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export interface ApiClientOptions {
  getToken: () => Promise<string | null>;
  getOrganizationId: () => string | null;
  /** Defaults to the browser's fetch; tests pass their own. */
  fetch?: typeof fetch;
}

/**
 * The API always answers JSON. Anything else — a proxy's "Bad Gateway" text while the API restarts,
 * an HTML error page — means the service is not there; without this check the person would read
 * `Unexpected token 'B', "Bad Gateway" is not valid JSON`.
 */
export function jsonOnlyFetch(baseFetch: typeof fetch = (...args) => fetch(...args)): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    const contentType = response.headers.get('content-type') ?? '';
    if (!/\bjson\b/i.test(contentType)) throw new ServiceUnavailableError(response.status);
    return response;
  };
}

/**
 * The API client of a portal: same-origin `/trpc` (proxied to the API by Vite), the session
 * token as `Authorization: Bearer`, the active organization as `x-organization-id`.
 * No transformer: the API sends plain JSON (money and dates are strings).
 */
export function createApiClient({
  getToken,
  getOrganizationId,
  fetch: baseFetch,
}: ApiClientOptions): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        fetch: jsonOnlyFetch(baseFetch),
        maxItems: TRPC_MAX_BATCH_SIZE,
        async headers() {
          const headers: Record<string, string> = {};
          const token = await getToken();
          if (token) headers.authorization = `Bearer ${token}`;
          const organizationId = getOrganizationId();
          if (organizationId) headers['x-organization-id'] = organizationId;
          return headers;
        },
      }),
    ],
  });
}

/** tRPC v11 query keys start with the procedure path: `[['auth', 'me'], {…}]`. */
export function isProcedureKey(queryKey: readonly unknown[], path: readonly string[]): boolean {
  const head = queryKey[0];
  return Array.isArray(head) && path.every((part, i) => head[i] === part);
}
