import { TRPC_MAX_BATCH_SIZE } from '@lending/core/inputs';
import type { AppRouter } from '@lending/core/router';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** `useTRPC()` gives the typed query/mutation options of every procedure of the API. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export interface ApiClientOptions {
  getToken: () => Promise<string | null>;
  getOrganizationId: () => string | null;
}

/**
 * The API client of a portal: same-origin `/trpc` (proxied to the API by Vite), the session
 * token as `Authorization: Bearer`, the active organization as `x-organization-id`.
 * No transformer: the API sends plain JSON (money and dates are strings).
 */
export function createApiClient({ getToken, getOrganizationId }: ApiClientOptions): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
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
